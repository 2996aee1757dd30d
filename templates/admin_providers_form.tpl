{{%AUTOESCAPE context="HTML"}}{{! admin_providers_form.tpl: add a provider to the official list, or edit a listing: one form for both }}
{{>HEADER}}
<section class="card provider-form">
  <p class="hint"><a href="/admin/providers">[[Official provider list]]</a></p>
  {{#NEW}}<h1>[[Add a provider]]</h1>
  <p class="lead">[[Creates the provider's partner account for its directory tenant, makes the tenant's global admins its admin agents, and lists it on the public provider list.]]</p>{{/NEW}}
  {{#EDIT}}<h1>[[Edit a provider listing]]</h1>
  <p class="lead">[[Changes show on the public provider list at once.]]</p>{{/EDIT}}
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">[[Check the fields marked below. Nothing was saved.]]</p>{{/FORM_ERROR}}
  <form method="post" action="{{#NEW}}/admin/providers/new{{/NEW}}{{#EDIT}}/admin/providers/edit{{/EDIT}}" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{#EDIT}}<input type="hidden" name="id" value="{{ID}}">{{/EDIT}}
    {{#NEW}}<label for="tenant_id">[[Directory tenant]] <span class="hint">[[tenants without a partner account]]</span></label>
    <select id="tenant_id" name="tenant_id" required{{#TENANT_ERROR}} aria-invalid="true" aria-describedby="tenant_id-error"{{/TENANT_ERROR}}>
      <option value="">[[Choose a tenant]]</option>
      {{#TENANT_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{DOMAIN}} ({{DISPLAY_NAME}})</option>
      {{/TENANT_OPTION}}
    </select>
    {{#NO_TENANTS}}<p class="hint" id="no-tenants">[[Every directory tenant already has a partner account.]]</p>{{/NO_TENANTS}}
    {{#TENANT_ERROR}}<p class="field-error" id="tenant_id-error">{{MESSAGE}}</p>{{/TENANT_ERROR}}{{/NEW}}

    <label for="name">[[Provider name]]</label>
    <input id="name" name="name" type="text" maxlength="200" value="{{PROVIDER_NAME}}" required{{#PROVIDER_NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/PROVIDER_NAME_ERROR}}>
    {{#PROVIDER_NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/PROVIDER_NAME_ERROR}}

    <label for="headline">[[Headline]] <span class="hint">[[one line under the name on the list]]</span></label>
    <input id="headline" name="headline" type="text" maxlength="300" value="{{HEADLINE}}" required{{#HEADLINE_ERROR}} aria-invalid="true" aria-describedby="headline-error"{{/HEADLINE_ERROR}}>
    {{#HEADLINE_ERROR}}<p class="field-error" id="headline-error">{{MESSAGE}}</p>{{/HEADLINE_ERROR}}

    <fieldset class="country-choices"{{#COUNTRIES_ERROR}} aria-invalid="true" aria-describedby="countries-error"{{/COUNTRIES_ERROR}}>
      <legend>[[Countries served]] <span class="hint">[[at least one; the first is the organization's country]]</span></legend>
      {{#COUNTRY}}<label><input type="checkbox" name="countries" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>
      {{/COUNTRY}}
    </fieldset>
    {{#COUNTRIES_ERROR}}<p class="field-error" id="countries-error">{{MESSAGE}}</p>{{/COUNTRIES_ERROR}}

    <label for="services">[[Services offered]] <span class="hint">[[one per line]]</span></label>
    <textarea id="services" name="services" rows="6" required{{#SERVICES_ERROR}} aria-invalid="true" aria-describedby="services-error"{{/SERVICES_ERROR}}>{{SERVICES:p}}</textarea>
    {{#SERVICES_ERROR}}<p class="field-error" id="services-error">{{MESSAGE}}</p>{{/SERVICES_ERROR}}

    <label for="contact_email">[[Contact email]]</label>
    <input id="contact_email" name="contact_email" type="email" maxlength="320" value="{{EMAIL}}" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="contact_email-error"{{/EMAIL_ERROR}}>
    {{#EMAIL_ERROR}}<p class="field-error" id="contact_email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}

    <label for="contact_phone">[[Phone]]</label>
    <input id="contact_phone" name="contact_phone" type="tel" maxlength="40" value="{{PHONE}}" required{{#PHONE_ERROR}} aria-invalid="true" aria-describedby="contact_phone-error"{{/PHONE_ERROR}}>
    {{#PHONE_ERROR}}<p class="field-error" id="contact_phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}

    <label for="website">[[Website]] <span class="hint">[[optional; http:// or https://]]</span></label>
    <input id="website" name="website" type="url" maxlength="300" value="{{WEBSITE}}"{{#WEBSITE_ERROR}} aria-invalid="true" aria-describedby="website-error"{{/WEBSITE_ERROR}}>
    {{#WEBSITE_ERROR}}<p class="field-error" id="website-error">{{MESSAGE}}</p>{{/WEBSITE_ERROR}}

    <button type="submit" class="primary">{{#NEW}}[[Add to the provider list]]{{/NEW}}{{#EDIT}}[[Save listing]]{{/EDIT}}</button>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_tenant.tpl: create a new directory tenant and its first global administrator }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Create new tenant]]</h1>
  <p class="lead">[[Your tenant gets a domain ending in <em>.onmicrosoft.com</em> and a first global administrator.
    Afterwards you sign in with that administrator to continue enrolling.]]</p>
  <form method="post" action="/enroll/tenant" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <fieldset>
      <legend>[[Your organization]]</legend>
      <label for="domain_prefix">[[Domain]] <span class="hint">[[3 to 27 lowercase letters and digits]]</span></label>
      <div class="with-suffix">
        <input id="domain_prefix" name="domain_prefix" required minlength="3" maxlength="27" value="{{DOMAIN_PREFIX}}" autocomplete="off">
        <span class="suffix">[[.onmicrosoft.com]]</span>
      </div>
      {{#ERR_DOMAIN_PREFIX}}<p class="field-error" id="domain_prefix-error">{{MESSAGE}}</p>{{/ERR_DOMAIN_PREFIX}}
      <label for="org_name">[[Organization name]]</label>
      <input id="org_name" name="org_name" required maxlength="200" value="{{ORG_NAME}}" autocomplete="organization">
      {{#ERR_ORG_NAME}}<p class="field-error" id="org_name-error">{{MESSAGE}}</p>{{/ERR_ORG_NAME}}
      <label for="country">[[Country or region]]</label>
      <select id="country" name="country" required>
        <option value="">[[Select a country or region]]</option>
        {{#COUNTRY_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/COUNTRY_OPTION}}
      </select>
      {{#ERR_COUNTRY}}<p class="field-error" id="country-error">{{MESSAGE}}</p>{{/ERR_COUNTRY}}
    </fieldset>
    <fieldset>
      <legend>[[First global administrator]]</legend>
      <label for="admin_name">[[Name]]</label>
      <input id="admin_name" name="admin_name" required maxlength="200" value="{{ADMIN_NAME}}" autocomplete="name">
      {{#ERR_ADMIN_NAME}}<p class="field-error" id="admin_name-error">{{MESSAGE}}</p>{{/ERR_ADMIN_NAME}}
      <label for="admin_user">[[User name]] <span class="hint">[[becomes name@yourdomain.onmicrosoft.com]]</span></label>
      <input id="admin_user" name="admin_user" required maxlength="64" value="{{ADMIN_USER}}" autocomplete="off">
      {{#ERR_ADMIN_USER}}<p class="field-error" id="admin_user-error">{{MESSAGE}}</p>{{/ERR_ADMIN_USER}}
      <label for="password">[[Password]] <span class="hint">[[at least 12 characters]]</span></label>
      <input id="password" name="password" type="password" required minlength="12" autocomplete="new-password">
      {{#ERR_PASSWORD}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/ERR_PASSWORD}}
      <label for="confirm_password">[[Confirm the password]]</label>
      <input id="confirm_password" name="confirm_password" type="password" required minlength="12" autocomplete="new-password">
      {{#ERR_CONFIRM_PASSWORD}}<p class="field-error" id="confirm_password-error">{{MESSAGE}}</p>{{/ERR_CONFIRM_PASSWORD}}
    </fieldset>
    <div class="wizard-actions">
      <button type="submit" class="primary">[[Create tenant]]</button>
      <a class="button secondary" href="/enroll/directory">[[Back]]</a>
    </div>
  </form>
</section>
{{>FOOTER}}

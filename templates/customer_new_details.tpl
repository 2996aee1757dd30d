{{%AUTOESCAPE context="HTML"}}{{! customer_new_details.tpl: Add new customer, step 1: the reseller who manages the customer and the customer's details }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard customer-new">
  <p class="hint"><a href="/resellers">[[Indirect resellers]]</a></p>
  <h1>[[Add new customer]]</h1>
  <p class="lead">[[The customer gets a new directory tenant with a global administrator, and the
    indirect reseller you choose gets admin access to the customer's account and subscriptions.]]
    [[Nothing is created until you submit the order on the review page.]]</p>
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
  <form method="post" action="/customers/new" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{>STATE}}
    <fieldset>
      <legend>[[Indirect reseller]]</legend>
      <label for="reseller">[[Reseller]] <span class="hint">[[manages this customer on your behalf]]</span></label>
      <select id="reseller" name="reseller" required{{#RESELLER_ERROR}} aria-invalid="true" aria-describedby="reseller-error"{{/RESELLER_ERROR}}>
        <option value="">[[Select a reseller]]</option>
        {{#RESELLER_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/RESELLER_OPTION}}
      </select>
      {{#MORE_RESELLERS}}<p class="hint" id="more-resellers">[[You have more partner resellers than one list can show: 100 of them are listed.]] [[For another, choose <a href="/resellers">Add new customer</a> next to it on Indirect resellers.]]</p>{{/MORE_RESELLERS}}
      {{#NO_RESELLERS}}<p class="hint" id="no-resellers">[[You have no partner resellers yet.]] [[<a href="/resellers">Request a partnership</a> first.]]</p>{{/NO_RESELLERS}}
      {{#RESELLER_ERROR}}<p class="field-error" id="reseller-error">{{MESSAGE}}</p>{{/RESELLER_ERROR}}
    </fieldset>
    {{#GROUP}}<fieldset>
      <legend>{{TITLE}}</legend>
      {{#FIELD}}<label for="{{NAME}}">{{LABEL}}{{#OPTIONAL}} <span class="hint">[[optional]]</span>{{/OPTIONAL}}{{#HINT}} <span class="hint">{{TEXT}}</span>{{/HINT}}</label>
      {{#INPUT}}{{#SUFFIX}}<div class="with-suffix">{{/SUFFIX}}<input id="{{NAME}}" name="{{NAME}}" type="{{TYPE}}" maxlength="{{MAXLENGTH}}" value="{{VALUE}}" autocomplete="{{AUTOCOMPLETE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/FIELD_ERROR}}>{{#SUFFIX}}
        <span class="suffix">{{TEXT}}</span></div>{{/SUFFIX}}{{/INPUT}}
      {{#SELECT}}<select id="{{NAME}}" name="{{NAME}}" autocomplete="country"{{#REQUIRED}} required{{/REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/FIELD_ERROR}}>
        <option value="">[[Select a country or region]]</option>
        {{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/OPTION}}
      </select>{{/SELECT}}
      {{#FIELD_ERROR}}<p class="field-error" id="{{NAME}}-error">{{MESSAGE}}</p>{{/FIELD_ERROR}}
      {{/FIELD}}
    </fieldset>
    {{/GROUP}}
    <div class="wizard-actions">
      <button type="submit" name="action" value="next" class="primary">[[Next: Subscriptions]]</button>
      <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>[[Cancel]]</button>
    </div>
  </form>
</section>
{{>FOOTER}}

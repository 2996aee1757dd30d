{{%AUTOESCAPE context="HTML"}}{{! enroll_details.tpl: legal business profile, primary contact and customer support information }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>{{#SHORT_PATH}}[[Customer support information]]{{/SHORT_PATH}}{{#FULL_PATH}}[[Your organization's details]]{{/FULL_PATH}}</h1>
  {{#SHORT_PATH}}<p class="lead" id="short-path-note">[[Your organization is already in the program, so we only need
    the customer support information for your reseller account.]]</p>{{/SHORT_PATH}}
  {{#FULL_PATH}}<p class="lead">[[Provide or update your organization's legal business profile, primary contact and
    customer support information.]]</p>{{/FULL_PATH}}
  {{#KNOWN}}<dl class="facts" id="known-details">
    <dt>[[Organization]]</dt><dd>{{LEGAL_NAME}}</dd>
    <dt>[[Primary contact]]</dt><dd>[[{{CONTACT_NAME}} ({{CONTACT_EMAIL}})]]</dd>
  </dl>{{/KNOWN}}
  {{#ERROR}}<p class="error" role="alert" id="details-error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/enroll/details" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{#GROUP}}<fieldset>
      <legend>{{TITLE}}</legend>
      <p class="hint">{{HINT}}</p>
      {{#FIELD}}<label for="{{NAME}}">{{LABEL}}{{#OPTIONAL}} <span class="hint">[[optional]]</span>{{/OPTIONAL}}</label>
      {{#INPUT}}<input id="{{NAME}}" name="{{NAME}}" type="{{TYPE}}" maxlength="{{MAXLENGTH}}" autocomplete="{{AUTOCOMPLETE}}" value="{{VALUE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/FIELD_ERROR}}>{{/INPUT}}
      {{#SELECT}}<select id="{{NAME}}" name="{{NAME}}" autocomplete="{{AUTOCOMPLETE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#FIELD_ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/FIELD_ERROR}}>
        <option value="">[[Select a country or region]]</option>
        {{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
        {{/OPTION}}
      </select>{{/SELECT}}
      {{#FIELD_ERROR}}<p class="field-error" id="{{NAME}}-error">{{MESSAGE}}</p>{{/FIELD_ERROR}}
      {{/FIELD}}
    </fieldset>
    {{/GROUP}}
    <div class="wizard-actions">
      <button type="submit" class="primary" name="action" value="next">[[Next]]</button>
      <button type="submit" class="button secondary" name="action" value="back" formnovalidate>[[Back]]</button>
    </div>
  </form>
</section>
{{>FOOTER}}

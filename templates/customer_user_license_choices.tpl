{{%AUTOESCAPE context="HTML"}}{{! customer_user_license_choices.tpl: one checkbox per active subscription of the customer, with how many of its licenses are assigned }}
<fieldset class="license-choices"{{#LICENSES_ERROR}} aria-describedby="licenses-error"{{/LICENSES_ERROR}}>
  <legend>[[Licenses]]</legend>
  {{#NO_LICENSES}}<p class="hint">[[The customer has no active subscriptions yet.]]</p>{{/NO_LICENSES}}
  {{#LICENSE_CHOICE}}<label><input type="checkbox" name="license_{{SUB_ID}}" id="license_{{SUB_ID}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#FULL}} disabled{{/FULL}}> {{OFFER}} <span class="hint">{{#NOT_FULL}}[[{{SKU}}, {{ASSIGNED}} of {{TOTAL}} assigned]]{{/NOT_FULL}}{{#FULL}}[[{{SKU}}, {{ASSIGNED}} of {{TOTAL}} assigned, all taken]]{{/FULL}}</span></label>
  {{/LICENSE_CHOICE}}
  {{#LICENSES_ERROR}}<p class="field-error" id="licenses-error">{{MESSAGE}}</p>{{/LICENSES_ERROR}}
</fieldset>

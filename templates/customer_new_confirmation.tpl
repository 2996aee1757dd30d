{{%AUTOESCAPE context="HTML"}}{{! customer_new_confirmation.tpl: Add new customer, done: setup info (the temporary password only once) and the order }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard customer-new">
  <h1>[[Confirmation]]</h1>
  <p class="notice" role="status" id="created-notice">[[{{CUSTOMER_NAME}} has been added as a customer of {{RESELLER_NAME}}, and order {{ORDER_ID}} has been placed.]]</p>
  <h2>[[Setup info]]</h2>
  {{#PASSWORD}}<p class="error" role="alert" id="copy-warning">[[<strong>Copy the user name and temporary password now</strong> and send them to the customer.]]
    [[They will not be shown again once you leave this page.]] [[The customer must change the password at first sign-in.]]</p>{{/PASSWORD}}
  <dl class="facts setup-info">
    <dt>[[Admin user name]]</dt><dd id="setup-user">{{ADMIN_UPN}}</dd>
    <dt>[[Temporary password]]</dt><dd id="setup-password">{{#PASSWORD}}<code class="temp-password">{{VALUE}}</code>{{/PASSWORD}}{{#PASSWORD_GONE}}<span class="hint" id="password-gone">[[The temporary password was shown once and cannot be shown again.]] [[If it was lost, the customer's password must be reset.]]</span>{{/PASSWORD_GONE}}</dd>
    {{#PASSWORD}}<dd class="copy-cell"><button type="button" class="copy-button" id="copy-password" data-copy-from="setup-password" data-copy-status="password-copy-status" aria-label="[[#setup info#Copy the temporary password]]">[[#setup info#Copy]]</button>
      <span id="password-copy-status" class="hint copy-status" role="status" data-copied="[[Copied to the clipboard.]]" data-copy-failed="[[Copying failed: select the text and copy it yourself.]]" aria-live="polite"></span></dd>{{/PASSWORD}}
  </dl>
  <h2>[[Order summary]]</h2>
  <dl class="facts">
    <dt>[[Customer]]</dt><dd id="summary-customer">{{CUSTOMER_NAME}}</dd>
    <dt>[[Tenant]]</dt><dd id="summary-domain">{{DOMAIN}}</dd>
    <dt>[[Indirect reseller]]</dt><dd id="summary-reseller">{{RESELLER_NAME}}</dd>
    <dt>[[Order]]</dt><dd id="summary-order">[[{{ORDER_ID}}, placed {{PLACED_AT}}]]</dd>
  </dl>
  {{>LINES}}
  <p><a class="button" id="done" href="/customers?reseller={{RESELLER_ID:u}}">[[Done]]</a></p>
</section>
{{>FOOTER}}

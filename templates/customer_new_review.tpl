{{%AUTOESCAPE context="HTML"}}{{! customer_new_review.tpl: Add new customer, step 3: everything entered and the order, then Submit or Cancel }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard customer-new">
  <p class="hint"><a href="/resellers">[[Indirect resellers]]</a></p>
  <h1>[[Review]]</h1>
  <p class="lead">[[If the order is correct, select Submit: it creates the customer's tenant and account and places the order.]]
    [[To change something, go back.]] [[Cancel cancels the whole operation.]]</p>
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
  <h2>[[Customer]]</h2>
  <dl class="facts">
    <dt>[[Indirect reseller]]</dt><dd id="review-reseller">{{RESELLER_NAME}}</dd>
    <dt>[[Tenant]]</dt><dd id="review-domain">{{DOMAIN}}</dd>
    <dt>[[Global administrator]]</dt><dd id="review-admin">{{ADMIN_UPN}}</dd>
    {{#FACT}}<dt>{{LABEL}}</dt><dd id="review-{{NAME}}">{{VALUE}}</dd>
    {{/FACT}}
  </dl>
  <h2>[[Subscriptions]]</h2>
  {{>LINES}}
  <form method="post" action="/customers/new" class="wizard-actions">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{>STATE}}
    <button type="submit" name="action" value="submit" class="primary">[[Submit]]</button>
    <button type="submit" name="action" value="back" class="secondary">[[Back]]</button>
    <button type="submit" name="action" value="cancel" class="secondary">[[Cancel]]</button>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! resellers_list.tpl: the provider's Indirect resellers: live partnerships, Request a partnership, requests sent }}
{{>HEADER}}
<section class="card">
  <h1>[[Indirect resellers]]</h1>
  <p class="lead">[[The resellers that have authorized {{ORG_NAME}} as their indirect provider. While a partnership stands you can add customers for the reseller and submit orders on behalf of its customers.]]</p>
  {{#REQUESTED_NOTICE}}<p class="notice" role="status" id="requested-notice">[[Your partnership request is listed below under <a href="#request-{{ID}}">Partnership requests sent</a>, marked Sent. Send the email to the reseller: it becomes a partnership when the reseller follows the link and authorizes you, and the reseller then appears in your indirect resellers list.]]</p>{{/REQUESTED_NOTICE}}
  {{#REVOKED_NOTICE}}<p class="notice" role="status" id="revoked-notice">[[The partnership request has been revoked: its link no longer works.]]</p>{{/REVOKED_NOTICE}}
  {{#CANCELLED_NOTICE}}<p class="notice" role="status" id="cancelled-notice">[[Adding the customer was cancelled. Nothing was created.]]</p>{{/CANCELLED_NOTICE}}
  {{#ENDED_NOTICE}}<p class="notice" role="status" id="ended-notice">[[Your partnership with {{NAME}} has ended.]]</p>{{/ENDED_NOTICE}}
  {{#REQUEST_BUTTON}}
  <form method="post" action="/resellers/request" class="inline request-partnership">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary">[[Request a partnership]]</button>
  </form>
  <p class="hint">[[You get a draft email with a personalized link to send to the reseller. Have the reseller's email address at hand.]]</p>
  {{/REQUEST_BUTTON}}
  {{#READ_ONLY}}<p class="hint" id="read-only">[[Only admin agents can request or end partnerships.]]</p>{{/READ_ONLY}}
  {{>PARTNER_TABLE}}
</section>

<section class="card" id="requests-sent">
  <h2 id="requests-heading">[[Partnership requests sent]]</h2>
  {{>REQUEST_TABLE}}
</section>
{{>FOOTER}}

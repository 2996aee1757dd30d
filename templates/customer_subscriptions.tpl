{{%AUTOESCAPE context="HTML"}}{{! customer_subscriptions.tpl: a customer's Subscriptions page: each subscription with offer, licenses, status, reseller of record and support contact, paged by id }}
{{>HEADER}}
<section class="card customer-subscriptions">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a> &rsaquo; {{CUSTOMER_NAME}}</p>
  <h1 id="subscriptions-heading">[[Subscriptions]]</h1>
  <p class="lead">[[The subscriptions of <strong id="customer-name">{{CUSTOMER_NAME}}</strong>.]] [[Select a subscription to change its licenses, its reseller of record or its designated support contact.]]</p>
  <p class="customer-actions">{{#ADD_SUBSCRIPTION}}<a class="button add-subscription" href="/subscriptions/new?customer={{CUSTOMER_ID:u}}">[[Add subscription]]</a> {{/ADD_SUBSCRIPTION}}<a class="button secondary users-and-licenses" href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Users and licenses]]</a> <a class="button secondary download-csv" href="/customers/subscriptions.csv?customer={{CUSTOMER_ID:u}}" download>[[Download CSV]]</a> <a class="button secondary orders-csv" href="/customers/orders.csv?customer={{CUSTOMER_ID:u}}" download>[[Download orders (CSV)]]</a></p>
  {{#NO_SUBSCRIPTIONS}}<p class="hint" id="no-subscriptions">[[No subscriptions yet.]]</p>{{/NO_SUBSCRIPTIONS}}
  {{#SUBSCRIPTIONS}}<div class="table-scroll" tabindex="0">
  <table class="list" id="customer-subscriptions" aria-labelledby="subscriptions-heading">
    <thead><tr><th scope="col">[[Subscription]]</th><th scope="col">[[SKU]]</th><th scope="col">[[Licenses]]</th><th scope="col">[[Status]]</th><th scope="col">[[Reseller of record]]</th><th scope="col">[[Designated support contact]]</th></tr></thead>
    <tbody>
    {{#SUBSCRIPTION}}<tr id="subscription-{{ID}}">
      <td class="sub-offer"><a href="/subscriptions/view?id={{ID:u}}">{{OFFER}}</a></td>
      <td class="sub-sku">{{SKU}}</td>
      <td class="sub-licenses">{{LICENSES}}</td>
      <td class="sub-status">{{STATUS}}</td>
      <td class="sub-reseller">{{#RESELLER}}{{NAME}}{{/RESELLER}}{{#MPN}} <span class="hint">({{MPN_ID}})</span>{{/MPN}}{{#NO_RESELLER}}<span class="hint">[[none]]</span>{{/NO_RESELLER}}</td>
      <td class="sub-support">{{#SUPPORT}}{{NAME}}{{/SUPPORT}}{{#NO_SUPPORT}}<span class="hint">[[none]]</span>{{/NO_SUPPORT}}</td>
    </tr>
    {{/SUBSCRIPTION}}
    </tbody>
  </table>
  </div>{{/SUBSCRIPTIONS}}
  {{#PAGER}}<nav class="pager" aria-label="[[Subscription pages]]">
    {{#FIRST}}<a rel="first" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}">[[&laquo; First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}&amp;before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}&amp;after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a rel="last" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}&amp;last=1">[[Last &raquo;]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

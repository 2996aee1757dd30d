{{%AUTOESCAPE context="HTML"}}{{! provider_customers.tpl: the customers a reseller shares with one of its indirect providers }}
{{>HEADER}}
<section class="card">
  <p class="hint"><a href="/indirect-providers">[[Indirect providers]]</a></p>
  <h1>[[Customers with {{PROVIDER_NAME}}]]</h1>
  <p class="lead">[[The customers that have a live relationship with both {{ORG_NAME}} and {{PROVIDER_NAME}}.]]</p>
  {{#NO_CUSTOMERS}}<p id="no-customers" class="hint">[[No shared customers yet.]]</p>{{/NO_CUSTOMERS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="shared-customers">
    <thead><tr><th>[[Customer]]</th><th>[[Country/region]]</th><th>[[Partners of record since]]</th></tr></thead>
    <tbody>
    {{#CUSTOMER}}<tr id="customer-{{ID}}"><td class="customer-name">{{NAME}}</td><td>{{COUNTRY}}</td><td>{{SINCE}}</td></tr>
    {{/CUSTOMER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Customer pages]]">
    {{#FIRST}}<a id="first-page" href="/indirect-providers/customers?provider={{PROVIDER_ID:u}}">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/indirect-providers/customers?provider={{PROVIDER_ID:u}}&amp;before={{CURSOR:u}}">&larr; [[Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/indirect-providers/customers?provider={{PROVIDER_ID:u}}&amp;after={{CURSOR:u}}">[[Next]] &rarr;</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/indirect-providers/customers?provider={{PROVIDER_ID:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! resellers_view.tpl: the provider's page about one reseller it has a live partnership with }}
{{>HEADER}}
<section class="card">
  <p><a href="/resellers">&larr; [[Indirect resellers]]</a></p>
  <h1>{{NAME}}</h1>
  <dl class="facts">
    <dt>[[Country/region]]</dt><dd id="reseller-country">{{COUNTRY}}</dd>
    <dt>[[Partners since]]</dt><dd id="reseller-since">{{STARTED_ON}}</dd>
  </dl>
  {{#CAN_END}}<p><a class="end-link" href="/resellers/end?id={{ORG_ID:u}}">[[End partnership]]</a></p>{{/CAN_END}}
  <h2>[[Shared customers]]</h2>
  <p class="hint">[[Customers with a reseller relationship with both you and {{NAME}}.]]</p>
  {{#NO_CUSTOMERS}}<p id="no-customers">[[No shared customers yet.]]</p>{{/NO_CUSTOMERS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="shared-customers">
    <thead><tr><th>[[Customer]]</th><th>[[Country/region]]</th><th>[[Shared since]]</th></tr></thead>
    <tbody>
    {{#CUSTOMER}}<tr id="customer-{{ID}}"><td>{{NAME}}</td><td>{{COUNTRY}}</td><td>{{SINCE}}</td></tr>
    {{/CUSTOMER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Customer pages]]">
    {{#FIRST}}<a id="first-page" href="/resellers/view?id={{ORG_ID:u}}">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/resellers/view?id={{ORG_ID:u}}&amp;before={{CURSOR:u}}">&larr; [[Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/resellers/view?id={{ORG_ID:u}}&amp;after={{CURSOR:u}}">[[Next]] &rarr;</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/resellers/view?id={{ORG_ID:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

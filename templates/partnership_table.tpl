{{%AUTOESCAPE context="HTML"}}{{! partnership_table.tpl: the live partners of the signed-in organization (either side): search, table, pager }}
<form method="get" action="{{LIST_PATH}}" class="form list-search" role="search">
  <span class="search-row">
    <span class="search-field">
      <label for="partner-q">[[Search by name]]</label>
      <input id="partner-q" type="search" name="q" value="{{Q}}" maxlength="100">
    </span>
    <button type="submit">[[Search]]</button>
    {{#SEARCHED}}<a class="clear-search" id="clear-search" href="{{LIST_PATH}}">[[Clear]]</a>{{/SEARCHED}}
  </span>
</form>
{{#COUNT}}<p id="partner-count" class="hint">{{TEXT}}</p>{{/COUNT}}
{{#NO_PARTNERS}}<p id="no-partners" class="hint">[[No partnerships yet.]]</p>{{/NO_PARTNERS}}
{{#NO_MATCHES}}<p id="no-matches" class="hint">[[No partner matches “{{Q}}”.]]</p>{{/NO_MATCHES}}
<div class="table-scroll" tabindex="0"><table class="list" id="partners"><caption class="visually-hidden">[[Partnerships]]</caption>
  <thead><tr><th>{{OTHER_HEADING}}</th><th>[[Country/region]]</th><th>[[Partners since]]</th><th>[[Shared customers]]</th><th>[[Actions]]</th></tr></thead>
  <tbody>
  {{#PARTNER}}<tr id="partner-{{ORG_ID}}">
    <td class="partner-name"><a href="{{VIEW_PATH}}?id={{ORG_ID:u}}">{{NAME}}</a></td>
    <td>{{COUNTRY}}</td>
    <td class="partner-since">{{STARTED_ON}}</td>
    <td class="partner-shared">{{SHARED_CUSTOMERS}}</td>
    <td>{{#CUSTOMERS_LINK}}<a class="customers-link" aria-label="[[View customers of {{NAME}}]]" href="/customers?reseller={{ORG_ID:u}}">[[View customers]]</a> {{/CUSTOMERS_LINK}}{{#ADD_CUSTOMER}}<a class="add-customer-link" aria-label="[[Add new customer for {{NAME}}]]" href="/customers/new?reseller={{ORG_ID:u}}">[[Add new customer]]</a> {{/ADD_CUSTOMER}}{{#SHARED_LINK}}<a class="provider-customers-link" aria-label="[[View customers shared with {{NAME}}]]" href="/indirect-providers/customers?provider={{ORG_ID:u}}">[[View customers]]</a> {{/SHARED_LINK}}{{#INVITE}}<form method="post" action="/indirect-providers/invite" class="inline"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="provider_id" value="{{ORG_ID}}"><button type="submit" class="linklike invite-customers" aria-label="[[Invite new customers with {{NAME}}]]">[[Invite new customers]]</button></form> {{/INVITE}}{{#END}}<a class="end-link danger-link" aria-label="[[End partnership with {{NAME}}]]" href="{{END_PATH}}?id={{ORG_ID:u}}">[[End partnership]]</a>{{/END}}</td>
  </tr>
  {{/PARTNER}}
  </tbody>
</table></div>
{{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
  {{#FIRST}}<a id="first-page" href="{{LIST_PATH}}?q={{Q:u}}">[[First]]</a>{{/FIRST}}
  {{#PREV}}<a rel="prev" href="{{LIST_PATH}}?q={{Q:u}}&amp;before={{CURSOR:u}}">&larr; [[Previous]]</a>{{/PREV}}
  {{#NEXT}}<a rel="next" href="{{LIST_PATH}}?q={{Q:u}}&amp;after={{CURSOR:u}}">[[Next]] &rarr;</a>{{/NEXT}}
  {{#LAST}}<a id="last-page" href="{{LIST_PATH}}?q={{Q:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
</nav>{{/PAGER}}

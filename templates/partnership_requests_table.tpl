{{%AUTOESCAPE context="HTML"}}{{! partnership_requests_table.tpl: a page of the partnership requests a provider sent, newest first, with Revoke and a pager }}
{{#NO_REQUESTS}}<p class="hint" id="no-requests">[[No partnership requests yet.]]</p>{{/NO_REQUESTS}}
<div class="table-scroll" tabindex="0"><table class="list" id="requests" aria-labelledby="requests-heading">
  <thead><tr><th>[[Requested by]]</th><th>[[Sent (UTC)]]</th><th>[[Link expires (UTC)]]</th><th>[[State]]</th><th>[[Actions]]</th></tr></thead>
  <tbody>
  {{#REQUEST}}<tr id="request-{{ID}}">
    <td>{{CREATED_BY}}</td>
    <td>{{CREATED_AT}}</td>
    <td>{{EXPIRES_AT}}</td>
    <td class="request-state">{{#SENT}}[[Sent]]{{/SENT}}{{#ACCEPTED}}[[Accepted by {{ORG_NAME}} ({{USER_NAME}}) on {{AT}}]]{{/ACCEPTED}}{{#EXPIRED}}[[Expired]]{{/EXPIRED}}{{#REVOKED}}[[Revoked on {{AT}}]]{{/REVOKED}}</td>
    <td>{{#REVOKE_FORM}}
      <form method="post" action="/resellers/request/revoke" class="inline">
        <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="id" value="{{ID}}">
        <button type="submit" class="danger-link" aria-label="[[Revoke the request sent {{CREATED_AT}}]]">[[Revoke]]</button>
      </form>{{/REVOKE_FORM}}</td>
  </tr>
  {{/REQUEST}}
  </tbody>
</table></div>
{{#PAGER}}<nav class="pager" aria-label="[[Request pages]]">
  {{#FIRST}}<a id="requests-first" href="/resellers/requests">[[Newest]]</a>{{/FIRST}}
  {{#PREV}}<a rel="prev" href="/resellers/requests?before={{CURSOR:u}}">&larr; [[Newer requests]]</a>{{/PREV}}
  {{#NEXT}}<a rel="next" href="/resellers/requests?after={{CURSOR:u}}">[[Older requests]] &rarr;</a>{{/NEXT}}
  {{#LAST}}<a id="requests-last" href="/resellers/requests?last=1">[[Oldest]]</a>{{/LAST}}
</nav>{{/PAGER}}

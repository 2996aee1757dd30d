{{%AUTOESCAPE context="HTML"}}{{! customer_invitations.tpl: the reseller's invitations sent to customers and their state }}
{{>HEADER}}
<section class="card">
  <p class="hint"><a href="/customers">[[Customers]]</a></p>
  <h1>[[Invitations sent]]</h1>
  <p class="lead">[[Each invitation link works once and expires after 30 days. Revoke one you no longer want used.]]</p>
  {{#SENT_NOTICE}}<p class="notice" role="status" id="sent-notice">{{#WITH_PROVIDER}}[[<a href="#invitation-{{ID}}">Your invitation</a> is listed below under Invitations sent, marked Sent. Send the email to the customer: its link works once and expires on {{EXPIRES_AT}}. When the customer accepts, they appear on your <a href="/customers">Customers</a> page, and {{PROVIDER}} becomes their partner of record too (<a href="/indirect-providers">Indirect providers</a>).]]{{/WITH_PROVIDER}}{{#NO_PROVIDER}}[[<a href="#invitation-{{ID}}">Your invitation</a> is listed below under Invitations sent, marked Sent. Send the email to the customer: its link works once and expires on {{EXPIRES_AT}}. When the customer accepts, they appear on your <a href="/customers">Customers</a> page.]]{{/NO_PROVIDER}}</p>{{/SENT_NOTICE}}
  {{#REVOKED_NOTICE}}<p class="notice" role="status" id="revoked-notice">[[The invitation has been revoked: its link no longer works.]]</p>{{/REVOKED_NOTICE}}
  {{#NO_INVITATIONS}}<p class="hint" id="no-invitations">[[No invitations yet.]]</p>{{/NO_INVITATIONS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="invitations"><caption class="visually-hidden">[[Invitations sent]]</caption>
    <thead><tr><th>[[Sent by]]</th><th>[[Sent (UTC)]]</th><th>[[With provider]]</th><th>[[Link expires (UTC)]]</th><th>[[State]]</th><th>[[Actions]]</th></tr></thead>
    <tbody>
    {{#INVITATION}}<tr id="invitation-{{ID}}"{{#JUST_SENT}} class="just-sent"{{/JUST_SENT}}>
      <td>{{CREATED_BY}}</td>
      <td>{{CREATED_AT}}</td>
      <td>{{PROVIDER}}</td>
      <td>{{EXPIRES_AT}}</td>
      <td class="invitation-state">{{#SENT}}[[Sent]]{{/SENT}}{{#ACCEPTED}}[[Accepted by {{CUSTOMER}}]]{{/ACCEPTED}}{{#EXPIRED}}[[Expired]]{{/EXPIRED}}{{#REVOKED}}[[Revoked]]{{/REVOKED}}</td>
      <td>{{#REVOKE_FORM}}
        <form method="post" action="/customers/invitations/revoke" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="id" value="{{ID}}">
          <button type="submit" class="danger-link" aria-label="[[Revoke the invitation sent {{CREATED_AT}}]]">[[Revoke]]</button>
        </form>{{/REVOKE_FORM}}</td>
    </tr>
    {{/INVITATION}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/customers/invitations">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/customers/invitations?before={{CURSOR:u}}">&larr; [[Newer]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/customers/invitations?after={{CURSOR:u}}">[[Older]] &rarr;</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/customers/invitations?last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

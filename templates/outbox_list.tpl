{{%AUTOESCAPE context="HTML"}}{{! outbox_list.tpl: the mail outbox: what is not sent yet (waiting, failed), then the latest messages, each with how its delivery goes, and Send again where it helps }}
{{>HEADER}}
<section class="card">
  <h1>[[Mail outbox]]</h1>
  <p class="lead">[[The messages the product queued, newest first (times in UTC). A message the relay could not take waits and is tried again, 30 seconds later at first, then at doubling intervals up to an hour, for two days; one the relay refused for good is marked failed. <em>Send again</em> makes a waiting or failed message due now.]]</p>
  {{#SENT_AGAIN_NOTICE}}<p class="notice" role="status" id="outbox-notice">[[Message {{ID}} will be sent again within a few seconds.]]</p>{{/SENT_AGAIN_NOTICE}}
  {{#TABLE}}<div class="outbox-list" id="{{TABLE_ID}}-list">
  <h2>{{HEADING}}</h2>
  {{#NONE}}<p>{{NONE_TEXT}}</p>{{/NONE}}
  <table class="list" id="{{TABLE_ID}}">
    <thead><tr><th>[[To]]</th><th>[[Subject]]</th><th>[[Queued]]</th><th>[[Sent]]</th><th>[[Attempts]]</th><th>[[Next attempt]]</th><th>[[Last error]]</th><th>[[Actions]]</th></tr></thead>
    <tbody>
    {{#MESSAGE}}<tr id="{{TABLE_ID}}-{{ID}}">
      <td>{{TO}}</td>
      <td><a href="/admin/mail?id={{ID:u}}" lang="{{LANGUAGE}}">{{SUBJECT}}</a></td>
      <td>{{QUEUED_AT}}</td>
      <td>{{#SENT}}{{SENT_AT}}{{/SENT}}{{#NOT_SENT}}<em class="mail-state">{{STATE}}</em>{{/NOT_SENT}}</td>
      <td>{{ATTEMPTS}}</td>
      <td class="mail-next">{{NEXT_ATTEMPT_AT}}</td>
      <td class="mail-error">{{LAST_ERROR}}</td>
      <td>{{#SEND_AGAIN}}<form method="post" action="/admin/mail/send-again"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="id" value="{{ID}}"><button type="submit" aria-label="[[Send again: {{SUBJECT}}, to {{TO}}]]">[[Send again]]</button></form>{{/SEND_AGAIN}}</td>
    </tr>
    {{/MESSAGE}}
    </tbody>
  </table>
  {{#PAGER}}<nav class="pager" id="{{TABLE_ID}}-pager" aria-label="[[{{HEADING}}: pages]]">
    {{#FIRST}}<a class="first-page" href="/admin/mail?list={{LIST:u}}">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/admin/mail?list={{LIST:u}}&amp;before={{CURSOR:u}}">[[&larr; Newer]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/admin/mail?list={{LIST:u}}&amp;after={{CURSOR:u}}">[[Older &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a class="last-page" href="/admin/mail?list={{LIST:u}}&amp;last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
  </div>{{/TABLE}}
  {{#ALL_LINK}}<p><a id="all-messages" href="/admin/mail">[[Every message]]</a></p>{{/ALL_LINK}}
</section>
{{>FOOTER}}

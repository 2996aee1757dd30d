{{%AUTOESCAPE context="HTML"}}{{! outbox_message.tpl: one message of the mail outbox with its full body and how its delivery goes }}
{{>HEADER}}
<section class="card">
  <p><a href="/admin/mail">[[&larr; Back to the mail outbox]]</a></p>
  <h1 lang="{{LANGUAGE}}">{{SUBJECT}}</h1>
  <dl class="facts">
    <dt>[[To]]</dt><dd id="mail-to">{{TO}}</dd>
    <dt>[[Queued]]</dt><dd>{{QUEUED_AT}}</dd>
    <dt>[[Sent]]</dt><dd id="mail-state">{{#SENT}}{{SENT_AT}}{{/SENT}}{{#NOT_SENT}}{{STATE}}{{/NOT_SENT}}</dd>
    <dt>[[Attempts]]</dt><dd>{{ATTEMPTS}}</dd>
    {{#NEXT}}<dt>[[Next attempt]]</dt><dd>{{NEXT_ATTEMPT_AT}}</dd>{{/NEXT}}
    <dt>[[Last error]]</dt><dd>{{LAST_ERROR}}</dd>
  </dl>
  {{#SEND_AGAIN}}<form method="post" action="/admin/mail/send-again"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="id" value="{{ID}}"><button type="submit">[[Send again]]</button></form>{{/SEND_AGAIN}}
  <pre class="mail-body" id="mail-body" lang="{{LANGUAGE}}">{{BODY}}</pre>
</section>
{{>FOOTER}}

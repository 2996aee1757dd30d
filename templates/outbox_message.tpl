{{%AUTOESCAPE context="HTML"}}{{! outbox_message.tpl: one message of the mail outbox with its full body }}
{{>HEADER}}
<section class="card">
  <p><a href="/admin/mail">&larr; Back to the mail outbox</a></p>
  <h1>{{SUBJECT}}</h1>
  <dl class="facts">
    <dt>To</dt><dd id="mail-to">{{TO}}</dd>
    <dt>Queued</dt><dd>{{QUEUED_AT}} UTC</dd>
    <dt>Sent</dt><dd>{{#SENT}}{{SENT_AT}} UTC{{/SENT}}{{#WAITING}}waiting{{/WAITING}}</dd>
    <dt>Attempts</dt><dd>{{ATTEMPTS}}</dd>
    <dt>Last error</dt><dd>{{LAST_ERROR}}</dd>
  </dl>
  <pre class="mail-body" id="mail-body">{{BODY}}</pre>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! outbox_list.tpl: the latest messages in the mail outbox and whether they were sent }}
{{>HEADER}}
<section class="card">
  <h1>Mail outbox</h1>
  <p class="lead">The latest 100 messages the product queued, newest first (times in UTC).</p>
  {{#NO_MESSAGES}}<p>No message has been queued yet.</p>{{/NO_MESSAGES}}
  <table class="list" id="outbox">
    <thead><tr><th>To</th><th>Subject</th><th>Queued</th><th>Sent</th><th>Attempts</th><th>Last error</th></tr></thead>
    <tbody>
    {{#MESSAGE}}<tr>
      <td>{{TO}}</td>
      <td><a href="/admin/mail?id={{ID:u}}">{{SUBJECT}}</a></td>
      <td>{{QUEUED_AT}}</td>
      <td>{{#SENT}}{{SENT_AT}}{{/SENT}}{{#WAITING}}<em>waiting</em>{{/WAITING}}</td>
      <td>{{ATTEMPTS}}</td>
      <td>{{LAST_ERROR}}</td>
    </tr>
    {{/MESSAGE}}
    </tbody>
  </table>
</section>
{{>FOOTER}}

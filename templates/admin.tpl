{{%AUTOESCAPE context="HTML"}}{{! admin.tpl: the vendor admin portal's front page: what waits for review, the mail outbox, the audit log }}
{{>HEADER}}
<section class="card">
  <h1>Admin portal</h1>
  {{#WORK}}
  <ul class="tiles">
    <li class="tile"><a href="/admin/enrollments?status=pending_review"><span class="tile-count" id="count-pending-review">{{PENDING_REVIEW}}</span> enrollments waiting for review</a></li>
    <li class="tile"><a href="/admin/enrollments?status=pending_verification"><span class="tile-count" id="count-pending-verification">{{PENDING_VERIFICATION}}</span> waiting for email verification</a></li>
    <li class="tile"><a href="/admin/mail"><span class="tile-count" id="count-mail-waiting">{{MAIL_WAITING}}</span> messages waiting in the mail outbox{{#MAIL_FAILED}}, <span id="count-mail-failed">{{COUNT}}</span> failed{{/MAIL_FAILED}}</a></li>
  </ul>
  {{/WORK}}
  <p><a href="/admin/enrollments">Enrollment review queue</a> · <a href="/admin/mail">Mail outbox</a></p>
  <h2>Audit log</h2>
  <p class="lead">The latest 50 state changes: who, what, when and from where (times in UTC).</p>
  {{#NO_ENTRIES}}<p>Nothing has been recorded yet.</p>{{/NO_ENTRIES}}
  <table class="list">
    <thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th><th>From</th></tr></thead>
    <tbody>
    {{#ENTRY}}<tr><td>{{AT}}</td><td>{{WHO}}</td><td>{{ACTION}}</td><td>{{DETAIL}}</td><td>{{FROM}}</td></tr>
    {{/ENTRY}}
    </tbody>
  </table>
</section>
{{>FOOTER}}

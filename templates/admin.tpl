{{%AUTOESCAPE context="HTML"}}{{! admin.tpl: the vendor admin portal's front page: what waits for review, the mail outbox, the audit log }}
{{>HEADER}}
<section class="card">
  <h1>[[Admin portal]]</h1>
  {{#WORK}}
  <ul class="tiles">
    <li class="tile"><a href="/admin/enrollments?status=pending_review">[[<span class="tile-count" id="count-pending-review">{{PENDING_REVIEW}}</span> enrollments waiting for review]]</a></li>
    <li class="tile"><a href="/admin/enrollments?status=pending_verification">[[<span class="tile-count" id="count-pending-verification">{{PENDING_VERIFICATION}}</span> waiting for email verification]]</a></li>
    <li class="tile"><a href="/admin/mail">[[<span class="tile-count" id="count-mail-waiting">{{MAIL_WAITING}}</span> messages waiting in the mail outbox]]{{#MAIL_FAILED}}[[, <span id="count-mail-failed">{{COUNT}}</span> failed]]{{/MAIL_FAILED}}</a></li>
  </ul>
  {{/WORK}}
  <p><a href="/admin/enrollments">[[Enrollment review queue]]</a> · <a href="/admin/mail">[[Mail outbox]]</a> · <a href="/admin/activity">[[Activity log (filters, CSV)]]</a></p>
  <h2 id="audit-heading">[[Audit log]]</h2>
  <p class="lead">[[Every state change, newest first, 50 to a page: who, what, when and from where (times in UTC).]]</p>
  {{#NO_ENTRIES}}<p>[[Nothing has been recorded yet.]]</p>{{/NO_ENTRIES}}
  <div class="table-scroll" tabindex="0"><table class="list" id="audit-log" aria-labelledby="audit-heading">
    <thead><tr><th>[[When]]</th><th>[[Who]]</th><th>[[What]]</th><th>[[Action code]]</th><th>[[Detail]]</th><th>[[From]]</th></tr></thead>
    <tbody>
    {{#ENTRY}}<tr id="audit-{{ID}}"><td>{{AT}}</td><td>{{WHO}}</td><td>{{ACTION_LABEL}}</td><td>{{ACTION}}</td><td>{{DETAIL}}</td><td>{{FROM}}</td></tr>
    {{/ENTRY}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Audit log pages]]">
    {{#FIRST}}<a id="first-page" href="/admin">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/admin?before={{CURSOR:u}}">[[&larr; Newer]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/admin?after={{CURSOR:u}}">[[Older &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/admin?last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

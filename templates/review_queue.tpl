{{%AUTOESCAPE context="HTML"}}{{! review_queue.tpl: the vendor admin's queue of reseller enrollment applications, by status }}
{{>HEADER}}
<section class="card">
  <h1>[[Enrollment review]]</h1>
  <p class="lead">[[Reseller enrollment applications, newest first. Open one to see everything that was submitted and to approve or reject it.]]</p>
  <nav class="tabs" aria-label="[[Application status]]">
    {{#STATUS_TAB}}{{#CURRENT}}<a class="tab current" aria-current="page" href="/admin/enrollments?status={{STATUS:u}}">{{LABEL}} <span class="count">{{COUNT}}</span></a>{{/CURRENT}}{{#OTHER}}<a class="tab" href="/admin/enrollments?status={{STATUS:u}}">{{LABEL}} <span class="count">{{COUNT}}</span></a>{{/OTHER}}
    {{/STATUS_TAB}}
  </nav>
  <h2 id="list-heading">{{LIST_LABEL}}</h2>
  {{#NO_APPLICATIONS}}<p id="no-applications">[[No applications in this list.]]</p>{{/NO_APPLICATIONS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="applications" aria-labelledby="list-heading">
    <thead><tr><th>[[Legal name]]</th><th>[[Tenant]]</th><th>[[MPN ID]]</th><th>[[Primary contact]]</th><th>[[Submitted]]</th><th>[[Verification]]</th></tr></thead>
    <tbody>
    {{#APPLICATION}}<tr id="application-{{ID}}">
      <td><a href="/admin/enrollments/view?id={{ID:u}}">{{NAME}}</a></td>
      <td>{{TENANT}}</td>
      <td>{{#MPN}}{{MPN_ID}}{{/MPN}}{{#ALREADY_IN_PROGRAM}}<em>[[already in the program]]</em>{{/ALREADY_IN_PROGRAM}}</td>
      <td>{{CONTACT_NAME}}<br><span class="hint">{{CONTACT_EMAIL}}</span></td>
      <td>{{SUBMITTED_AT}}</td>
      <td>{{VERIFICATION}}</td>
    </tr>
    {{/APPLICATION}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/admin/enrollments?status={{LIST_STATUS:u}}">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/admin/enrollments?status={{LIST_STATUS:u}}&amp;before={{CURSOR:u}}">[[&larr; Newer]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/admin/enrollments?status={{LIST_STATUS:u}}&amp;after={{CURSOR:u}}">[[Older &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/admin/enrollments?status={{LIST_STATUS:u}}&amp;last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

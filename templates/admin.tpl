{{%AUTOESCAPE context="HTML"}}{{! admin.tpl: the vendor admin portal's front page with the latest audit log entries }}
{{>HEADER}}
<section class="card">
  <h1>Admin portal</h1>
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

{{%AUTOESCAPE context="HTML"}}{{! admin_activity.tpl: the vendor admin's activity log: every state change, filtered, paged by key, exported as CSV }}
{{>HEADER}}
<section class="card">
  <p class="hint"><a href="/admin">Admin portal</a></p>
  <h1>Activity log</h1>
  <p class="lead">Every state change, newest first, 50 to a page: who (user and organization, and on whose behalf),
    what (action, object, values before and after), when (UTC) and from where.</p>
  <form method="get" action="/admin/activity" class="form" role="search" id="activity-filter">
    <label for="f-org">Organization (number)</label><input id="f-org" name="org" value="{{ORG}}" maxlength="20">
    <label for="f-user">User name</label><input id="f-user" name="user" value="{{USER}}" maxlength="100">
    <label for="f-action">Action</label><input id="f-action" name="action" value="{{ACTION}}" maxlength="64" placeholder="order.placed">
    <label for="f-object">Object</label><input id="f-object" name="object" value="{{OBJECT}}" maxlength="32" placeholder="order">
    <label for="f-from">From</label><input id="f-from" name="from" value="{{FROM}}" placeholder="YYYY-MM-DD" maxlength="10">
    <label for="f-to">To (included)</label><input id="f-to" name="to" value="{{TO}}" placeholder="YYYY-MM-DD" maxlength="10">
    <button type="submit">Filter</button> <a href="/admin/activity">Clear</a>
  </form>
  {{#FILTER_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FILTER_ERROR}}
  <p><a id="export-csv" href="/admin/activity.csv?org={{ORG:u}}&amp;user={{USER:u}}&amp;action={{ACTION:u}}&amp;object={{OBJECT:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}">Export these rows as CSV</a>
    <span class="hint">(up to 100,000 rows, newest first; narrow the filter for more)</span></p>
  {{#NO_ENTRIES}}<p id="no-entries">No activity matches.</p>{{/NO_ENTRIES}}
  <table class="list" id="activity-log">
    <thead><tr><th>When</th><th>Who</th><th>What</th><th>Object</th><th>Detail</th><th>From</th></tr></thead>
    <tbody>
    {{#ENTRY}}<tr id="activity-{{ID}}"><td>{{AT}}</td><td>{{WHO}}<br><span class="hint">{{ORG}}{{#ON_BEHALF}} for {{BEHALF}}{{/ON_BEHALF}}</span></td>
      <td>{{ACTION}}</td><td>{{OBJECT_TYPE}} {{OBJECT_ID}}</td>
      <td>{{DETAIL}}{{#CHANGE}}<br><span class="hint">before: <code>{{BEFORE}}</code> after: <code>{{AFTER}}</code></span>{{/CHANGE}}</td><td>{{FROM}}</td></tr>
    {{/ENTRY}}
    </tbody>
  </table>
  {{#PAGER}}<nav class="pager" aria-label="Activity log pages">
    {{#FIRST}}<a id="first-page" href="/admin/activity?org={{ORG:u}}&amp;user={{USER:u}}&amp;action={{ACTION:u}}&amp;object={{OBJECT:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}">Newest</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/admin/activity?org={{ORG:u}}&amp;user={{USER:u}}&amp;action={{ACTION:u}}&amp;object={{OBJECT:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}&amp;before={{CURSOR:u}}">&larr; Newer</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/admin/activity?org={{ORG:u}}&amp;user={{USER:u}}&amp;action={{ACTION:u}}&amp;object={{OBJECT:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}&amp;after={{CURSOR:u}}">Older &rarr;</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/admin/activity?org={{ORG:u}}&amp;user={{USER:u}}&amp;action={{ACTION:u}}&amp;object={{OBJECT:u}}&amp;from={{FROM:u}}&amp;to={{TO:u}}&amp;last=1">Oldest</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

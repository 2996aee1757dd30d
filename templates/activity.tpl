{{%AUTOESCAPE context="HTML"}}{{! activity.tpl: an activity log (the vendor admin's, a partner's, a customer's): state changes, filtered, paged by key, exported as CSV }}
{{>HEADER}}
<section class="card">
  {{#BACK}}<p class="hint"><a href="{{HREF}}">{{TEXT}}</a></p>{{/BACK}}
  <h1>[[Activity log]]</h1>
  <p class="lead">{{LEAD}}</p>
  <details class="activity-filters" id="activity-filters"{{#FILTERED}} open{{/FILTERED}}>
    <summary>{{#ORG_FILTERS}}[[Filter by user, action, object, date, organization or party]]{{/ORG_FILTERS}}{{#NO_ORG_FILTERS}}[[Filter by user, action, object or date]]{{/NO_ORG_FILTERS}}</summary>
    <form method="get" action="{{PATH}}" class="form" role="search" id="activity-filter">
      {{#ORG_FILTERS}}<label for="f-org">[[Organization (number)]]</label><input id="f-org" name="org" value="{{ORG}}" maxlength="20">
      <label for="f-party">[[Made to (organization number)]]</label><input id="f-party" name="party" value="{{PARTY}}" maxlength="20">{{/ORG_FILTERS}}
      <label for="f-user">[[User name]]</label><input id="f-user" name="user" value="{{USER}}" maxlength="100">
      <label for="f-action">[[Action]]</label><input id="f-action" name="action" value="{{ACTION}}" maxlength="64" placeholder="[[order.placed]]">
      <label for="f-object">[[Object]]</label><input id="f-object" name="object" value="{{OBJECT}}" maxlength="32" placeholder="[[order]]">
      <label for="f-from">[[From]]</label><input id="f-from" name="from" value="{{FROM}}" placeholder="[[YYYY-MM-DD]]" maxlength="10">
      <label for="f-to">[[To (included)]]</label><input id="f-to" name="to" value="{{TO}}" placeholder="[[YYYY-MM-DD]]" maxlength="10">
      <button type="submit">[[Filter]]</button> <a class="clear-search" id="clear-search" href="{{PATH}}">[[Clear]]</a>
    </form>
  </details>
  {{#FILTER_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FILTER_ERROR}}
  <p><a id="export-csv" href="{{CSV_PATH}}?{{QUERY}}">[[Export these rows as CSV]]</a>
    <span class="hint">[[(up to 100,000 rows, newest first; narrow the filter for more)]]</span></p>
  {{#NO_ENTRIES}}<p id="no-entries">[[No activity matches.]]</p>{{/NO_ENTRIES}}
  <div class="table-scroll" tabindex="0"><table class="list" id="activity-log"><caption class="visually-hidden">[[Activity log]]</caption>
    <thead><tr><th>[[When]]</th><th>[[Who]]</th><th>[[What]]</th><th>[[Object]]</th><th>[[Detail]]</th><th>[[From]]</th></tr></thead>
    <tbody>
    {{#ENTRY}}<tr id="activity-{{ID}}"><td>{{AT}}</td><td>{{WHO}}<br><span class="hint">{{ORG}}{{#ON_BEHALF}} [[on behalf of {{BEHALF}}]]{{/ON_BEHALF}}</span></td>
      <td>{{ACTION_LABEL}}<br><code class="hint">{{ACTION}}</code></td><td>{{OBJECT_TYPE}} {{OBJECT_ID}}{{#OF_PARTY}}<br><span class="hint">[[of {{PARTY}}]]</span>{{/OF_PARTY}}</td>
      <td>{{DETAIL}}{{#CHANGE}}<ul class="changes">{{#FIELD}}<li>{{NAME}}: {{#OLD}}<del>{{VALUE}}</del> &rarr; {{/OLD}}<ins>{{NEW}}</ins></li>{{/FIELD}}</ul>{{/CHANGE}}</td><td>{{FROM}}</td></tr>
    {{/ENTRY}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Activity log pages]]">
    {{#FIRST}}<a id="first-page" href="{{PATH}}?{{QUERY}}">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="{{PATH}}?{{QUERY}}before={{CURSOR:u}}">[[&larr; Newer]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="{{PATH}}?{{QUERY}}after={{CURSOR:u}}">[[Older &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="{{PATH}}?{{QUERY}}last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! admin_providers_list.tpl: the vendor admin's view of the official provider list: every provider organization, listed or not }}
{{>HEADER}}
<section class="card">
  <p class="hint">[[Admin portal]]</p>
  <h1>[[Official provider list]]</h1>
  <p class="lead">[[Every indirect provider organization. Listed providers appear on the public
    <a href="/providers">Find a provider</a> page; providers cannot change their own listing.]]</p>
  {{#ADDED_NOTICE}}<p class="notice" role="status" id="providers-notice">[[{{NAME}} has been added to the provider list.]]</p>{{/ADDED_NOTICE}}
  {{#UPDATED_NOTICE}}<p class="notice" role="status" id="providers-notice">[[The listing of {{NAME}} has been saved.]]</p>{{/UPDATED_NOTICE}}
  {{#DELISTED_NOTICE}}<p class="notice" role="status" id="providers-notice">[[{{NAME}} has been removed from the public provider list.]]</p>{{/DELISTED_NOTICE}}
  {{#RELISTED_NOTICE}}<p class="notice" role="status" id="providers-notice">[[{{NAME}} is on the public provider list again.]]</p>{{/RELISTED_NOTICE}}
  <p><a class="button" id="add-provider" href="/admin/providers/new">[[Add a provider to the list]]</a></p>
  <form method="get" action="/admin/providers" class="form list-search" role="search">
    <span class="search-row">
      <span class="search-field">
        <label for="provider-q">[[Provider name or tenant]]</label>
        <input id="provider-q" type="search" name="q" value="{{Q}}" maxlength="100">
      </span>
      <button type="submit">[[Search]]</button>
      {{#SEARCHED}}<a class="clear-search" id="clear-search" href="/admin/providers">[[Clear]]</a>{{/SEARCHED}}
    </span>
  </form>
  <p class="hint" id="provider-count">[[Providers: {{TOTAL}}]]</p>
  {{#NO_PROVIDERS}}<p id="no-providers">[[There are no provider organizations yet.]]</p>{{/NO_PROVIDERS}}
  {{#NO_MATCHES}}<p id="no-matches" class="hint">[[No provider matches your search.]]</p>{{/NO_MATCHES}}
  <div class="table-scroll" tabindex="0"><table class="list" id="admin-providers"><caption class="visually-hidden">[[Official provider list]]</caption>
    <thead><tr><th>[[Provider]]</th><th>[[State]]</th><th>[[Countries served]]</th><th>[[Last updated]]</th><th>[[Actions]]</th></tr></thead>
    <tbody>
    {{#PROVIDER}}<tr id="admin-provider-{{ID}}">
      <td>{{NAME}}<br><span class="hint">{{TENANT}}</span></td>
      <td>{{#LISTED}}<span class="status-badge status-approved">[[Listed]]</span>{{/LISTED}}{{#DELISTED}}<span class="status-badge status-rejected">[[Delisted]]</span>{{/DELISTED}}{{#NO_LISTING}}<span class="status-badge">[[No listing]]</span>{{/NO_LISTING}}</td>
      <td>{{COUNTRIES}}</td>
      <td>{{UPDATED_AT}}{{#UPDATED_BY}}<br><span class="hint">[[by {{WHO}}]]</span>{{/UPDATED_BY}}</td>
      <td class="provider-actions">
        {{#NO_LISTING}}<a href="/admin/providers/edit?id={{ID:u}}">[[Create listing]]</a>{{/NO_LISTING}}
        {{#LISTED}}<a href="/admin/providers/edit?id={{ID:u}}">[[Edit]]</a>
        <a href="/providers/view?id={{ID:u}}">[[View]]</a>
        <form method="post" action="/admin/providers/delist" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="id" value="{{ID}}">
          <button type="submit" class="small-button" aria-label="[[Delist {{NAME}}]]">[[Delist]]</button>
        </form>{{/LISTED}}
        {{#DELISTED}}<a href="/admin/providers/edit?id={{ID:u}}">[[Edit]]</a>
        <form method="post" action="/admin/providers/relist" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="id" value="{{ID}}">
          <button type="submit" class="small-button" aria-label="[[Relist {{NAME}}]]">[[Relist]]</button>
        </form>{{/DELISTED}}
      </td>
    </tr>
    {{/PROVIDER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/admin/providers?q={{Q:u}}">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/admin/providers?q={{Q:u}}&amp;before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/admin/providers?q={{Q:u}}&amp;after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/admin/providers?q={{Q:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! providers_search.tpl: the public official provider list: search by name, filter by country served, paged }}
{{>HEADER}}
<section class="card">
  <h1>[[Find a provider]]</h1>
  <p class="lead">[[The official list of indirect providers (distributors). Find providers that serve your country,
    then contact them to discuss their reseller programs, level of support and terms.]]</p>
  <form method="get" action="/providers" class="form list-search" role="search">
    <span class="search-row">
      <span class="search-field">
        <label for="q">[[Provider name]]</label>
        <input id="q" name="q" type="search" maxlength="200" value="{{Q}}">
      </span>
      <span class="search-field">
        <label for="country">[[Country served]]</label>
        <select id="country" name="country">
          <option value=""{{#ALL_SELECTED}} selected{{/ALL_SELECTED}}>[[All countries]]</option>
          {{#COUNTRY_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
          {{/COUNTRY_OPTION}}
        </select>
      </span>
      <button type="submit">[[Search]]</button>
      {{#FILTERED}}<a class="clear-search" id="clear-search" href="/providers">[[Clear]]</a>{{/FILTERED}}
    </span>
  </form>
  <p id="result-count">{{RESULT_COUNT}}</p>
  {{#NO_MATCH}}<p id="no-match">[[No providers match your search. <a href="/providers">Clear the search</a> to see every provider on the list.]]</p>{{/NO_MATCH}}
  <ul class="provider-list" id="providers">
    {{#PROVIDER}}<li class="provider" id="provider-{{ID}}">
      <h2><a href="/providers/view?id={{ID:u}}">{{NAME}}</a></h2>
      <p class="provider-headline">{{HEADLINE}}</p>
      <p class="provider-countries"><span class="hint">[[Serves]]</span> {{COUNTRIES}}</p>
      <p class="provider-services"><span class="hint">[[Services]]</span> {{SERVICES}}</p>
    </li>
    {{/PROVIDER}}
  </ul>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/providers?q={{Q:u}}&amp;country={{COUNTRY:u}}">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" id="previous-page" href="/providers?q={{Q:u}}&amp;country={{COUNTRY:u}}&amp;before={{CURSOR:u}}">[[Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" id="next-page" href="/providers?q={{Q:u}}&amp;country={{COUNTRY:u}}&amp;after={{CURSOR:u}}">[[Next]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/providers?q={{Q:u}}&amp;country={{COUNTRY:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

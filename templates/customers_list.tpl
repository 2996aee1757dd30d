{{%AUTOESCAPE context="HTML"}}{{! customers_list.tpl: the Customers list of a provider or a reseller: search, reseller filter, each customer expands to its subscriptions }}
{{>HEADER}}
<section class="card">
  <h1>[[Customers]]</h1>
  {{#AS_PROVIDER}}<p class="lead">[[The customers {{ORG_NAME}} is a partner of record of, with their resellers of record.]] [[Expand a customer to see its subscriptions, to add one, or to manage its users and licenses.]]</p>{{/AS_PROVIDER}}
  {{#AS_RESELLER}}<p class="lead">[[The customers that have a reseller relationship with {{ORG_NAME}}.]] [[Expand a customer to see its subscriptions, or to manage its users and licenses.]]</p>{{/AS_RESELLER}}
  {{#REQUEST_RELATIONSHIP}}<form method="post" action="/customers/request-relationship" class="inline">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary" id="request-relationship">[[Request a reseller relationship]]</button>
  </form>{{/REQUEST_RELATIONSHIP}}
  {{#AS_RESELLER}}<p><a href="/customers/invitations" id="invitations-link">[[Invitations sent]]</a></p>{{/AS_RESELLER}}
  <form method="get" action="/customers" class="form list-search" role="search">
    <span class="search-row">
      <span class="search-field">
        <label for="customer-q">[[Company name]]</label>
        <input id="customer-q" type="search" name="q" value="{{Q}}" maxlength="100">
      </span>
      {{#RESELLER_FILTER}}<span class="search-field">
        <label for="customer-reseller">[[Reseller]]</label>
        <select id="customer-reseller" name="reseller">
          <option value="">[[All resellers]]</option>
          {{#RESELLER_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
          {{/RESELLER_OPTION}}
        </select>
      </span>{{/RESELLER_FILTER}}
      {{#RESELLER_FILTERED}}<input type="hidden" name="reseller" value="{{RESELLER}}">{{/RESELLER_FILTERED}}
      <button type="submit">[[Search]]</button>
      {{#SEARCHED}}<a class="clear-search" id="clear-search" href="/customers">[[Clear]]</a>{{/SEARCHED}}
    </span>
  </form>
  {{#RESELLER_FILTERED}}<p class="hint" id="reseller-filtered">[[Filtered by reseller {{NAME}}]] &middot; <a id="clear-reseller" href="/customers?q={{Q:u}}">[[Clear]]</a></p>{{/RESELLER_FILTERED}}
  {{#RESELLER_FILTER_ELSEWHERE}}<p class="hint" id="reseller-filter-hint">[[To see one reseller's customers, open the reseller from <a href="/resellers">Indirect resellers</a>.]]</p>{{/RESELLER_FILTER_ELSEWHERE}}
  <p><a id="customers-csv" href="/customers.csv?q={{Q:u}}&amp;reseller={{RESELLER:u}}" download>[[Download CSV]]</a></p>
  <p class="hint" id="customer-count">{{#TOTAL_EXACT}}{{TEXT}}{{/TOTAL_EXACT}}{{#TOTAL_CAPPED}}[[More than 100 customers match]]{{/TOTAL_CAPPED}}</p>
  {{#NO_CUSTOMERS}}<p id="no-customers" class="hint">[[No customers yet.]]</p>{{/NO_CUSTOMERS}}
  {{#NO_MATCHES}}<p id="no-matches" class="hint">[[No customer matches your search.]]</p>{{/NO_MATCHES}}
  <ul class="customer-list" id="customers">
  {{#CUSTOMER}}<li>
    <details class="customer" id="customer-{{ID}}">
      <summary>
        <span class="expand-arrow" aria-hidden="true"></span>
        <span class="customer-name">{{NAME}}</span>
        <span class="customer-country">{{COUNTRY}}</span>
        <span class="customer-partners">{{PARTNERS_LABEL}}: {{#PARTNER}}<span class="customer-partner">{{NAME}}</span>{{#PARTNER_separator}}, {{/PARTNER_separator}}{{/PARTNER}}{{#NO_PARTNER}}<span class="hint">[[none]]</span>{{/NO_PARTNER}}</span>
      </summary>
      <div class="customer-body">
        <p class="hint">[[Partner of record since {{SINCE}}]]</p>
        {{#NO_SUBSCRIPTIONS}}<p class="hint no-subscriptions">[[No subscriptions yet.]]</p>{{/NO_SUBSCRIPTIONS}}
        {{#SUBSCRIPTIONS}}<div class="table-scroll" tabindex="0"><table class="list subscriptions">
          <thead><tr><th>[[Subscription]]</th><th>[[Licenses]]</th><th>[[Status]]</th><th>[[Reseller of record]]</th></tr></thead>
          <tbody>
          {{#SUBSCRIPTION}}<tr id="subscription-{{ID}}">
            <td><a href="/subscriptions/view?id={{ID:u}}">{{OFFER}}</a> <span class="hint">{{SKU}}</span></td>
            <td class="sub-licenses">{{LICENSES}}</td>
            <td class="sub-status">{{STATUS}}</td>
            <td class="sub-reseller">{{#RESELLER}}{{NAME}}{{/RESELLER}}{{#NO_RESELLER}}<span class="hint">[[none]]</span>{{/NO_RESELLER}}</td>
          </tr>
          {{/SUBSCRIPTION}}
          </tbody>
        </table></div>{{/SUBSCRIPTIONS}}
        {{#MORE_SUBSCRIPTIONS}}<p class="hint more-subscriptions">[[And more: <a href="/customers/subscriptions?customer={{ID:u}}">all its subscriptions</a>]]</p>{{/MORE_SUBSCRIPTIONS}}
        <p class="customer-actions">{{#ADD_SUBSCRIPTION}}<a class="button add-subscription" href="/subscriptions/new?customer={{ID:u}}" aria-label="[[Add subscription for {{NAME}}]]">[[Add subscription]]</a> {{/ADD_SUBSCRIPTION}}<a class="button secondary subscriptions-link" href="/customers/subscriptions?customer={{ID:u}}" aria-label="[[Subscriptions of {{NAME}}]]">[[Subscriptions]]</a> <a class="button secondary users-and-licenses" href="/customers/users?customer={{ID:u}}" aria-label="[[Users and licenses of {{NAME}}]]">[[Users and licenses]]</a></p>
      </div>
    </details>
  </li>
  {{/CUSTOMER}}
  </ul>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a rel="first" href="/customers?q={{Q:u}}&amp;reseller={{RESELLER:u}}">[[&laquo; First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/customers?q={{Q:u}}&amp;reseller={{RESELLER:u}}&amp;before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/customers?q={{Q:u}}&amp;reseller={{RESELLER:u}}&amp;after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a rel="last" href="/customers?q={{Q:u}}&amp;reseller={{RESELLER:u}}&amp;last=1">[[Last &raquo;]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

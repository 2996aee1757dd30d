{{%AUTOESCAPE context="HTML"}}{{! customer_users.tpl: a customer's users and licenses, seen by a partner of record; admin agents add users, reset passwords, assign licenses and remove users }}
{{>HEADER}}
<section class="card">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a> &rsaquo; {{CUSTOMER_NAME}}</p>
  <h1>[[Users and licenses]]</h1>
  <p class="lead">[[The users of {{CUSTOMER_NAME}} ({{DOMAIN}}) and the licenses of its subscriptions they hold, managed on the customer's behalf.]]</p>
  {{#REMOVED_NOTICE}}<p class="notice" role="status" id="removed-notice">[[The user has been removed from the customer's directory.]]</p>{{/REMOVED_NOTICE}}
  {{#LICENSES_NOTICE}}<p class="notice" role="status" id="licenses-notice">[[The licenses of {{NAME}} have been updated.]]</p>{{/LICENSES_NOTICE}}
  {{#READ_ONLY}}<p class="hint" id="read-only">[[Only admin agents of your account can add users, reset passwords, assign licenses and remove users.]]</p>{{/READ_ONLY}}
  <form method="get" action="/customers/users" class="form list-search" role="search">
    <input type="hidden" name="customer" value="{{CUSTOMER_ID}}">
    <span class="search-row">
      <span class="search-field">
        <label for="user-q">[[Name or user name]]</label>
        <input id="user-q" type="search" name="q" value="{{Q}}" maxlength="100">
      </span>
      <button type="submit">[[Search]]</button>
      {{#SEARCHED}}<a class="clear-search" id="clear-search" href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Clear]]</a>{{/SEARCHED}}
    </span>
  </form>
  <p class="hint" id="user-count">[[Users: {{TOTAL}}]]</p>
  {{#NO_MATCHES}}<p id="no-matches" class="hint">[[No user matches your search.]]</p>{{/NO_MATCHES}}
  <div class="table-scroll" tabindex="0"><table class="list" id="customer-users"><caption class="visually-hidden">[[Users and licenses]]</caption>
    <thead><tr><th>[[Name]]</th><th>[[User name]]</th><th>[[Role]]</th><th>[[Licenses]]</th><th>[[Sign-in]]</th><th>[[Manage]]</th></tr></thead>
    <tbody>
    {{#USER}}<tr id="user-{{ID}}">
      <td class="user-name">{{NAME}}</td>
      <td class="user-upn">{{UPN}}</td>
      <td class="user-role">{{ROLE}}</td>
      <td class="user-licenses">{{LICENSES}}</td>
      <td class="user-sign-in">{{SIGN_IN}}</td>
      <td class="user-actions">{{#ACTIONS}}
        <a href="/customers/users/licenses?customer={{CUSTOMER_ID:u}}&amp;user={{ID:u}}" class="edit-licenses" aria-label="[[Licenses of {{NAME}}]]">[[Licenses]]</a>
        <form method="post" action="/customers/users/reset-password" class="inline">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="customer" value="{{CUSTOMER_ID}}">
          <input type="hidden" name="user" value="{{ID}}">
          <button type="submit" class="linklike reset-password" aria-label="[[Reset password for {{NAME}}]]">[[Reset password]]</button>
        </form>
        <a href="/customers/users/remove?customer={{CUSTOMER_ID:u}}&amp;user={{ID:u}}" class="remove-user danger-link" aria-label="[[Remove {{NAME}}]]">[[Remove]]</a>
      {{/ACTIONS}}</td>
    </tr>
    {{/USER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/customers/users?customer={{CUSTOMER_ID:u}}&amp;q={{Q:u}}">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/customers/users?customer={{CUSTOMER_ID:u}}&amp;q={{Q:u}}&amp;before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/customers/users?customer={{CUSTOMER_ID:u}}&amp;q={{Q:u}}&amp;after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/customers/users?customer={{CUSTOMER_ID:u}}&amp;q={{Q:u}}&amp;last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}

  <h2 id="licenses-heading">[[Licenses]]</h2>
  {{#SUBSCRIPTIONS}}<div class="table-scroll" tabindex="0"><table class="list" id="license-summary" aria-labelledby="licenses-heading">
    <thead><tr><th>[[Subscription]]</th><th>[[Assigned]]</th><th>[[Licenses]]</th></tr></thead>
    <tbody>
    {{#SUBSCRIPTION}}<tr id="licenses-{{ID}}"><td>{{OFFER}}</td><td class="assigned">{{ASSIGNED}}</td><td class="total">{{TOTAL}}</td></tr>
    {{/SUBSCRIPTION}}
    </tbody>
  </table></div>{{/SUBSCRIPTIONS}}
  {{#NO_SUBSCRIPTIONS}}<p class="hint" id="no-subscriptions">[[The customer has no active subscriptions, so there are no licenses to assign yet.]]</p>{{/NO_SUBSCRIPTIONS}}

  {{#ADD_FORM}}
  <h2>[[Add user]]</h2>
  <form method="post" action="/customers/users/add" class="form add-customer-user">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="customer" value="{{CUSTOMER_ID}}">
    <label for="display_name">[[Display name]]</label>
    <input id="display_name" name="display_name" type="text" maxlength="200" value="{{NAME}}" autocomplete="off" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="display_name-error"{{/NAME_ERROR}}>
    {{#NAME_ERROR}}<p class="field-error" id="display_name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
    <label for="user_name">[[User name]]</label>
    <div class="with-suffix"><input id="user_name" name="user_name" type="text" maxlength="64" value="{{USER_NAME}}" autocomplete="off" required{{#USER_NAME_ERROR}} aria-invalid="true" aria-describedby="user_name-error"{{/USER_NAME_ERROR}}><span class="suffix">@{{DOMAIN}}</span></div>
    {{#USER_NAME_ERROR}}<p class="field-error" id="user_name-error">{{MESSAGE}}</p>{{/USER_NAME_ERROR}}
    <label><input type="checkbox" name="global_admin" value="1"{{#GLOBAL_ADMIN}} checked{{/GLOBAL_ADMIN}}> [[Global administrator]] <span class="hint">[[can manage the customer's whole directory and its partner relationships]]</span></label>
    {{>LICENSE_CHOICES}}
    <p class="form-actions"><button type="submit" class="primary" id="add-user">[[Add user]]</button></p>
  </form>
  {{/ADD_FORM}}
</section>
{{>FOOTER}}

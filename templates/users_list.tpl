{{%AUTOESCAPE context="HTML"}}{{! users_list.tpl: Account settings > User management: the account's users, their roles, and (admin agents) add users and set roles }}
{{>HEADER}}
<section class="card">
  <p class="hint">[[Account settings]]</p>
  <h1>[[User management]]</h1>
  <p class="lead">[[The users of {{ORG_NAME}} and their roles: select a name to see that user's page. Admin agents manage users and roles; sales agents place orders; helpdesk agents handle support requests.]]</p>
  {{#ADDED_NOTICE}}<p class="notice" role="status">[[{{NAME}} has been added to the account.]]</p>{{/ADDED_NOTICE}}
  {{#UPDATED_NOTICE}}<p class="notice" role="status">[[The roles of {{NAME}} have been updated.]]</p>{{/UPDATED_NOTICE}}
  {{#ERROR}}<p class="error" role="alert" id="users-error">{{MESSAGE}}</p>{{/ERROR}}
  {{#READ_ONLY}}<p class="hint" id="read-only">[[Only admin agents can add users or change roles.]]</p>{{/READ_ONLY}}
  <div class="table-scroll" tabindex="0"><table class="list" id="users"><caption class="visually-hidden">[[User management]]</caption>
    <thead><tr><th>[[Name]]</th><th>[[User name]]</th><th>[[Roles]]</th><th>[[Added (UTC)]]</th></tr></thead>
    <tbody>
    {{#MEMBER}}<tr id="user-{{USER_ID}}">
      <td><a href="/account/users/view?id={{USER_ID:u}}" class="user-link">{{NAME}}</a>{{#YOU}} <span class="hint">[[(you)]]</span>{{/YOU}}</td>
      <td>{{UPN}}</td>
      <td>
        <span class="roles">{{ROLES}}</span>
        {{#ROLE_FORM}}
        <form method="post" action="/account/users/roles" class="role-form">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="user_id" value="{{USER_ID}}">
          {{>ROLE_BOXES}}
          <button type="submit" aria-label="[[Update the roles of {{NAME}}]]">[[Update]]</button>
        </form>
        {{/ROLE_FORM}}
      </td>
      <td>{{ADDED_AT}}</td>
    </tr>
    {{/MEMBER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/account/users">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/account/users?before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/account/users?after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/account/users?last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}

  {{#ADD_FORM}}
  <h2>[[Add user]]</h2>
  <p><a class="button" id="new-user" href="/account/users/new">[[Create a new user]]</a> <span class="hint">[[someone who is not in your directory tenant yet: they get a user name of the tenant and a temporary password]]</span></p>
  <form method="get" action="/account/users" class="form list-search" role="search">
    <span class="search-row">
      <span class="search-field">
        <label for="find-user">[[Find a directory user <span class="hint">name or user name</span>]]</label>
        <input id="find-user" type="search" name="find" value="{{FIND}}" maxlength="100">
      </span>
      <button type="submit">[[Find]]</button>
      {{#FINDING}}<a class="clear-search" id="clear-find" href="/account/users">[[Clear]]</a>{{/FINDING}}
    </span>
  </form>
  {{#NO_MATCHES}}<p id="no-candidate-matches">[[No directory user outside the account matches “{{FIND}}”.]]</p>{{/NO_MATCHES}}
  {{#MORE_CANDIDATES}}<p class="hint" id="more-candidates">[[The first {{SHOWN}} by name are offered: find a user by name to choose another.]]</p>{{/MORE_CANDIDATES}}
  {{#NO_CANDIDATES}}<p id="no-candidates">[[Every user of your directory tenant is already in this account.]]</p>{{/NO_CANDIDATES}}
  {{#HAS_CANDIDATES}}
  <form method="post" action="/account/users/add" class="form add-user">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="add-user">[[Directory user <span class="hint">users of your own tenant who are not in the account yet</span>]]</label>
    <select id="add-user" name="user_id" required>
      <option value="">[[Choose a user]]</option>
      {{#CANDIDATE}}<option value="{{USER_ID}}">{{NAME}} ({{UPN}})</option>
      {{/CANDIDATE}}
    </select>
    <fieldset class="roles-choice">
      <legend>[[Roles <span class="hint">at least one</span>]]</legend>
      {{>ROLE_BOXES}}
    </fieldset>
    <button type="submit" class="primary">[[Add user]]</button>
  </form>
  {{/HAS_CANDIDATES}}
  {{/ADD_FORM}}
</section>
{{>FOOTER}}

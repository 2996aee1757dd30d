{{%AUTOESCAPE context="HTML"}}{{! users_list.tpl: Account settings > User management: the account's users, their roles, and (admin agents) add users and set roles }}
{{>HEADER}}
<section class="card">
  <p class="hint">Account settings</p>
  <h1>User management</h1>
  <p class="lead">The users of {{ORG_NAME}} and their roles. Admin agents manage users and roles; sales agents place orders; helpdesk agents handle support requests.</p>
  {{#ADDED_NOTICE}}<p class="notice" role="status">{{NAME}} has been added to the account.</p>{{/ADDED_NOTICE}}
  {{#UPDATED_NOTICE}}<p class="notice" role="status">The roles of {{NAME}} have been updated.</p>{{/UPDATED_NOTICE}}
  {{#ERROR}}<p class="error" role="alert" id="users-error">{{MESSAGE}}</p>{{/ERROR}}
  {{#READ_ONLY}}<p class="hint" id="read-only">Only admin agents can add users or change roles.</p>{{/READ_ONLY}}
  <table class="list" id="users">
    <thead><tr><th>Name</th><th>User name</th><th>Roles</th><th>Added (UTC)</th></tr></thead>
    <tbody>
    {{#MEMBER}}<tr id="user-{{USER_ID}}">
      <td>{{NAME}}{{#YOU}} <span class="hint">(you)</span>{{/YOU}}</td>
      <td>{{UPN}}</td>
      <td>
        <span class="roles">{{ROLES}}</span>
        {{#ROLE_FORM}}
        <form method="post" action="/account/users/roles" class="role-form">
          <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="user_id" value="{{USER_ID}}">
          <label><input type="checkbox" name="admin_agent" value="1"{{#ADMIN_AGENT}} checked{{/ADMIN_AGENT}}> Admin agent</label>
          <label><input type="checkbox" name="sales_agent" value="1"{{#SALES_AGENT}} checked{{/SALES_AGENT}}> Sales agent</label>
          <label><input type="checkbox" name="helpdesk_agent" value="1"{{#HELPDESK_AGENT}} checked{{/HELPDESK_AGENT}}> Helpdesk agent</label>
          <button type="submit">Update</button>
        </form>
        {{/ROLE_FORM}}
      </td>
      <td>{{ADDED_AT}}</td>
    </tr>
    {{/MEMBER}}
    </tbody>
  </table>

  {{#ADD_FORM}}
  <h2>Add user</h2>
  {{#NO_CANDIDATES}}<p id="no-candidates">Every user of your directory tenant is already in this account.</p>{{/NO_CANDIDATES}}
  {{#HAS_CANDIDATES}}
  <form method="post" action="/account/users/add" class="form add-user">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="add-user">Directory user <span class="hint">users of your own tenant who are not in the account yet</span></label>
    <select id="add-user" name="user_id" required>
      <option value="">Choose a user</option>
      {{#CANDIDATE}}<option value="{{USER_ID}}">{{NAME}} ({{UPN}})</option>
      {{/CANDIDATE}}
    </select>
    <fieldset class="roles-choice">
      <legend>Roles <span class="hint">at least one</span></legend>
      <label><input type="checkbox" name="admin_agent" value="1"> Admin agent</label>
      <label><input type="checkbox" name="sales_agent" value="1"> Sales agent</label>
      <label><input type="checkbox" name="helpdesk_agent" value="1"> Helpdesk agent</label>
    </fieldset>
    <button type="submit" class="primary">Add user</button>
  </form>
  {{/HAS_CANDIDATES}}
  {{/ADD_FORM}}
</section>
{{>FOOTER}}

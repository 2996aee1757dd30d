{{%AUTOESCAPE context="HTML"}}{{! users_view.tpl: Account settings > User management > one user: their roles, and (admin agents) Update }}
{{>HEADER}}
<section class="card user-page">
  <p class="hint">[[Account settings &rsaquo; <a href="/account/users">User management</a>]]</p>
  <h1>{{NAME}}{{#YOU}} <span class="hint">[[(you)]]</span>{{/YOU}}</h1>
  {{#ERROR}}<p class="error" role="alert" id="users-error">{{MESSAGE}}</p>{{/ERROR}}
  <dl class="facts" id="user-facts">
    <dt>[[User name]]</dt><dd id="user-upn">{{UPN}}</dd>
    <dt>[[Account]]</dt><dd>{{ORG_NAME}}</dd>
    <dt>[[Roles]]</dt><dd id="user-roles">{{ROLES}}</dd>
    <dt>[[Sign-in]]</dt><dd id="user-sign-in">{{SIGN_IN}}</dd>
    <dt>[[Added (UTC)]]</dt><dd>{{ADDED_AT}}</dd>
  </dl>
  {{#READ_ONLY}}<p class="hint" id="read-only">[[Only admin agents can add users or change roles.]]</p>{{/READ_ONLY}}
  {{#ROLE_FORM}}
  <h2>[[Roles]]</h2>
  <form method="post" action="/account/users/roles" class="form role-form" id="role-form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="user_id" value="{{USER_ID}}">
    <input type="hidden" name="from" value="user">
    <fieldset class="roles-choice">
      <legend>[[Roles of {{NAME}} <span class="hint">at least one; admin agents manage users and roles</span>]]</legend>
      {{>ROLE_BOXES}}
    </fieldset>
    <p class="form-actions"><button type="submit" class="primary" id="update-roles">[[Update]]</button></p>
  </form>
  {{/ROLE_FORM}}
  <p><a href="/account/users">[[Back to User management]]</a></p>
</section>
{{>FOOTER}}

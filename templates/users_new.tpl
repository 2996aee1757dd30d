{{%AUTOESCAPE context="HTML"}}{{! users_new.tpl: Account settings > User management > New user: a new user of the account's own directory tenant, with roles }}
{{>HEADER}}
<section class="card user-page">
  <p class="hint">[[Account settings &rsaquo; <a href="/account/users">User management</a>]]</p>
  <h1>[[New user]]</h1>
  <p class="lead">[[Create a user in the directory tenant of {{ORG_NAME}} ({{DOMAIN}}) and add them to the account. They get a temporary password, shown once on the next page, which they change at first sign-in.]]</p>
  <form method="post" action="/account/users/new" class="form new-user" id="new-user-form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="display_name">[[Display name]]</label>
    <input id="display_name" name="display_name" type="text" maxlength="200" value="{{NAME}}" autocomplete="off" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="display_name-error"{{/NAME_ERROR}}>
    {{#NAME_ERROR}}<p class="field-error" id="display_name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
    <label for="user_name">[[User name <span class="hint">the part before the @</span>]]</label>
    <div class="with-suffix"><input id="user_name" name="user_name" type="text" maxlength="64" value="{{USER_NAME}}" autocomplete="off" required{{#USER_NAME_ERROR}} aria-invalid="true" aria-describedby="user_name-error"{{/USER_NAME_ERROR}}><span class="suffix">@{{DOMAIN}}</span></div>
    {{#USER_NAME_ERROR}}<p class="field-error" id="user_name-error">{{MESSAGE}}</p>{{/USER_NAME_ERROR}}
    <fieldset class="roles-choice"{{#ROLES_ERROR}} aria-describedby="roles-error"{{/ROLES_ERROR}}>
      <legend>[[Roles <span class="hint">at least one</span>]]</legend>
      {{>ROLE_BOXES}}
    </fieldset>
    {{#ROLES_ERROR}}<p class="field-error" id="roles-error">{{MESSAGE}}</p>{{/ROLES_ERROR}}
    <p class="form-actions"><button type="submit" class="primary" id="create-user">[[Create user]]</button> <a href="/account/users">[[Cancel]]</a></p>
  </form>
</section>
{{>FOOTER}}

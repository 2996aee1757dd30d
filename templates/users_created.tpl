{{%AUTOESCAPE context="HTML"}}{{! users_created.tpl: a new user of the account: Setup info with the temporary password, shown this once, and a Copy button }}
{{>HEADER}}
<section class="card">
  <p class="hint">[[Account settings &rsaquo; <a href="/account/users">User management</a>]]</p>
  <h1>[[User created]]</h1>
  <p class="notice" role="status" id="created-notice">[[{{NAME}} has been created in your directory tenant and added to {{ORG_NAME}} as {{ROLES}}.]]</p>
  <h2>[[Setup info]]</h2>
  <p class="error" role="alert" id="copy-warning">[[<strong>Copy the user name and temporary password now</strong> and send them to the user.
    They will not be shown again once you leave this page. The user must change the password at first sign-in.]]</p>
  <dl class="facts setup-info">
    <dt>[[User name]]</dt><dd id="setup-user">{{UPN}}</dd>
    <dt>[[Temporary password]]</dt><dd id="setup-password"><code class="temp-password" id="temp-password">{{PASSWORD}}</code>
      <button type="button" class="button secondary copy-password" id="copy-password" data-copy-from="temp-password" data-copy-status="copy-status">[[Copy]]</button>
      <span id="copy-status" class="hint" role="status" data-copied="[[Copied to the clipboard.]]" data-copy-failed="[[Copying failed: select the text and copy it yourself.]]"></span></dd>
  </dl>
  <p class="created-actions"><a class="button" id="done" href="/account/users?added={{USER_ID:u}}">[[Done]]</a> <a href="/account/users/view?id={{USER_ID:u}}">[[Open the user's page]]</a></p>
</section>
{{>FOOTER}}

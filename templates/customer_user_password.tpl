{{%AUTOESCAPE context="HTML"}}{{! customer_user_password.tpl: a customer user's new temporary password, shown this once (user added, or password reset) }}
{{>HEADER}}
<section class="card">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a> &rsaquo; {{CUSTOMER_NAME}}</p>
  {{#ADDED}}<h1>[[User added]]</h1>
  <p class="notice" role="status" id="password-notice">[[{{NAME}} has been added to the directory of {{CUSTOMER_NAME}}.]]</p>{{/ADDED}}
  {{#RESET}}<h1>[[Password reset]]</h1>
  <p class="notice" role="status" id="password-notice">[[The password of {{NAME}} has been reset, and they have been signed out everywhere.]]</p>{{/RESET}}
  <p class="error" role="alert" id="copy-warning">[[<strong>Copy the user name and temporary password now</strong> and send them to the user.]]
    [[They will not be shown again once you leave this page. The user must change the password at first sign-in.]]</p>
  <dl class="facts setup-info">
    <dt>[[User name]]</dt><dd id="setup-user">{{UPN}}</dd>
    <dt>[[Temporary password]]</dt><dd id="setup-password"><code class="temp-password">{{PASSWORD}}</code></dd>
    <dd class="copy-cell"><button type="button" class="copy-button" id="copy-password" data-copy-from="setup-password" data-copy-status="password-copy-status" aria-label="[[Copy the temporary password]]">[[Copy]]</button>
      <span id="password-copy-status" class="hint copy-status" role="status" data-copied="[[Copied to the clipboard.]]" data-copy-failed="[[Copying failed: select the text and copy it yourself.]]" aria-live="polite"></span></dd>
  </dl>
  <p><a class="button" id="done" href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Done]]</a></p>
</section>
{{>FOOTER}}

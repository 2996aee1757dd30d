{{%AUTOESCAPE context="HTML"}}{{! password.tpl: change your password; required after a temporary one }}
{{>HEADER}}
<section class="card narrow">
  <h1>[[Change your password]]</h1>
  {{#TEMPORARY}}<p class="notice" role="status" id="temporary-password">[[You signed in with a temporary password. Choose your own password to continue.]]{{#EXPIRES}} [[The temporary password works until {{UNTIL}}; after that, ask your administrator or partner for a new one.]]{{/EXPIRES}}</p>{{/TEMPORARY}}
  {{#CHANGED}}<p class="notice" role="status">[[Your password has been changed.]]</p>{{/CHANGED}}
  {{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/account/password" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{#TEMPORARY}}<input type="hidden" name="next" value="{{NEXT}}">{{/TEMPORARY}}
    <label for="current_password">[[Current password]]</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
    <label for="new_password">[[New password]] <span class="hint">[[at least 12 characters, hard to guess: not a common word, a name or a date]]</span></label>
    <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="12" required>
    <label for="confirm_password">[[Confirm the new password]]</label>
    <input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" minlength="12" required>
    <button type="submit" class="primary">[[Change password]]</button>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_membership_password.tpl: membership center sign-in, second page: the password }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard narrow-form">
  <h1>[[Enter your password]]</h1>
  <p class="lead">[[Signing in to the membership center as <strong id="membership-user">{{USER_NAME}}</strong>.]]
    <a href="/enroll/membership" id="use-another-account">[[Use another account]]</a></p>
  {{#ERROR}}<p class="error" role="alert" id="membership-error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/enroll/membership/password" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="user_name" value="{{USER_NAME}}" autocomplete="username">
    <label for="password">[[Password]]</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <div class="wizard-actions">
      <button type="submit" class="primary">[[Sign in]]</button>
      <a class="button secondary" href="/enroll/membership">[[Back]]</a>
    </div>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_membership.tpl: membership center sign-in, first page: the user name }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard narrow-form">
  <h1>[[Sign in to the membership center]]</h1>
  <p class="lead">[[Enter the user name you use to sign in to the membership center.]]</p>
  <form method="post" action="/enroll/membership" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="user_name">[[User name]]</label>
    <input id="user_name" name="user_name" type="email" autocomplete="username" required maxlength="200" value="{{USER_NAME}}">
    {{#ERR_USER_NAME}}<p class="field-error" id="user_name-error">{{MESSAGE}}</p>{{/ERR_USER_NAME}}
    <div class="wizard-actions">
      <button type="submit" class="primary">[[Next]]</button>
      <a class="button secondary" href="/enroll/mpn">[[Back]]</a>
    </div>
  </form>
</section>
{{>FOOTER}}

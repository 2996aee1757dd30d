{{%AUTOESCAPE context="HTML"}}{{! signin.tpl: sign in with a directory account }}
{{>HEADER}}
<section class="card narrow">
  <h1>[[Sign in]]</h1>
  <p class="lead">[[Use your work account, for example <em>name@contoso.onmicrosoft.com</em>.]]</p>
  {{#SIGNED_OUT_NOTICE}}<p class="notice" role="status">[[You have signed out.]]</p>{{/SIGNED_OUT_NOTICE}}
  {{#ERROR}}<p class="error" role="alert" id="signin-error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/signin" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <label for="upn">[[User name]]</label>
    <input id="upn" name="upn" type="email" autocomplete="username" required value="{{UPN}}" autofocus>
    <label for="password">[[Password]]</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" class="primary">[[Sign in]]</button>
  </form>
  <p class="hint">[[New to the program? <a href="/enroll">Enroll as an indirect reseller</a>.]]</p>
</section>
{{>FOOTER}}

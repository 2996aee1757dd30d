{{%AUTOESCAPE context="HTML"}}{{! home.tpl: the signed-in home page: who you are and your organization }}
{{>HEADER}}
<section class="card">
  <h1>[[Welcome, {{USER_NAME}}]]</h1>
  <dl class="facts">
    <dt>[[Signed in as]]</dt><dd id="home-upn">{{USER_UPN}}</dd>
    <dt>[[Organization]]</dt><dd id="home-org">{{ORG_NAME}}</dd>
    <dt>[[Account type]]</dt><dd id="home-kind">{{ORG_KIND}}</dd>
    <dt>[[Directory tenant]]</dt><dd>{{TENANT}}</dd>
    <dt>[[Directory role]]</dt><dd>{{DIRECTORY_ROLE}}</dd>
  </dl>
  {{#NO_ACCOUNT}}<p id="no-account">[[Your organization has no partner account yet.
    <a href="/enroll">Enroll as an indirect reseller, or see how your application is doing</a>.]]</p>{{/NO_ACCOUNT}}
  {{#IS_VENDOR}}<p><a class="button" href="/admin">[[Open the admin portal]]</a></p>{{/IS_VENDOR}}
</section>
{{>FOOTER}}

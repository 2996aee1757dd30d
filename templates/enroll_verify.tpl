{{%AUTOESCAPE context="HTML"}}{{! enroll_verify.tpl: the primary contact confirms their email address from the emailed link }}
{{>HEADER}}
<section class="card narrow">
  {{#CONFIRM}}<h1>[[Verify your email address]]</h1>
  <p>[[Confirm that <strong>{{CONTACT_EMAIL}}</strong> belongs to you and that you are the primary contact of the
    application to enroll <strong id="verify-company">{{LEGAL_NAME}}</strong> ({{TENANT}}) as an indirect reseller.]]</p>
  <form method="post" action="/enroll/verify">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <button type="submit" class="primary">[[Confirm my email address]]</button>
  </form>{{/CONFIRM}}
  {{#VERIFIED}}<h1>[[Thanks — your email is verified]]</h1>
  <p class="notice" role="status" id="verified">[[We'll now review your application, which can take several days.
    We'll email the primary contact when we have completed our review.]]</p>
  <p><a href="/enroll/status">[[See your application's status]]</a></p>{{/VERIFIED}}
  {{#REFUSED}}<h1>[[This link cannot be used]]</h1>
  <p class="error" role="alert" id="verify-refused">{{MESSAGE}}</p>
  <p>[[If you already verified your address, your application is in review. <a href="/enroll/status">See your application's status</a>]]</p>{{/REFUSED}}
</section>
{{>FOOTER}}

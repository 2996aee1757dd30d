{{%AUTOESCAPE context="HTML"}}{{! enroll_review.tpl: everything the applicant entered, then Enroll now }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Review and enroll]]</h1>
  <p class="lead">[[Check what you entered. To change something, go back. When you select Enroll now, we email
    your primary contact to verify the address, then review your application; that can take several days.]]</p>
  {{#ERROR}}<p class="error" role="alert" id="review-error">{{MESSAGE}}</p>{{/ERROR}}
  <h2>[[Directory tenant]]</h2>
  <dl class="facts">
    <dt>[[Tenant]]</dt><dd id="review-tenant">{{TENANT}}</dd>
    <dt>[[Global administrator]]</dt><dd id="review-admin">{{ADMIN_UPN}}</dd>
  </dl>
  {{#MPN}}<h2>[[Partner network]]</h2>
  <dl class="facts">
    <dt>[[MPN ID]]</dt><dd id="review-mpn">{{MPN_ID}}</dd>
    <dt>[[Organization profile]]</dt><dd>{{PROFILE_NAME}}</dd>
    <dt>[[Membership center account]]</dt><dd>{{MEMBERSHIP_USER}}</dd>
  </dl>{{/MPN}}
  {{#GROUP}}<h2>{{TITLE}}</h2>
  <dl class="facts">
    {{#FIELD}}<dt>{{LABEL}}</dt><dd id="review-{{NAME}}">{{VALUE}}</dd>
    {{/FIELD}}
  </dl>
  {{/GROUP}}
  <form method="post" action="/enroll/review" class="wizard-actions">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary">[[Enroll now]]</button>
    <a class="button secondary" href="/enroll/details">[[Back]]</a>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_status.tpl: where the applicant's reseller enrollment stands }}
{{>HEADER}}
<section class="card wizard">
  <h1>[[Your enrollment application]]</h1>
  {{#NO_APPLICATION}}<p id="status-none">[[You have not applied to enroll as an indirect reseller yet.]]</p>
  <p><a class="button" href="/enroll">[[Start enrollment]]</a></p>{{/NO_APPLICATION}}
  {{#CONTINUE}}<p id="status-none">[[You have not finished your enrollment yet.]]</p>
  <p><a class="button" href="/enroll">[[Continue your enrollment]]</a></p>{{/CONTINUE}}
  {{#APPLICATION}}
  <p class="status-badge status-{{STATUS}}" id="status-label">{{STATUS_LABEL}}</p>
  {{#PENDING_VERIFICATION}}<p id="status-detail">[[We sent an email to <strong>{{CONTACT_EMAIL}}</strong>. The primary
    contact must select the link in it to verify the address; then we review your application.]]</p>{{/PENDING_VERIFICATION}}
  {{#PENDING_REVIEW}}<p id="status-detail">[[Your primary contact verified their email address. We are reviewing your
    application, which can take several days. We'll email {{CONTACT_EMAIL}} when we are done.]]</p>{{/PENDING_REVIEW}}
  {{#APPROVED}}<p id="status-detail">[[Your reseller account is ready. Sign in with your directory account to start.]]</p>
  <p><a class="button" href="/signin">[[Sign in]]</a></p>{{/APPROVED}}
  {{#REJECTED}}<p id="status-detail">[[We could not approve your application.]]</p>
  {{#HAS_REASON}}<p class="error" id="status-reason">[[Reason: {{REASON}}]]</p>{{/HAS_REASON}}
  <form method="post" action="/enroll/welcome">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary">[[Start a new application]]</button>
  </form>{{/REJECTED}}
  <dl class="facts">
    <dt>[[Organization]]</dt><dd>{{LEGAL_NAME}}</dd>
    <dt>[[Tenant]]</dt><dd>{{TENANT}}</dd>
    {{#HAS_MPN_ID}}<dt>[[MPN ID]]</dt><dd>{{MPN_ID}}</dd>{{/HAS_MPN_ID}}
    <dt>[[Primary contact]]</dt><dd>{{CONTACT_EMAIL}}</dd>
    <dt>[[Submitted]]</dt><dd id="status-submitted">{{SUBMITTED_AT}}</dd>
    {{#HAS_VERIFIED_AT}}<dt>[[Email verified]]</dt><dd id="status-verified">{{VERIFIED_AT}}</dd>{{/HAS_VERIFIED_AT}}
    {{#HAS_REVIEWED_AT}}<dt>[[Reviewed]]</dt><dd id="status-reviewed">{{REVIEWED_AT}}</dd>{{/HAS_REVIEWED_AT}}
  </dl>
  {{/APPLICATION}}
</section>
{{>FOOTER}}

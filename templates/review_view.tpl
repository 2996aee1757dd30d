{{%AUTOESCAPE context="HTML"}}{{! review_view.tpl: one reseller enrollment application: every submitted field, its dates, approve / reject }}
{{>HEADER}}
<section class="card">
  <p><a href="/admin/enrollments">[[&larr; Back to the review queue]]</a></p>
  <h1>{{NAME}}</h1>
  {{#APPROVED_NOTICE}}<p class="notice" role="status">[[The application was approved. The reseller account is ready and the primary contact has been emailed.]]</p>{{/APPROVED_NOTICE}}
  {{#NAME_DIFFERS}}<p class="flag" role="note" id="name-flag">[[<strong>Check the legal name:</strong> the applicant's legal name differs from the name on the membership profile it linked. Application: <q id="flag-legal-name">{{LEGAL_NAME}}</q>; membership profile: <q id="flag-profile-name">{{PROFILE_NAME}}</q>. Confirm that the applicant is authorized to act for that organization before you approve.]]</p>{{/NAME_DIFFERS}}
  {{#NAME_SPELLING}}<p class="flag minor" role="note" id="name-flag">[[The legal name is spelled differently from the membership profile's, in letter case, spacing or punctuation only. Application: <q id="flag-legal-name">{{LEGAL_NAME}}</q>; membership profile: <q id="flag-profile-name">{{PROFILE_NAME}}</q>.]]</p>{{/NAME_SPELLING}}
  {{#REJECTED_NOTICE}}<p class="notice" role="status">[[The application was rejected. The primary contact has been emailed the reason.]]</p>{{/REJECTED_NOTICE}}
  <dl class="facts review-facts">
    <dt>[[Application]]</dt><dd>#{{ID}}</dd>
    <dt>[[Status]]</dt><dd id="app-status">{{STATUS_LABEL}}</dd>
    <dt>[[Verification]]</dt><dd id="app-verification">{{VERIFICATION}}</dd>
    <dt>[[Submitted]]</dt><dd>{{SUBMITTED_AT}}</dd>
    <dt>[[Verified]]</dt><dd>{{#VERIFIED}}{{VERIFIED_AT}}{{/VERIFIED}}{{#NOT_VERIFIED}}[[not yet]]{{/NOT_VERIFIED}}</dd>
    <dt>[[Reviewed]]</dt><dd id="app-reviewed">{{#REVIEWED}}[[{{REVIEWED_AT}} by {{REVIEWER_NAME}} ({{REVIEWER_UPN}})]]{{/REVIEWED}}{{#NOT_REVIEWED}}[[not yet]]{{/NOT_REVIEWED}}</dd>
    {{#IS_APPROVED}}<dt>[[Reseller account]]</dt><dd id="app-org">{{ORG_NAME}}</dd>{{/IS_APPROVED}}
    {{#IS_REJECTED}}<dt>[[Reason for rejection]]</dt><dd id="app-reason">{{REJECT_REASON}}</dd>{{/IS_REJECTED}}
  </dl>

  <h2>[[Directory tenant and applicant]]</h2>
  <dl class="facts review-facts">
    <dt>[[Tenant]]</dt><dd id="app-tenant">{{TENANT_DOMAIN}} ({{TENANT_NAME}})</dd>
    <dt>[[Applicant]]</dt><dd id="app-applicant">{{APPLICANT_NAME}} ({{APPLICANT_UPN}})</dd>
  </dl>

  <h2>[[Partner network]]</h2>
  <dl class="facts review-facts">
    {{#MPN}}<dt>[[MPN ID]]</dt><dd id="app-mpn">{{MPN_ID}}</dd>
    {{#PROFILE}}<dt>[[Organization profile]]</dt><dd id="app-profile">{{PROFILE_NAME}}, {{PROFILE_CITY}} ({{PROFILE_COUNTRY}}){{#NAME_FLAG}} <span class="flag-mark">[[(name differs from the application's legal name)]]</span>{{/NAME_FLAG}}</dd>{{/PROFILE}}{{/MPN}}
    {{#ALREADY_IN_PROGRAM}}<dt>[[MPN ID]]</dt><dd id="app-mpn">[[already in the program (support contact only)]]</dd>{{/ALREADY_IN_PROGRAM}}
  </dl>

  <h2>[[Legal business profile]]</h2>
  <dl class="facts review-facts">
    <dt>[[Legal name]]</dt><dd id="app-legal-name">{{LEGAL_NAME}}{{#NAME_FLAG}} <span class="flag-mark">[[(differs from the membership profile's name)]]</span>{{/NAME_FLAG}}</dd>
    <dt>[[Address]]</dt><dd id="app-address">{{ADDRESS_LINE1}}<br>{{ADDRESS_LINE2}}</dd>
    <dt>[[City]]</dt><dd>{{CITY}}</dd>
    <dt>[[State or region]]</dt><dd>{{REGION}}</dd>
    <dt>[[Postal code]]</dt><dd>{{POSTAL_CODE}}</dd>
    <dt>[[Country]]</dt><dd>{{COUNTRY}}</dd>
    <dt>[[Phone]]</dt><dd>{{PHONE}}</dd>
  </dl>

  <h2>[[Primary contact]]</h2>
  <dl class="facts review-facts">
    <dt>[[Name]]</dt><dd id="app-contact-name">{{CONTACT_NAME}}</dd>
    <dt>[[Email]]</dt><dd id="app-contact-email">{{CONTACT_EMAIL}}</dd>
    <dt>[[Phone]]</dt><dd>{{CONTACT_PHONE}}</dd>
  </dl>

  <h2>[[Customer support]]</h2>
  <dl class="facts review-facts">
    <dt>[[Email]]</dt><dd id="app-support-email">{{SUPPORT_EMAIL}}</dd>
    <dt>[[Phone]]</dt><dd>{{SUPPORT_PHONE}}</dd>
    <dt>[[Website]]</dt><dd>{{SUPPORT_WEBSITE}}</dd>
  </dl>

  {{#AWAITING_VERIFICATION}}<p class="notice" role="status" id="awaiting-verification">[[This application cannot be reviewed until the primary contact verifies their email address.]]</p>{{/AWAITING_VERIFICATION}}

  {{#CAN_REVIEW}}
  <h2>[[Decision]]</h2>
  {{#ERROR}}<p class="error" role="alert" id="review-error">{{MESSAGE}}</p>{{/ERROR}}
  <div class="review-actions">
    <form method="post" action="/admin/enrollments/approve" class="form">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="id" value="{{ID}}">
      <p>[[Approving creates the reseller account and makes the applicant its admin agent.]]</p>
      <button type="submit" class="primary">[[Approve]]</button>
    </form>
    <form method="post" action="/admin/enrollments/reject" class="form">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="id" value="{{ID}}">
      <label for="reason">[[Reason for rejection]] <span class="hint">[[required, at most 1000 characters; emailed to the primary contact]]</span></label>
      <textarea id="reason" name="reason" rows="4" maxlength="1000" required>{{REASON}}</textarea>
      <button type="submit" class="danger">[[Reject]]</button>
    </form>
  </div>
  {{/CAN_REVIEW}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_profile.tpl: pick the organization profile (MPN ID) of the membership account }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Select your organization profile]]</h1>
  <p class="lead">[[Select the organization profile with the MPN ID that is linked to your incentives, membership
    benefits and competencies, so we can move them to your partner account.]]</p>
  <p class="hint">[[Signed in to the membership center as <strong>{{USER_NAME}}</strong>.]] [[Your directory tenant
    {{TENANT}} is in <strong id="tenant-country">{{TENANT_COUNTRY}}</strong>: select the MPN ID of an active
    organization profile located in the same country/region as your directory tenant.]] [[If the MPN ID you want is
    not listed, select Cancel and sign in with the membership account of that profile.]]</p>
  {{#ERROR}}<p class="error" role="alert" id="profile-error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/enroll/profile" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{#NO_PROFILES}}<p class="notice" role="status" id="no-profiles">[[This membership account has no active organization profile. Select Cancel to sign in with another account.]]</p>{{/NO_PROFILES}}
    <fieldset class="profiles">
      <legend>[[Organization profiles]]</legend>
      {{#PROFILE}}<label class="profile" for="profile-{{ID}}">
        <input type="radio" id="profile-{{ID}}" name="profile_id" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}>
        <span class="profile-mpn">[[MPN ID {{MPN_ID}}]]</span>
        <span class="profile-name">{{LEGAL_NAME}}</span>
        <span class="profile-place">{{CITY}}, {{COUNTRY}}</span>
      </label>
      {{/PROFILE}}
    </fieldset>
    <div class="wizard-actions">
      <button type="submit" class="primary" name="action" value="continue">[[Continue]]</button>
      <button type="submit" class="button secondary" name="action" value="cancel" formnovalidate>[[Cancel]]</button>
    </div>
  </form>
</section>
{{>FOOTER}}

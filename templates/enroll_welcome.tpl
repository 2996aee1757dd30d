{{%AUTOESCAPE context="HTML"}}{{! enroll_welcome.tpl: the wizard's first step: what you need to enroll as an indirect reseller }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Enroll as an indirect reseller]]</h1>
  <p class="lead">[[As an indirect reseller you work with indirect providers (distributors) who buy the cloud
    services you resell to your customers and give you and your customers support and billing.]]</p>
  <h2>[[Before you begin]]</h2>
  <p>[[Take a few minutes to gather what you need:]]</p>
  <ul class="needs">
    <li>[[<strong>Global administrator credentials for your organization's directory tenant.</strong>
      If your organization has no tenant yet, you can create one during enrollment.]]</li>
    <li>[[<strong>The user name and password you use to sign in to the membership center.</strong>
      We use them to link your organization's partner network ID (MPN ID) with your new account.]]</li>
    <li>[[<strong>Your organization's legal business name, address, primary contact and support details.</strong>
      We need them to confirm that your organization has an established profile and that you are authorized to act for it.]]</li>
  </ul>
  <p>[[It can take us several days to review and verify what you provide. We email your primary contact when we
    have completed our review. You can close this page at any time: come back to <a href="/enroll">/enroll</a>
    in this browser and you continue where you left off.]]</p>
  <form method="post" action="/enroll/welcome" class="wizard-actions">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary">[[Next]]</button>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! enroll_mpn.tpl: why we link the MPN ID, before the membership center sign-in }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Link your MPN ID]]</h1>
  <p class="lead">[[We link your organization's partner network ID (MPN ID) with your new partner account so that
    you can manage your membership benefits and incentives here.]]</p>
  <p>[[Next, sign in to the membership center, where you manage your partner membership today. Signing in lets us
    retrieve your MPN ID and associate it with your new account.]]</p>
  <form method="post" action="/enroll/mpn" class="wizard-actions">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <button type="submit" class="primary">[[Sign in]]</button>
    <a class="button secondary" href="/enroll/directory">[[Back]]</a>
  </form>
</section>
{{>FOOTER}}

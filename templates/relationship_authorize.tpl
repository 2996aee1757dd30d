{{%AUTOESCAPE context="HTML"}}{{! relationship_authorize.tpl: a customer's global admin accepts the partners whose emailed invitation they followed }}
{{>HEADER}}
<section class="card narrow">
  <h1>[[Accept partner relationship]]</h1>
  <p class="lead" id="asking-partners">{{#PROVIDER}}[[{{RESELLER_NAME}} (reseller) and {{PROVIDER_NAME}} (indirect provider) ask to become partners of record of your organization ({{TENANT_DOMAIN}}).]]{{/PROVIDER}}{{#NO_PROVIDER}}[[{{RESELLER_NAME}} (reseller) asks to become a partner of record of your organization ({{TENANT_DOMAIN}}).]]{{/NO_PROVIDER}}</p>
  <p>[[When you accept, they will be able to:]]</p>
  <ul class="grants" id="grants">
    <li>[[manage your subscriptions, licenses and users, and]]</li>
    <li>[[submit orders on your behalf.]]</li>
  </ul>
  <p class="hint">[[They then appear on your My partners page. You can end a relationship at any time, and the partner loses access at once.]]</p>
  <form method="post" action="/relationship/authorize" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <button type="submit" class="primary" id="accept-relationship">[[Accept]]</button>
  </form>
</section>
{{>FOOTER}}

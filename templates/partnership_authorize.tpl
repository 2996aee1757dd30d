{{%AUTOESCAPE context="HTML"}}{{! partnership_authorize.tpl: a reseller's admin agent authorizes the provider whose emailed link they followed }}
{{>HEADER}}
<section class="card narrow">
  {{#ALREADY}}
  <h1>[[Already your indirect provider]]</h1>
  <p class="notice" role="status" id="already-partners">[[<a href="/providers/view?id={{PROVIDER_ID:u}}">{{PROVIDER_NAME}}</a> is already the indirect provider of {{RESELLER_NAME}}. Nothing was changed, and this link has not been used.]]</p>
  <p><a href="/indirect-providers">[[Go to Indirect providers]]</a></p>
  {{/ALREADY}}
  {{#FORM}}
  <h1>[[Authorize indirect provider]]</h1>
  <p class="lead" id="asking-provider">[[<a href="/providers/view?id={{PROVIDER_ID:u}}">{{PROVIDER_NAME}}</a> asks to be the indirect provider of {{RESELLER_NAME}}.]]</p>
  <p>[[When you authorize {{PROVIDER_NAME}} as your indirect provider:]]</p>
  <ul class="grants" id="grants">
    <li>[[you authorize them to submit orders and add subscriptions on behalf of your customers, and]]</li>
    <li>[[you grant them administrator access to your directory tenant ({{TENANT_DOMAIN}}).]]</li>
  </ul>
  <p class="hint">[[{{PROVIDER_NAME}} then appears on your Indirect providers page, and you on their Indirect resellers page. Either of you can end the partnership at any time.]]</p>
  {{#ERROR}}<p class="error" role="alert" id="authorize-error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/partnership/authorize" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <label class="checkbox"><input type="checkbox" id="authorize-confirm" name="confirm" value="1"> [[I authorize {{PROVIDER_NAME}} to be my indirect provider]]</label>
    <button type="submit" class="primary">[[Authorize indirect provider]]</button>
  </form>
  {{/FORM}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! indirect_providers_list.tpl: the reseller's Indirect providers: the providers it has authorized }}
{{>HEADER}}
<section class="card">
  <h1>[[Indirect providers]]</h1>
  <p class="lead">[[The indirect providers {{ORG_NAME}} has authorized. Each can submit orders and add subscriptions on behalf of your customers, and has administrator access to your directory tenant, for as long as the partnership stands.]]</p>
  {{#AUTHORIZED_NOTICE}}<p class="notice" role="status" id="authorized-notice">[[{{NAME}} is now your indirect provider.]]</p>{{/AUTHORIZED_NOTICE}}
  {{#ENDED_NOTICE}}<p class="notice" role="status" id="ended-notice">[[Your partnership with {{NAME}} has ended.]]</p>{{/ENDED_NOTICE}}
  <p class="hint">[[To connect with a new provider, <a href="/providers">find a provider</a> and contact them: they email you a partnership request with a link to authorize them.]]</p>
  {{#READ_ONLY}}<p class="hint" id="read-only">[[Only admin agents can end partnerships.]]</p>{{/READ_ONLY}}
  {{>PARTNER_TABLE}}
</section>
{{>FOOTER}}

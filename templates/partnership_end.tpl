{{%AUTOESCAPE context="HTML"}}{{! partnership_end.tpl: confirm ending a provider-reseller partnership (either side) }}
{{>HEADER}}
<section class="card narrow">
  <p><a href="{{LIST_PATH}}">&larr; [[Back to the list]]</a></p>
  <h1>[[End partnership with {{OTHER_NAME}}?]]</h1>
  <p class="lead">[[{{PROVIDER_NAME}} and {{RESELLER_NAME}} have been partners since {{STARTED_ON}}.]]</p>
  <p id="end-consequences">[[Ending the partnership takes effect immediately: {{PROVIDER_NAME}} loses the right to act for {{RESELLER_NAME}} and its customers. It can no longer add customers, submit orders or add subscriptions on their behalf, and its administrator access to the reseller's directory tenant ends.]]</p>
  {{#AS_PROVIDER}}<p>[[To work together again, send {{RESELLER_NAME}} a new partnership request; they have to authorize it again.]]</p>{{/AS_PROVIDER}}
  {{#AS_RESELLER}}<p>[[To work together again, {{PROVIDER_NAME}} has to send you a new partnership request.]]</p>{{/AS_RESELLER}}
  <form method="post" action="{{END_PATH}}" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="id" value="{{OTHER_ORG_ID}}">
    <button type="submit" class="danger">[[End partnership]]</button>
    <a class="cancel-link" href="{{LIST_PATH}}">[[Cancel]]</a>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! my_partner_end.tpl: a customer's global admin confirms ending a partner relationship }}
{{>HEADER}}
<section class="card narrow">
  <h1>[[End relationship with {{NAME}}]]</h1>
  <p class="lead">[[{{NAME}} will no longer be a partner of record of your organization, and loses access to your subscriptions, licenses and users at once. Where it is the reseller of record or the support contact of a subscription, it stops being so, and the subscription's indirect provider becomes the support contact.]]</p>
  <form method="post" action="/my/partners/end" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="id" value="{{ID}}">
    <button type="submit" class="danger" id="end-relationship">[[End relationship]]</button>
    <a href="/my/partners">[[Cancel]]</a>
  </form>
</section>
{{>FOOTER}}

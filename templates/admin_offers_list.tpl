{{%AUTOESCAPE context="HTML"}}{{! admin_offers_list.tpl: the vendor admin's offer catalog: every offer, active or not }}
{{>HEADER}}
<section class="card">
  <p class="hint">[[Admin portal]]</p>
  <h1>[[Offer catalog]]</h1>
  <p class="lead">[[What providers can order for their customers. Inactive offers cannot be ordered any more;
    existing subscriptions keep them.]]</p>
  {{#ADDED_NOTICE}}<p class="notice" role="status" id="offers-notice">[[{{NAME}} has been added to the catalog.]]</p>{{/ADDED_NOTICE}}
  {{#SAVED_NOTICE}}<p class="notice" role="status" id="offers-notice">[[{{NAME}} has been saved.]]</p>{{/SAVED_NOTICE}}
  <p><a class="button" id="add-offer" href="/admin/offers/new">[[Add an offer]]</a></p>
  {{#NO_OFFERS}}<p id="no-offers">[[There are no offers yet.]]</p>{{/NO_OFFERS}}
  <div class="table-scroll" tabindex="0"><table class="list catalog" id="admin-offers"><caption class="visually-hidden">[[Offer catalog]]</caption>
    <thead><tr><th>[[Offer]]</th><th>[[SKU]]</th><th>[[Category]]</th><th>[[Price per license, monthly]]</th><th>[[Licenses]]</th><th>[[State]]</th><th>[[Actions]]</th></tr></thead>
    <tbody>
    {{#OFFER}}<tr id="admin-offer-{{ID}}">
      <td class="offer-name">{{NAME}}</td>
      <td class="offer-sku">{{SKU}}</td>
      <td>{{CATEGORY}}</td>
      <td class="offer-price">{{PRICE}}</td>
      <td class="offer-limits">{{MIN}}–{{MAX}}</td>
      <td>{{#ACTIVE}}<span class="status-badge status-approved">[[#offer state#Active]]</span>{{/ACTIVE}}{{#INACTIVE}}<span class="status-badge status-rejected">[[#offer state#Inactive]]</span>{{/INACTIVE}}</td>
      <td><a aria-label="[[Edit {{NAME}}]]" href="/admin/offers/edit?id={{ID:u}}">[[Edit]]</a></td>
    </tr>
    {{/OFFER}}
    </tbody>
  </table></div>
</section>
{{>FOOTER}}

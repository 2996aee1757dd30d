{{%AUTOESCAPE context="HTML"}}{{! orders_view.tpl: one order: "Order N placed" with the new monthly total and where to go next, who placed it and when, its lines (licenses before and after) and the monthly totals }}
{{>HEADER}}
<section class="card order">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a> &rsaquo; {{CUSTOMER_NAME}} &rsaquo; <a href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}">[[Subscriptions]]</a></p>
  <h1>[[Order {{ORDER_ID}} placed]]</h1>
  <p class="notice" role="status" id="order-placed">{{#ONE_SUBSCRIPTION}}[[The new monthly total of this subscription of {{CUSTOMER_NAME}} is <strong id="order-placed-total">{{NEW_TOTAL}}</strong>.]]{{/ONE_SUBSCRIPTION}}{{#ONE_SUBSCRIPTION_WAS}}[[The new monthly total of this subscription of {{CUSTOMER_NAME}} is <strong id="order-placed-total">{{NEW_TOTAL}}</strong> (it was {{OLD_TOTAL}}).]]{{/ONE_SUBSCRIPTION_WAS}}{{#SUBSCRIPTIONS}}[[The new monthly total of these {{LINES}} subscriptions of {{CUSTOMER_NAME}} is <strong id="order-placed-total">{{NEW_TOTAL}}</strong>.]]{{/SUBSCRIPTIONS}}{{#SUBSCRIPTIONS_WAS}}[[The new monthly total of these {{LINES}} subscriptions of {{CUSTOMER_NAME}} is <strong id="order-placed-total">{{NEW_TOTAL}}</strong> (it was {{OLD_TOTAL}}).]]{{/SUBSCRIPTIONS_WAS}}</p>
  <nav class="order-next" aria-label="[[Where to go next]]">
    <a class="button" id="to-customer-subscriptions" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}">[[Subscriptions of {{CUSTOMER_NAME}}]]</a>
    {{#LINE}}<a class="button secondary to-subscription" href="/subscriptions/view?id={{SUBSCRIPTION_ID:u}}">[[Open {{OFFER}}]]</a>
    {{/LINE}}
  </nav>
  <dl class="facts">
    <dt>[[Customer]]</dt><dd id="order-customer">{{CUSTOMER_NAME}}</dd>
    <dt>[[Placed by]]</dt><dd id="order-placed-by">{{USER_NAME}} ({{USER_UPN}}), {{PLACED_BY_ORG}}</dd>
    <dt>[[Placed (UTC)]]</dt><dd id="order-placed-at">{{PLACED_AT}}</dd>
  </dl>
  <div class="table-scroll" tabindex="0">
  <table class="list" id="order-lines">
    <caption>[[Licenses before and after this order, and what they cost a month]]</caption>
    <thead><tr><th scope="col">[[Offer]]</th><th scope="col">[[SKU]]</th><th scope="col">[[Kind]]</th><th scope="col">[[Licenses, before &rarr; after]]</th><th scope="col">[[Unit price, monthly]]</th><th scope="col">[[Change, monthly]]</th><th scope="col">[[Monthly after this order]]</th></tr></thead>
    <tbody>
    {{#LINE}}<tr class="order-line">
      <td><a href="/subscriptions/view?id={{SUBSCRIPTION_ID:u}}">{{OFFER}}</a></td>
      <td class="line-sku">{{SKU}}</td>
      <td class="line-kind">{{KIND}}</td>
      <td class="line-licenses">{{BEFORE}} &rarr; {{AFTER}}</td>
      <td class="line-price">{{UNIT_PRICE}}</td>
      <td class="line-amount">{{AMOUNT}}</td>
      <td class="line-after-amount">{{AFTER_AMOUNT}}</td>
    </tr>
    {{/LINE}}
    </tbody>
    <tfoot><tr><th colspan="5" scope="row">[[Monthly total]]</th><td id="order-total">{{TOTAL}}</td><td id="order-new-total">{{NEW_TOTAL}}</td></tr></tfoot>
  </table>
  </div>
</section>
{{>FOOTER}}

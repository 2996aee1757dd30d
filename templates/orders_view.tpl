{{%AUTOESCAPE context="HTML"}}{{! orders_view.tpl: one order: who placed it and when, for which customer, its lines and the monthly total }}
{{>HEADER}}
<section class="card order">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">Customers</a></p>
  <h1>Order {{ORDER_ID}}</h1>
  <dl class="facts">
    <dt>Customer</dt><dd id="order-customer">{{CUSTOMER_NAME}}</dd>
    <dt>Placed by</dt><dd id="order-placed-by">{{USER_NAME}} ({{USER_UPN}}), {{PLACED_BY_ORG}}</dd>
    <dt>Placed (UTC)</dt><dd id="order-placed-at">{{PLACED_AT}}</dd>
  </dl>
  <table class="list" id="order-lines">
    <thead><tr><th>Offer</th><th>SKU</th><th>Kind</th><th>Licenses</th><th>Unit price, monthly</th><th>Monthly amount</th></tr></thead>
    <tbody>
    {{#LINE}}<tr class="order-line">
      <td><a href="/subscriptions/view?id={{SUBSCRIPTION_ID:u}}">{{OFFER}}</a></td>
      <td>{{SKU}}</td>
      <td class="line-kind">{{KIND}}</td>
      <td class="line-licenses">{{BEFORE}} &rarr; {{AFTER}}</td>
      <td class="line-price">{{UNIT_PRICE}}</td>
      <td class="line-amount">{{AMOUNT}}</td>
    </tr>
    {{/LINE}}
    </tbody>
    <tfoot><tr><th colspan="5">Monthly total</th><td id="order-total">{{TOTAL}}</td></tr></tfoot>
  </table>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! customer_new_lines.tpl: the order's lines (licenses x price = monthly amount) and the monthly total }}
<div class="table-scroll" tabindex="0"><table class="list" id="order-lines">
  <thead><tr><th>[[Offer]]</th><th>[[SKU]]</th><th>[[Licenses]]</th><th>[[Price per license]]</th><th>[[Monthly amount]]</th></tr></thead>
  <tbody>
  {{#LINE}}<tr class="order-line">
    <td class="line-name">{{NAME}}</td>
    <td class="line-sku">{{SKU}}</td>
    <td class="line-licenses">{{LICENSES}}</td>
    <td class="line-price">× {{PRICE}}</td>
    <td class="line-amount">{{AMOUNT}}</td>
  </tr>
  {{/LINE}}
  </tbody>
  <tfoot><tr><th colspan="4">[[Monthly total]]</th><td id="order-total">{{TOTAL}}</td></tr></tfoot>
</table></div>

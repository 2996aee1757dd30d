{{%AUTOESCAPE context="HTML"}}{{! subscriptions_new.tpl: the New subscription page: offers with license counts, the reseller of record, Submit (one order) }}
{{>HEADER}}
<section class="card subscription-new">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a></p>
  <h1>[[New subscription]]</h1>
  <p class="lead">[[For <strong id="customer-name">{{CUSTOMER_NAME}}</strong>. Enter the number of licenses for each offer the customer wants to buy; leave the others empty. Submitting places one order.]]</p>
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
  <form method="post" action="/subscriptions/new?customer={{CUSTOMER_ID:u}}" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="order_key" value="{{ORDER_KEY}}">
    <div class="table-scroll" tabindex="0"><table class="list offers" id="offers">
      <thead><tr><th>[[Offer]]</th><th>[[SKU]]</th><th>[[Price per license, monthly]]</th><th>[[Licenses]]</th></tr></thead>
      <tbody>
      {{#OFFER}}<tr id="offer-{{ID}}">
        <td><label for="licenses_{{ID}}">{{NAME}}</label> <span class="hint">{{CATEGORY}}</span></td>
        <td>{{SKU}}</td>
        <td class="offer-price">{{PRICE}}</td>
        <td class="offer-licenses">
          <input id="licenses_{{ID}}" name="licenses_{{ID}}" type="text" inputmode="numeric" size="6" maxlength="12" value="{{LICENSES}}"{{#ERROR}} aria-invalid="true" aria-describedby="licenses_{{ID}}-error"{{/ERROR}}>
          <span class="hint">[[{{MIN}} to {{MAX}}]]</span>
          {{#ERROR}}<p class="field-error" id="licenses_{{ID}}-error">{{MESSAGE}}</p>{{/ERROR}}
        </td>
      </tr>
      {{/OFFER}}
      </tbody>
    </table></div>
    <label for="reseller_of_record">[[Reseller of record]] <span class="hint">[[earns the incentives for these subscriptions; your partner resellers that are partners of record of this customer]]</span></label>
    <select id="reseller_of_record" name="reseller_of_record"{{#RESELLER_ERROR}} aria-invalid="true" aria-describedby="reseller_of_record-error"{{/RESELLER_ERROR}}>
      <option value="">[[None]]</option>
      {{#RESELLER_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
      {{/RESELLER_OPTION}}
    </select>
    {{#NO_RESELLERS}}<p class="hint" id="no-resellers">[[None of your partner resellers is a partner of record of this customer.]]</p>{{/NO_RESELLERS}}
    {{#RESELLER_ERROR}}<p class="field-error" id="reseller_of_record-error">{{MESSAGE}}</p>{{/RESELLER_ERROR}}
    <p class="form-actions"><button type="submit" class="primary">[[Submit]]</button> <a class="cancel-link" href="/customers">[[Cancel]]</a></p>
  </form>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! customer_new_subscriptions.tpl: Add new customer, step 2: license counts for the active offers, by category }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard customer-new">
  <p class="hint"><a href="/resellers">[[Indirect resellers]]</a></p>
  <h1>[[New subscriptions]]</h1>
  <p class="lead">[[For the new customer of <strong id="reseller-name">{{RESELLER_NAME}}</strong>.]] [[Enter the number of licenses
    the customer needs next to each offer it wants to buy; leave the others empty.]]</p>
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
  {{#NO_OFFERS}}<p id="no-offers">[[There are no offers to order right now.]]</p>{{/NO_OFFERS}}
  <form method="post" action="/customers/new" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{>STATE}}
    {{#CATEGORY}}<h2 class="offer-category">{{NAME}}</h2>
    <div class="table-scroll" tabindex="0"><table class="list offers">
      <thead><tr><th>[[Offer]]</th><th>[[SKU]]</th><th>[[Price per license, monthly]]</th><th>[[Licenses]]</th></tr></thead>
      <tbody>
      {{#OFFER}}<tr id="offer-{{ID}}">
        <td><label for="licenses_{{ID}}">{{NAME}}</label><br><span class="hint">{{DESCRIPTION}}</span></td>
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
    {{/CATEGORY}}
    <div class="wizard-actions">
      <button type="submit" name="action" value="next" class="primary">[[Next: Review]]</button>
      <button type="submit" name="action" value="back" class="secondary">[[Back]]</button>
      <button type="submit" name="action" value="cancel" class="secondary">[[Cancel]]</button>
    </div>
  </form>
</section>
{{>FOOTER}}

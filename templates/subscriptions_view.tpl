{{%AUTOESCAPE context="HTML"}}{{! subscriptions_view.tpl: one subscription: offer, licenses; one headed form each for its reseller of record, its licenses and its designated support contact; its orders }}
{{>HEADER}}
<section class="card subscription">
  <p class="hint"><a href="/customers?q={{CUSTOMER_NAME:u}}">[[Customers]]</a> &rsaquo; {{CUSTOMER_NAME}} &rsaquo; <a id="customer-subscriptions-link" href="/customers/subscriptions?customer={{CUSTOMER_ID:u}}">[[Subscriptions]]</a></p>
  <h1>{{OFFER_NAME}}</h1>
  {{#SUPPORT_NOTICE}}<p class="notice" role="status" id="support-notice">[[The designated support contact is now {{SUPPORT_NAME}}.]]</p>{{/SUPPORT_NOTICE}}
  <dl class="facts">
    <dt>[[Customer]]</dt><dd id="sub-customer">{{CUSTOMER_NAME}}</dd>
    <dt>[[Offer]]</dt><dd id="sub-offer">{{OFFER_NAME}}</dd>
    <dt>[[SKU]]</dt><dd id="sub-sku">{{SKU}}</dd>
    <dt>[[Price per license, monthly]]</dt><dd id="sub-price">{{PRICE}}</dd>
    <dt>[[Licenses]]</dt><dd id="sub-licenses">{{LICENSES}}</dd>
    <dt>[[Assigned to users]]</dt><dd id="sub-assigned">{{ASSIGNED}} <a href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Users and licenses]]</a></dd>
    <dt>[[Status]]</dt><dd id="sub-status">{{STATUS}}</dd>
    <dt>[[Created (UTC)]]</dt><dd id="sub-created">{{CREATED_AT}}</dd>
    <dt>[[Indirect provider]]</dt><dd id="sub-provider">{{PROVIDER_NAME}}</dd>
    <dt>[[Reseller (MPN ID)]]</dt><dd id="sub-reseller">{{#RESELLER}}{{NAME}}{{#MPN}} ({{MPN_ID}}){{/MPN}}{{/RESELLER}}{{#NO_RESELLER}}[[None]]{{/NO_RESELLER}}</dd>
    <dt>[[Designated support contact]]</dt><dd id="sub-support">{{SUPPORT_NAME}}</dd>
  </dl>

  <h2 id="reseller-heading">[[Reseller (MPN ID)]]</h2>
  {{#RESELLER_NOTICE}}<p class="notice" role="status" id="reseller-notice">[[The reseller of record has been updated.]]</p>{{/RESELLER_NOTICE}}
  {{#RESELLER_FORM}}<form method="post" action="/subscriptions/reseller" class="form reseller-form" aria-labelledby="reseller-heading">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="subscription_id" value="{{ID}}">
    <label for="reseller_org_id">[[Reseller (MPN ID)]] <span class="hint">[[earns the incentives for this subscription; your partner resellers that are partners of record of this customer]]</span></label>
    <select id="reseller_org_id" name="reseller_org_id"{{#RESELLER_ERROR}} aria-invalid="true" aria-describedby="reseller-error"{{/RESELLER_ERROR}}>
      <option value=""{{#NONE_SELECTED}} selected{{/NONE_SELECTED}}>[[None]]</option>
      {{#RESELLER_OPTION}}<option value="{{ORG_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
      {{/RESELLER_OPTION}}
    </select>
    {{#RESELLER_ERROR}}<p class="field-error" id="reseller-error">{{MESSAGE}}</p>{{/RESELLER_ERROR}}
    <p class="form-actions"><button type="submit" class="primary">[[Save reseller]]</button></p>
  </form>{{/RESELLER_FORM}}
  {{#RESELLER_READ_ONLY}}<p id="reseller-read-only">{{NAME}} <span class="hint">[[The indirect provider of this subscription sets its reseller of record.]]</span></p>{{/RESELLER_READ_ONLY}}

  <h2 id="licenses-heading">[[Change licenses]]</h2>
  {{#LICENSE_FORM}}<form method="post" action="/subscriptions/licenses" class="form license-form" aria-labelledby="licenses-heading">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="subscription_id" value="{{ID}}">
    <input type="hidden" name="order_key" value="{{ORDER_KEY}}">
    <label for="licenses">[[New number of licenses]] <span class="hint">[[{{MIN}} to {{MAX}}; the change is placed as an order]]</span></label>
    <input id="licenses" name="licenses" type="text" inputmode="numeric" size="6" maxlength="12" value="{{NEW_LICENSES}}"{{#LICENSES_ERROR}} aria-invalid="true" aria-describedby="licenses-error"{{/LICENSES_ERROR}}>
    {{#LICENSES_ERROR}}<p class="field-error" id="licenses-error">{{MESSAGE}}</p>{{/LICENSES_ERROR}}
    <p class="form-actions"><button type="submit" class="primary">[[Submit]]</button></p>
  </form>{{/LICENSE_FORM}}
  {{#OFFER_RETIRED}}<p class="hint" id="offer-retired">[[This offer is not sold any more: its license count cannot change.]]</p>{{/OFFER_RETIRED}}
  {{#LICENSES_NOT_OURS}}<p class="hint" id="licenses-not-ours">[[Only {{PROVIDER_NAME}}, which sold this subscription, or its reseller of record while their partnership stands, can change its licenses.]]</p>{{/LICENSES_NOT_OURS}}
  {{#LICENSES_READ_ONLY}}<p class="hint" id="licenses-read-only">[[Only admin agents and sales agents can change licenses.]]</p>{{/LICENSES_READ_ONLY}}

  <h2 id="support-heading">[[Designated support contact]]</h2>
  {{#SUPPORT_FORM}}<form method="post" action="/subscriptions/support-contact" class="form support-form" aria-labelledby="support-heading">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="subscription_id" value="{{ID}}">
    <label for="support_org_id">[[Who handles the customer's support requests for this subscription]]</label>
    <select id="support_org_id" name="support_org_id"{{#SUPPORT_ERROR}} aria-invalid="true" aria-describedby="support-error"{{/SUPPORT_ERROR}}>
      {{#SUPPORT_OPTION}}<option value="{{ORG_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} ({{ROLE}})</option>
      {{/SUPPORT_OPTION}}
    </select>
    {{#SUPPORT_SOME}}<p class="hint" id="support-some">[[Listed: your organization and this customer's resellers of record (you have more partner resellers than one list can show).]]</p>{{/SUPPORT_SOME}}
    {{#SUPPORT_ERROR}}<p class="field-error" id="support-error">{{MESSAGE}}</p>{{/SUPPORT_ERROR}}
    <p class="form-actions"><button type="submit" class="primary">[[Submit]]</button></p>
  </form>{{/SUPPORT_FORM}}
  {{#SUPPORT_READ_ONLY}}<p id="support-read-only">{{SUPPORT_NAME}} <span class="hint">[[The indirect provider of this subscription designates its support contact.]]</span></p>{{/SUPPORT_READ_ONLY}}

  <h2 id="orders-heading">[[Orders]]</h2>
  <div class="table-scroll" tabindex="0"><table class="list" id="sub-orders" aria-labelledby="orders-heading">
    <thead><tr><th>[[Order]]</th><th>[[Placed (UTC)]]</th><th>[[Placed by]]</th><th>[[What]]</th><th>[[Licenses]]</th></tr></thead>
    <tbody>
    {{#ORDER}}<tr>
      <td><a href="/orders/view?id={{ORDER_ID:u}}">[[Order {{ORDER_ID}}]]</a></td>
      <td>{{PLACED_AT}}</td>
      <td>{{PLACED_BY}}</td>
      <td>{{KIND}}</td>
      <td>{{BEFORE}} &rarr; {{AFTER}}</td>
    </tr>
    {{/ORDER}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Order pages]]">
    {{#FIRST}}<a id="orders-newest" href="/subscriptions/view?id={{ID:u}}">[[Newest]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" id="orders-newer" href="/subscriptions/view?id={{ID:u}}&amp;before={{CURSOR:u}}">[[Newer orders]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" id="orders-older" href="/subscriptions/view?id={{ID:u}}&amp;after={{CURSOR:u}}">[[Older orders]]</a>{{/NEXT}}
    {{#LAST}}<a id="orders-oldest" href="/subscriptions/view?id={{ID:u}}&amp;last=1">[[Oldest]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

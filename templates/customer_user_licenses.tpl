{{%AUTOESCAPE context="HTML"}}{{! customer_user_licenses.tpl: choose which of the customer's subscriptions one of its users holds a license of }}
{{>HEADER}}
<section class="card narrow">
  <p class="hint"><a href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Users and licenses of {{CUSTOMER_NAME}}]]</a></p>
  <h1>[[Licenses of {{NAME}}]]</h1>
  <p class="lead">[[{{UPN}} holds a license of each subscription ticked here. A subscription cannot have more licenses assigned than it has.]]</p>
  <form method="post" action="/customers/users/licenses" class="form user-licenses">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="customer" value="{{CUSTOMER_ID}}">
    <input type="hidden" name="user" value="{{USER_ID}}">
    {{>LICENSE_CHOICES}}
    <p class="form-actions"><button type="submit" class="primary" id="save-licenses">[[Save licenses]]</button>
      <a href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Cancel]]</a></p>
  </form>
</section>
{{>FOOTER}}

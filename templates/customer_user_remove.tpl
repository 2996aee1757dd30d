{{%AUTOESCAPE context="HTML"}}{{! customer_user_remove.tpl: confirm removing a user from the customer's directory, or why it cannot be }}
{{>HEADER}}
<section class="card narrow">
  <p class="hint"><a href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Users and licenses of {{CUSTOMER_NAME}}]]</a></p>
  <h1>[[Remove {{NAME}}]]</h1>
  {{#ERROR}}<p class="error" role="alert" id="remove-error">{{MESSAGE}}</p>
  <p><a class="button" href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Back to users]]</a></p>{{/ERROR}}
  {{#CONFIRM}}<p class="lead">[[{{UPN}} will be deleted from the directory of {{CUSTOMER_NAME}}: they are signed out at once, cannot sign in again, and their licenses become free.]]</p>
  <form method="post" action="/customers/users/remove" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="customer" value="{{CUSTOMER_ID}}">
    <input type="hidden" name="user" value="{{USER_ID}}">
    <button type="submit" class="danger" id="remove-user">[[Remove user]]</button>
    <a href="/customers/users?customer={{CUSTOMER_ID:u}}">[[Cancel]]</a>
  </form>{{/CONFIRM}}
</section>
{{>FOOTER}}

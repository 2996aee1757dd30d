{{%AUTOESCAPE context="HTML"}}{{! account_switch.tpl: the partner accounts a user belongs to, each with its kind and tenant; pick the one this session acts for }}
{{>HEADER}}
<section class="card account-switch">
  <p class="hint">[[Account settings]]</p>
  <h1>[[Switch account]]</h1>
  <p class="lead">[[You are a user of these partner accounts. Pages, rights and roles follow the account you act for; you can switch back at any time.]]</p>
  {{#ONLY_ONE}}<p class="hint" id="only-one">[[You belong to one partner account only.]]</p>{{/ONLY_ONE}}
  <ul class="account-list" id="accounts">
  {{#ACCOUNT}}<li id="account-{{ID}}">
    <span class="account-label"><span class="account-name">{{NAME}}</span> — <span class="account-kind">{{KIND}}</span> <span class="account-tenant">({{DOMAIN}})</span></span>
    {{#CURRENT}}<strong class="current-account">[[Current]]</strong>{{/CURRENT}}
    {{#SWITCH}}<form method="post" action="/account/switch" class="inline">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="org_id" value="{{ID}}">
      <button type="submit" class="switch-account primary">[[Act for {{NAME}} ({{KIND}})]]</button>
    </form>{{/SWITCH}}
  </li>
  {{/ACCOUNT}}
  </ul>
</section>
{{>FOOTER}}

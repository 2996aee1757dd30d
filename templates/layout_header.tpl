{{%AUTOESCAPE context="HTML"}}{{! layout_header.tpl: the top of every page: head, brand, navigation, who is signed in }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Channel Center</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<header class="topbar">
  <a class="brand" href="/">Channel Center</a>
  {{#SIGNED_IN}}
  <nav class="mainnav" aria-label="Main">
    <a href="/home">Home</a>
    {{#NAV_ADMIN}}<a href="/admin">Admin portal</a>
    <a href="/admin/enrollments">Enrollments</a>
    <a href="/admin/providers">Providers</a>
    <a href="/admin/offers">Offers</a>
    <a href="/admin/mail">Mail outbox</a>{{/NAV_ADMIN}}
    {{#NAV_PROVIDER}}<a href="/resellers">Indirect resellers</a>{{/NAV_PROVIDER}}
    {{#NAV_RESELLER}}<a href="/indirect-providers">Indirect providers</a>{{/NAV_RESELLER}}
    {{#NAV_PARTNER}}<a href="/customers">Customers</a>
    <a href="/account/users">User management</a>{{/NAV_PARTNER}}
    {{#NAV_ACCOUNT_ACTIVITY}}<a href="/account/activity">Activity log</a>{{/NAV_ACCOUNT_ACTIVITY}}
    {{#NAV_CUSTOMER}}<a href="/my/partners">My partners</a>
    <a href="/my/subscriptions">My subscriptions</a>{{/NAV_CUSTOMER}}
    {{#NAV_MY_ACTIVITY}}<a href="/my/activity">Activity log</a>{{/NAV_MY_ACTIVITY}}
    <a href="/providers">Find a provider</a>
    <a href="/account/password">Change password</a>
  </nav>
  <div class="who">
    <span class="who-name">{{USER_NAME}}</span>
    <span class="who-org">{{ORG_NAME}}</span>
    {{#SWITCH_ACCOUNT}}<a class="who-switch" href="/account/switch" id="switch-account">Switch account</a>{{/SWITCH_ACCOUNT}}
    <form method="post" action="/signout" class="inline">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <button type="submit" class="linklike">Sign out</button>
    </form>
  </div>
  {{/SIGNED_IN}}
  {{#SIGNED_OUT}}
  <nav class="mainnav" aria-label="Main"><a href="/providers">Find a provider</a><a href="/enroll">Enroll as a reseller</a><a href="/signin">Sign in</a></nav>
  {{/SIGNED_OUT}}
</header>
<main class="page">
{{#REFUSAL}}<p class="error" role="alert" id="invalid-text">{{MESSAGE}}</p>{{/REFUSAL}}

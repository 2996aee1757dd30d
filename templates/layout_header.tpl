{{%AUTOESCAPE context="HTML"}}{{! layout_header.tpl: the top of every page: head, brand, navigation (the account's items under Account settings), which account the session acts for }}
<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>[[{{TITLE}} · Channel Center]]</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<a class="skip-link" href="#main-content">[[Skip to main content]]</a>
<header class="topbar">
  <a class="brand" href="/">[[Channel Center]]</a>
  {{#SIGNED_IN}}
  <nav class="mainnav" aria-label="[[Main]]">
    {{#NAV_ITEM}}<a href="{{HREF}}"{{#ID}} id="{{ID}}"{{/ID}}{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a>
    {{/NAV_ITEM}}
    <details class="account-menu" id="account-settings">
      <summary{{#ACCOUNT_CURRENT}} class="current"{{/ACCOUNT_CURRENT}}>[[Account settings]]</summary>
      <ul class="account-menu-items">
        {{#ACCOUNT_ITEM}}<li><a href="{{HREF}}"{{#ID}} id="{{ID}}"{{/ID}}{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
        {{/ACCOUNT_ITEM}}
      </ul>
    </details>
  </nav>
  <div class="who">
    <span class="who-person">
      <span class="who-name">{{USER_NAME}}</span>
      <span class="who-account" id="acting-for">[[Acting for <span class="who-org">{{ORG_NAME}}</span>]]{{#ORG_KIND}} <span class="who-kind">({{KIND}})</span>{{/ORG_KIND}}</span>
    </span>
    <form method="post" action="/signout" class="inline">
      <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
      <button type="submit" class="linklike">[[Sign out]]</button>
    </form>
  </div>
  {{/SIGNED_IN}}
  {{#SIGNED_OUT}}
  <nav class="mainnav" aria-label="[[Main]]"><a href="/providers">[[Find a provider]]</a><a href="/enroll">[[Enroll as a reseller]]</a><a href="/signin">[[Sign in]]</a></nav>
  {{/SIGNED_OUT}}
</header>
<main class="page" id="main-content" tabindex="-1">
{{#REFUSAL}}<p class="error" role="alert" id="invalid-text">{{MESSAGE}}</p>{{/REFUSAL}}

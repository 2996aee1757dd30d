{{%AUTOESCAPE context="HTML"}}{{! resellers_requests.tpl: every partnership request the provider sent, newest first, a page at a time }}
{{>HEADER}}
<section class="card" id="requests-sent">
  <p><a href="/resellers">&larr; [[Indirect resellers]]</a></p>
  <h1>[[Partnership requests sent]]</h1>
  {{>REQUEST_TABLE}}
</section>
{{>FOOTER}}

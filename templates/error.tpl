{{%AUTOESCAPE context="HTML"}}{{! error.tpl: the page for 4xx and 5xx answers }}
{{>HEADER}}
<section class="card narrow error-page">
  <h1>[[{{STATUS}} · {{STATUS_TEXT}}]]</h1>
  <p>{{MESSAGE}}</p>
  <p><a href="/">[[Go to the home page]]</a></p>
</section>
{{>FOOTER}}

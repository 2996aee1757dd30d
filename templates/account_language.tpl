{{%AUTOESCAPE context="HTML"}}{{! account_language.tpl: Account settings > Language: the language the portal, its emails and its messages use for this person }}
{{>HEADER}}
<section class="card narrow">
  <h1>[[Language]]</h1>
  {{#SAVED}}<p class="notice" role="status" id="language-saved">[[Your language has been saved. Pages and the emails sent to you use it from now on.]]</p>{{/SAVED}}
  <form method="post" action="/account/language" class="form" id="language-form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <fieldset>
      <legend>[[The language the portal uses for you]]</legend>
      {{#LANGUAGE}}<label class="check"><input type="radio" name="lang" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> <span lang="{{CODE}}">{{NAME}}</span></label>
      {{/LANGUAGE}}
      <label class="check"><input type="radio" name="lang" value="browser"{{#BROWSER_CHECKED}} checked{{/BROWSER_CHECKED}}> [[The language of my browser]]</label>
    </fieldset>
    <button type="submit" class="primary">[[Save]]</button>
  </form>
</section>
{{>FOOTER}}

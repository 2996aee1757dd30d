{{%AUTOESCAPE context="HTML"}}{{! layout_footer.tpl: the bottom of every page, with the language picker }}
</main>
<footer class="footer">
  <p>[[Channel Center · the partner portal for indirect providers, indirect resellers and their customers]]</p>
  {{#PICKER}}<form method="post" action="/language" class="language-picker" id="language-picker"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="return_to" value="{{RETURN_TO}}">
  <label for="language-choice">[[Language]]</label> <select id="language-choice" name="lang">{{#LANGUAGE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/LANGUAGE}}</select>
  <button type="submit" class="secondary">[[Change language]]</button></form>{{/PICKER}}
</footer>
<script src="/static/app.js" defer></script>
</body>
</html>

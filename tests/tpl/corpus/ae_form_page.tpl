{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html>
<head><title>{{TITLE}} - Channel Center</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
  <nav>
    {{#NAV}}
    <a href="{{URL}}" class="{{#ACTIVE}}active{{/ACTIVE}}">{{LABEL}}</a>{{#NAV_separator}} |{{/NAV_separator}}
    {{/NAV}}
  </nav>
  {{#ERROR}}<p class="error">{{MESSAGE}}</p>{{/ERROR}}
  <form method="post" action="/channels/{{ID:u}}/edit">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label>Name <input name="name" value="{{NAME}}" maxlength=80></label>
    <select name="kind">
      {{#KIND}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
      {{/KIND}}
    </select>
    <textarea name="desc" rows="4">{{DESC}}</textarea>
    <button type="submit">Save</button>
  </form>
</body>
</html>

{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
<p>{{BODY}}</p>
{{#S}}<li>{{ITEM}}</li>
{{/S}}
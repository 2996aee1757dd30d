{{%AUTOESCAPE context="HTML"}}
{{#L}}<a href="{{URL}}">{{TEXT}}</a>
{{/L}}
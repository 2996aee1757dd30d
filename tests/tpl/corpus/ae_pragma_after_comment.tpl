{{! leading comment }}{{%AUTOESCAPE context="HTML"}}
<p>{{V}}</p>

{{%AUTOESCAPE context="HTML"}}
<a "x">{{V}}</a>

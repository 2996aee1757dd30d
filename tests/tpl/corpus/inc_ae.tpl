{{%AUTOESCAPE context="HTML"}}
<b title="{{T}}">{{T}}</b>

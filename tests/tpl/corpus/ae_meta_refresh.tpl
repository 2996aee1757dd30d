{{%AUTOESCAPE context="HTML"}}
<meta http-equiv="refresh" content="5; URL={{URL}}">
<meta name="description" content="{{V}}">

{{%AUTOESCAPE context="HTML"}}
<a style={{U}}>x</a>

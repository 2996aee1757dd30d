{{%AUTOESCAPE context="HTML"}}
<a href="#" onclick="go('{{V}}', {{N}}); return false;" onmouseover="f({{V}})">x</a>
<div style="color: {{COLOR}}; width: {{N}}px">y</div>
<a onclick="x(&quot;{{V}}&quot;)">z</a>

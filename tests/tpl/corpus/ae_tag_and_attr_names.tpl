{{%AUTOESCAPE context="HTML"}}
<{{TAG}} class="x">
<div {{ATTR}}>
<input x{{ATTR}} data-{{ATTR}}=2>
<br/>{{V}}

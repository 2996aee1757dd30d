{{%AUTOESCAPE context="HTML"}}
<div title="{{V}}" class='{{V}}' id={{V}} data-x = "{{V}}" lang=x{{V}}>
<input type="text" name="q" value="{{V}}" disabled>
<img alt={{V}} width="{{N}}"/>

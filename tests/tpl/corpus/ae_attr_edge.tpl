{{%AUTOESCAPE context="HTML"}}
<a href = "{{U}}" title= {{V}} data-a="x"data-b="{{V}}">
<a href='{{U}}?x={{V}}'>y</a><img src="" alt="{{V}}"><a href="">{{V}}</a>
<input value={{V}}{{V}} name=x>

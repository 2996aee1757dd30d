{{%AUTOESCAPE context="HTML"}}
<a href="{{URL}}">1</a> <a href="/search?q={{Q}}&amp;p={{P}}">2</a>
<img src="{{URL}}"> <form action="{{URL}}" method="post"></form>
<a href=/x/{{Q}}>3</a> <a HREF="{{URL}}{{Q}}">4</a>
<blockquote cite="{{URL}}"></blockquote>

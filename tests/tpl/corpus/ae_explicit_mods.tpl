{{%AUTOESCAPE context="HTML"}}
<p>{{V:h}} {{V:p}} {{V:j}} {{V:u}} {{V:none}} {{V:H=attribute}} {{V:o}} {{V:j:h}}</p>
<a href="{{U:h}}" title="{{V:u}}">x</a><a href="{{U:U=html}}">y</a><a href="{{U:u}}">z</a><a href="{{U:none}}">w</a>
<script>var x = "{{V:h}}"; var y = "{{V:o}}"; var z = {{N:J=number}};</script>
<div id={{V:h}} style="{{V:h}}"></div>

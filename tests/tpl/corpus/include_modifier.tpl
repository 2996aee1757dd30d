<pre>{{>INC:h}}</pre>
  {{>INC:j}}

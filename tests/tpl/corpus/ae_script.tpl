{{%AUTOESCAPE context="HTML"}}
<script type="text/javascript">
  var s = "{{V}}";
  var t = '{{V}}';
  var n = {{N}};
  var bad = {{V}};
  // "comment {{V}}
  /* ' {{V}} */
  var r = /x"/; var q = "{{V}}";
  var d = 4 / 2; var e = "{{V}}";
</script>
<p>{{V}}</p>

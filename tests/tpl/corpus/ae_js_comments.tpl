{{%AUTOESCAPE context="HTML"}}
<script>
// it's a comment {{V}}
var a = '{{V}}'; /* "block */ var b = "{{V}}";
<!-- x = "{{V}}"
</script>
<p onclick="a = 'x' // {{V}}">q</p>

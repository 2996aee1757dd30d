{{%AUTOESCAPE context="HTML"}}
<script>
var a = b / c; var s = "{{V}}";
var t = /re'g/.test(y) ? '{{V}}' : {{V}};
function f() { return /x"/; } var u = "{{V}}";
if (a) x = 1; var w = a[1] / 2 + '{{V}}';
var z = (1) / 2; {{V}}
var k = typeof /[/"]/; "{{V}}"
</script>

{{%AUTOESCAPE context="HTML"}}
<script>var a = "</scr" + "ipt>{{V}}";</script><b>{{V}}</b>
<SCRIPT>x = {{N}}</SCRIPT >{{V}}

{{%AUTOESCAPE context="HTML"}}
<style type="text/css">
  body { color: {{COLOR}}; }
</style>
<p>{{COLOR}}</p>

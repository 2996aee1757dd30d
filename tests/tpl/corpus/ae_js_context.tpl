{{%AUTOESCAPE context="JAVASCRIPT"}}
var a = "{{V}}";
var b = {{N}};
var c = {{V}};

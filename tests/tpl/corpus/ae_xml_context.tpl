{{%AUTOESCAPE context="XML"}}
<x a="{{V}}">{{V}}</x>

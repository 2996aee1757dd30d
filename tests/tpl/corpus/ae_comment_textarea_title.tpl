{{%AUTOESCAPE context="HTML"}}
<!-- {{V}} --><title>{{V}}</title>
<textarea name="t">{{V}}</textarea><!DOCTYPE html>{{V}}<?xml x?>{{V}}

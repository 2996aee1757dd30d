<table>
{{#T}}{{>ROW}}{{/T}}
  {{>ROW}}
</table>

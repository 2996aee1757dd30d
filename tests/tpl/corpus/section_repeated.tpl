<ul>
{{#ITEM}}
  <li>{{NAME}} ({{N}})</li>
{{/ITEM}}
</ul>

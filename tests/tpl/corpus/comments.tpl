a{{! a comment }}b
{{!only comment}}
  {{! indented comment }}  
{{!multi
line
comment}}
c {{!x}}
d

outer<{{Y}}>
{{>INNER}}
outer end

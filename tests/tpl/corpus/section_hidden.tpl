before
{{#S}}
hidden {{V}}
{{/S}}
after {{#T}}x{{/T}}

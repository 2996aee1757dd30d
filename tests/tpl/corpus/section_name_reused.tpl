{{#S}}first {{V}}{{/S}}
middle
{{#S}}second {{V}}{{/S}}
{{#S}}{{#S}}nested {{V}}{{/S}}{{/S}}

before
{{#S}}
shown {{V}}
{{/S}}
after

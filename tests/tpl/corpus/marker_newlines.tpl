{{#S}}
A
{{/S}}
{{>INC}}
B{{V}}
C

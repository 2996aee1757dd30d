{{#S}}<{{#S_separator}}|{{SEP}}|{{/S_separator}}{{V}}>{{/S}}
{{#S_separator}}outside{{/S_separator}}

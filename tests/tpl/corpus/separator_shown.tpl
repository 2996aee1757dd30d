{{#S}}<{{V}}>{{#S_separator}},{{/S_separator}}{{/S}}

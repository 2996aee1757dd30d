a {{#S}} b

line one {{X}}
  line two

line four{{#S}} s{{/S}}

first   

   
  {{#S}}  
  body {{V}}  
  {{/S}}
	
{{V}}
  {{V}}  
{{#S}} text after marker
{{/S}}
{{#S}}{{/S}}
last
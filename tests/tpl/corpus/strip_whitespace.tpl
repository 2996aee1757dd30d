  <p>
    {{V}}
  </p>   
	<b> x </b>
  
{{#S}}
  s 
{{/S}}
end

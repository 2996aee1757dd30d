{{#U}}{{URL:U=html}} | {{URL:H=url}} | {{URL:U=javascript}} | {{URL:U=css}} | {{URL:U=query}}
{{/U}}
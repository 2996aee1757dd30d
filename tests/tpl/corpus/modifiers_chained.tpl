{{V:j:h}}
{{V:h:j}}
{{V:u:h}}
{{V:h:u}}
{{V:o:h:u}}
{{V:p:none:h}}

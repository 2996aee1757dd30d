<div>
    {{>INC}}
  x {{>INC}}
	{{>INC}}
</div>

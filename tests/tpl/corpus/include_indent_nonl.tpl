  {{>INC}}
  {{>INC}}after

start
{{>INC}}
end

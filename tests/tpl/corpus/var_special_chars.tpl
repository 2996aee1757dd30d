raw: {{V}}
end

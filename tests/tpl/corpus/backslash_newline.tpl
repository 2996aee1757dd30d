{{#S}}\
line{{/S}}\
next {{V}}\
end

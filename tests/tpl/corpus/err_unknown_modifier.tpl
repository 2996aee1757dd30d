a {{V:zz}}

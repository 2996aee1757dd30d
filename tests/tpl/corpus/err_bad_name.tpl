a {{V B}}

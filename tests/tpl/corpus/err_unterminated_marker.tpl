a {{V

a {{>INC}} b

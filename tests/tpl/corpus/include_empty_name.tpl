a {{>INC}} b {{>NONE}}

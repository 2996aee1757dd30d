{{%AUTOESCAPE context="HTML"}}{{! customer_new_state.tpl: Add new customer keeps its state in the form: the fields the current step does not ask }}
{{#HIDDEN}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/HIDDEN}}

{{%AUTOESCAPE context="JSON"}}
{"a": "{{V}}", "n": {{N}}}

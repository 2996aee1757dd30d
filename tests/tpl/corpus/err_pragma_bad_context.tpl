{{%AUTOESCAPE context="PDF"}}
{{V}}

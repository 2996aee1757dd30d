{{%AUTOESCAPE context="CSS"}}
body { color: {{C}}; }

Hello {{NAME}}!
Missing: [{{MISSING}}] Empty: [{{EMPTY}}]
{{NAME}}{{NAME}}

{{%autoescape context="html"}}{{V}}

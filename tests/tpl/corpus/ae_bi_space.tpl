{{%AUTOESCAPE context="HTML"}}
<a{{BI_SPACE}}href="{{U}}">{{BI_NEWLINE}}{{V}}</a>

{{%AUTOESCAPE context="HTML" state="IN_TAG"}}
class="{{C}}" title={{C}} href="{{U}}"

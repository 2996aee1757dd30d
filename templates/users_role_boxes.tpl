{{%AUTOESCAPE context="HTML"}}{{! users_role_boxes.tpl: the role checkboxes of a partner account's user (User management's forms) }}
<label><input type="checkbox" name="admin_agent" value="1"{{#ADMIN_AGENT}} checked{{/ADMIN_AGENT}}> [[Admin agent]]</label>
          <label><input type="checkbox" name="sales_agent" value="1"{{#SALES_AGENT}} checked{{/SALES_AGENT}}> [[Sales agent]]</label>
          <label><input type="checkbox" name="helpdesk_agent" value="1"{{#HELPDESK_AGENT}} checked{{/HELPDESK_AGENT}}> [[Helpdesk agent]]</label>

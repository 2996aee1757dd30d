<tr><td>{{NAME}}</td><td>{{#ADMIN}}admin{{/ADMIN}}</td></tr>

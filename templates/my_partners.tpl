{{%AUTOESCAPE context="HTML"}}{{! my_partners.tpl: a customer's partners of record, each with End relationship }}
{{>HEADER}}
<section class="card">
  <h1>[[My partners]]</h1>
  <p class="lead">[[The partners of record of {{ORG_NAME}}: they can manage your subscriptions, licenses and users, and submit orders on your behalf.]]</p>
  {{#ACCEPTED_NOTICE}}<p class="notice" role="status" id="accepted-notice">[[The relationship was accepted.]]</p>{{/ACCEPTED_NOTICE}}
  {{#ENDED_NOTICE}}<p class="notice" role="status" id="ended-notice">[[The relationship has ended; that partner no longer has access to your organization.]]</p>{{/ENDED_NOTICE}}
  {{#NO_PARTNERS}}<p id="no-partners" class="hint">[[No partners of record.]]</p>{{/NO_PARTNERS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="partners">
    <thead><tr><th>[[Partner]]</th><th>[[Kind]]</th><th>[[Since]]</th><th>[[Actions]]</th></tr></thead>
    <tbody>
    {{#PARTNER}}<tr id="partner-{{ID}}">
      <td class="partner-name">{{NAME}}</td>
      <td class="partner-kind">{{KIND}}</td>
      <td class="partner-since">{{SINCE}}</td>
      <td>{{#END}}<a class="end-link danger-link" aria-label="[[End relationship with {{NAME}}]]" href="/my/partners/end?id={{ID:u}}">[[End relationship]]</a>{{/END}}</td>
    </tr>
    {{/PARTNER}}
    </tbody>
  </table></div>
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! my_subscriptions.tpl: a customer's subscriptions with their reseller of record and support contact }}
{{>HEADER}}
<section class="card">
  <h1>[[My subscriptions]]</h1>
  <p class="lead">[[The subscriptions of {{ORG_NAME}}.]]</p>
  {{#NO_SUBSCRIPTIONS}}<p id="no-subscriptions" class="hint">[[No subscriptions yet.]]</p>{{/NO_SUBSCRIPTIONS}}
  <div class="table-scroll" tabindex="0"><table class="list" id="subscriptions">
    <thead><tr><th>[[Offer]]</th><th>[[Licenses]]</th><th>[[Assigned to users]]</th><th>[[Status]]</th><th>[[Reseller of record]]</th><th>[[Support contact]]</th></tr></thead>
    <tbody>
    {{#SUBSCRIPTION}}<tr id="subscription-{{ID}}">
      <td class="sub-offer">{{OFFER}} <span class="hint">{{SKU}}</span></td>
      <td class="sub-licenses">{{LICENSES}}</td>
      <td class="sub-assigned">{{ASSIGNED}}</td>
      <td class="sub-status">{{STATUS}}</td>
      <td class="sub-reseller">{{RESELLER}}</td>
      <td class="sub-support">{{SUPPORT}}</td>
    </tr>
    {{/SUBSCRIPTION}}
    </tbody>
  </table></div>
  {{#PAGER}}<nav class="pager" aria-label="[[Pages]]">
    {{#FIRST}}<a id="first-page" href="/my/subscriptions">[[First]]</a>{{/FIRST}}
    {{#PREV}}<a rel="prev" href="/my/subscriptions?before={{CURSOR:u}}">[[&larr; Previous]]</a>{{/PREV}}
    {{#NEXT}}<a rel="next" href="/my/subscriptions?after={{CURSOR:u}}">[[Next &rarr;]]</a>{{/NEXT}}
    {{#LAST}}<a id="last-page" href="/my/subscriptions?last=1">[[Last]]</a>{{/LAST}}
  </nav>{{/PAGER}}
</section>
{{>FOOTER}}

{{%AUTOESCAPE context="HTML"}}{{! resellers_request.tpl: the draft partnership request email with its personalized link, shown once }}
{{>HEADER}}
<section class="card">
  <p class="hint">[[Indirect resellers]]</p>
  <h1>[[Request a partnership]]</h1>
  <p class="lead">[[Send this email to the reseller. You can edit the text, but keep the link: it is personalized for your account, works once and expires on {{EXPIRES_AT}}. It is shown only now.]]</p>
  <div class="form draft-email">
    <label for="draft-subject">[[Subject]]</label>
    <input id="draft-subject" type="text" value="{{SUBJECT}}" readonly>
    <label for="draft-body">[[Message]]</label>
    <textarea id="draft-body" rows="18">{{BODY:p}}</textarea>
    <label for="draft-link">[[Personalized link]]</label>
    <input id="draft-link" type="text" value="{{LINK}}" readonly>
  </div>
  <p class="draft-actions">
    <a class="button" id="open-in-email" href="mailto:?subject={{SUBJECT:u}}&amp;body={{BODY:u}}" data-mailto-from="draft-body">[[Open in email]]</a>
    <button type="button" class="button secondary" id="copy-draft" data-copy-from="draft-body" data-copy-status="copy-status">[[Copy to clipboard]]</button>
    <a class="button secondary" id="draft-done" href="/resellers?requested={{REQUEST_ID:u}}">[[Done]]</a>
  </p>
  <p id="copy-status" class="hint" role="status" data-copied="[[Copied to the clipboard.]]" data-copy-failed="[[Copying failed: select the text and copy it yourself.]]" aria-live="polite"></p>
</section>
{{>FOOTER}}

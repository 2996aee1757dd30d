{{%AUTOESCAPE context="HTML"}}{{! api_tokens.tpl: Account settings > API tokens: the user's tokens for the partner API (last use, state, Revoke), a new token shown once, the form for a new one }}
{{>HEADER}}
<section class="card api-tokens">
  <p class="hint">[[Account settings]]</p>
  <h1>[[API tokens]]</h1>
  <p class="lead">[[A token lets a script call the partner API under <code>/v1/</code> as you, in this account, with the scopes you give it and never more than your own roles allow. Send it as <code>Authorization: Bearer TOKEN</code>.]]</p>
  {{#REVOKED_NOTICE}}<p class="notice" role="status" id="revoked-notice">[[The API token {{NAME}} has been revoked: it no longer works.]]</p>{{/REVOKED_NOTICE}}
  {{#NEW_TOKEN}}<div class="new-token" id="new-token">
    <p class="error" role="alert" id="copy-warning">[[<strong>Copy your new API token now.</strong> It will not be shown again once you leave this page; Channel Center keeps only a fingerprint of it.]]</p>
    <p class="token-line"><code id="token-text" class="token-text">{{TEXT}}</code>
      <button type="button" class="copy-button" id="copy-token" data-copy-from="token-text" data-copy-status="token-copy-status" aria-label="[[Copy the API token]]">[[Copy]]</button>
      <span id="token-copy-status" class="hint copy-status" role="status" data-copied="[[Copied to the clipboard.]]" data-copy-failed="[[Copying failed: select the text and copy it yourself.]]" aria-live="polite"></span></p>
  </div>{{/NEW_TOKEN}}
  <h2>[[Your tokens]]</h2>
  {{#NO_TOKENS}}<p class="hint" id="no-tokens">[[You have no API tokens in this account yet.]]</p>{{/NO_TOKENS}}
  {{#TOKENS}}<div class="table-scroll" tabindex="0"><table class="list" id="tokens">
    <caption class="visually-hidden">[[Your tokens]]</caption>
    <thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Scopes]]</th><th scope="col">[[Created]]</th><th scope="col">[[Expires]]</th><th scope="col">[[Last used]]</th><th scope="col">[[State]]</th><th scope="col"><span class="visually-hidden">[[Actions]]</span></th></tr></thead>
    <tbody>
    {{#TOKEN}}<tr id="token-{{ID}}">
      <td><span class="token-name">{{NAME}}</span> <span class="hint">[[ending in <code>{{HINT}}</code>]]</span></td>
      <td class="token-scopes">{{SCOPES}}</td>
      <td>{{CREATED}}</td>
      <td>{{EXPIRES}}</td>
      <td class="token-used">{{#NEVER_USED}}[[Never]]{{/NEVER_USED}}{{#USED}}[[{{WHEN}} from {{IP}}]]{{/USED}}</td>
      <td class="token-state">{{STATE}}</td>
      <td>{{#REVOKE}}<form method="post" action="/account/tokens/revoke" class="inline">
        <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="token_id" value="{{ID}}">
        <button type="submit" class="revoke-token danger">[[Revoke <span class="visually-hidden">{{NAME}}</span>]]</button>
      </form>{{/REVOKE}}</td>
    </tr>
    {{/TOKEN}}
    </tbody>
  </table></div>{{/TOKENS}}
  <h2>[[New token]]</h2>
  <form method="post" action="/account/tokens/new" class="form new-token-form" id="new-token-form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="token-name">[[Name <span class="hint">what the token is for, such as the script that uses it</span>]]</label>
    <input id="token-name" name="name" type="text" maxlength="100" value="{{NAME}}" autocomplete="off" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="token-name-error"{{/NAME_ERROR}}>
    {{#NAME_ERROR}}<p class="field-error" id="token-name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
    <fieldset class="scopes-choice"{{#SCOPE_ERROR}} aria-describedby="scope-error"{{/SCOPE_ERROR}}>
      <legend>[[Scopes <span class="hint">at least one</span>]]</legend>
      {{#SCOPE}}<p class="checkbox"><input type="checkbox" name="scope" value="{{VALUE}}" id="scope-{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <label for="scope-{{VALUE}}"><code>{{LABEL}}</code> <span class="hint">{{EXPLANATION}}</span></label></p>
      {{/SCOPE}}
    </fieldset>
    {{#SCOPE_ERROR}}<p class="field-error" id="scope-error">{{MESSAGE}}</p>{{/SCOPE_ERROR}}
    <label for="expires_days">[[Expires in]]</label>
    <select id="expires_days" name="expires_days"{{#EXPIRY_ERROR}} aria-invalid="true" aria-describedby="expires-error"{{/EXPIRY_ERROR}}>
      {{#EXPIRY}}<option value="{{DAYS}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
      {{/EXPIRY}}
    </select>
    {{#EXPIRY_ERROR}}<p class="field-error" id="expires-error">{{MESSAGE}}</p>{{/EXPIRY_ERROR}}
    <p class="form-actions"><button type="submit" class="primary" id="create-token">[[Create token]]</button></p>
  </form>
</section>
{{>FOOTER}}

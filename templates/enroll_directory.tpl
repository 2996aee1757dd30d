{{%AUTOESCAPE context="HTML"}}{{! enroll_directory.tpl: sign in to the directory as a global admin of the organization's tenant, or create a tenant }}
{{>HEADER}}
{{>STEPS}}
<section class="card wizard">
  <h1>[[Sign in to your organization's directory]]</h1>
  <p class="lead">[[Sign in as a global administrator of your organization's directory tenant, for example
    <em>admin@contoso.onmicrosoft.com</em>. The partner account you enroll is tied to this tenant.]]</p>
  {{#TENANT_CREATED}}<p class="notice" role="status" id="tenant-created">[[Your new tenant is ready. Sign in with its global administrator account to continue.]]</p>{{/TENANT_CREATED}}
  {{#SIGNED_IN_AS}}<div class="notice" role="status" id="signed-in-as">
    <p>[[You are signed in as <strong>{{SIGNED_UPN}}</strong>, global administrator of <strong>{{TENANT}}</strong>.]]</p>
    <p><a class="button" href="{{NEXT_HREF}}">[[Continue with this tenant]]</a></p>
    <p>[[Or sign in below with another tenant's global administrator.]]</p>
  </div>{{/SIGNED_IN_AS}}
  {{#ERROR}}<p class="error" role="alert" id="directory-error">{{MESSAGE}}{{#LINK}} <a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}</p>{{/ERROR}}
  <form method="post" action="/enroll/directory" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    <label for="upn">[[User name]]</label>
    <input id="upn" name="upn" type="email" autocomplete="username" required value="{{UPN}}">
    <label for="password">[[Password]]</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <div class="wizard-actions">
      <button type="submit" class="primary">[[Sign in]]</button>
      <a class="button secondary" href="/enroll/welcome">[[Back]]</a>
    </div>
  </form>
  <h2>[[No tenant yet?]]</h2>
  <p>[[If your organization does not have a directory tenant, create one now and then sign in with its global administrator.]]</p>
  <p><a href="/enroll/tenant" id="create-tenant">[[Create new tenant]]</a></p>
</section>
{{>FOOTER}}

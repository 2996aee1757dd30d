{{%AUTOESCAPE context="HTML"}}{{! providers_profile.tpl: one provider's public profile on the official provider list }}
{{>HEADER}}
<section class="card provider-profile">
  <p class="hint"><a href="/providers">[[Official provider list]]</a></p>
  <h1>{{NAME}}</h1>
  <p class="lead" id="profile-headline">{{HEADLINE}}</p>
  {{#OWN_PROFILE}}<p class="notice" id="own-profile-note">[[To change your company's profile, contact the vendor (Channel Center) — providers cannot edit their own listing.]]</p>{{/OWN_PROFILE}}
  {{#VENDOR_EDIT}}<p><a class="button" id="edit-listing" href="/admin/providers/edit?id={{ID:u}}">[[Edit listing]]</a></p>{{/VENDOR_EDIT}}
  <dl class="facts">
    <dt>[[Countries served]]</dt><dd id="profile-countries">{{COUNTRIES}}</dd>
    <dt>[[Email]]</dt><dd id="profile-email"><a href="mailto:{{EMAIL}}">{{EMAIL}}</a></dd>
    <dt>[[Phone]]</dt><dd id="profile-phone">{{PHONE}}</dd>
    {{#WEBSITE}}<dt>[[Website]]</dt><dd id="profile-website"><a href="{{URL}}" rel="noopener noreferrer">{{URL}}</a></dd>{{/WEBSITE}}
  </dl>
  <h2>[[Services offered]]</h2>
  <ul id="profile-services">
    {{#SERVICE}}<li>{{ITEM}}</li>
    {{/SERVICE}}
  </ul>
  {{#FOR_RESELLERS}}<p class="hint" id="reseller-note">[[Contact the provider to discuss their reseller program; once you agree, they will send you a partnership request.]]</p>{{/FOR_RESELLERS}}
</section>
{{>FOOTER}}

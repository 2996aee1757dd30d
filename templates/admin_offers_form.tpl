{{%AUTOESCAPE context="HTML"}}{{! admin_offers_form.tpl: add an offer to the catalog, or edit one: one form for both }}
{{>HEADER}}
<section class="card offer-form">
  <p class="hint"><a href="/admin/offers">[[Offer catalog]]</a></p>
  {{#NEW}}<h1>[[Add an offer]]</h1>
  <p class="lead">[[Providers can order an active offer for their customers at once.]]</p>{{/NEW}}
  {{#EDIT}}<h1>[[Edit an offer]]</h1>
  <p class="lead">[[Changes apply to new orders; existing subscriptions keep their offer.]]</p>{{/EDIT}}
  {{#FORM_ERROR}}<p class="error" role="alert" id="form-error">[[Check the fields marked below. Nothing was saved.]]</p>{{/FORM_ERROR}}
  <form method="post" action="{{#NEW}}/admin/offers/new{{/NEW}}{{#EDIT}}/admin/offers/edit{{/EDIT}}" class="form">
    <input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
    {{#EDIT}}<input type="hidden" name="id" value="{{ID}}">{{/EDIT}}

    <label for="name">[[Name]]</label>
    <input id="name" name="name" type="text" maxlength="200" value="{{OFFER_NAME}}" required{{#OFFER_NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/OFFER_NAME_ERROR}}>
    {{#OFFER_NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/OFFER_NAME_ERROR}}

    <label for="sku">[[SKU]] <span class="hint">[[letters A to Z, digits and hyphens; unique]]</span></label>
    <input id="sku" name="sku" type="text" maxlength="40" value="{{SKU}}" required autocomplete="off"{{#SKU_ERROR}} aria-invalid="true" aria-describedby="sku-error"{{/SKU_ERROR}}>
    {{#SKU_ERROR}}<p class="field-error" id="sku-error">{{MESSAGE}}</p>{{/SKU_ERROR}}

    <label for="category">[[Category]] <span class="hint">[[offers are grouped by it when ordering]]</span></label>
    <input id="category" name="category" type="text" maxlength="60" value="{{CATEGORY}}" list="categories"{{#CATEGORY_ERROR}} aria-invalid="true" aria-describedby="category-error"{{/CATEGORY_ERROR}}>
    <datalist id="categories">{{#CATEGORY_OPTION}}<option value="{{NAME}}">{{/CATEGORY_OPTION}}</datalist>
    {{#CATEGORY_ERROR}}<p class="field-error" id="category-error">{{MESSAGE}}</p>{{/CATEGORY_ERROR}}

    <label for="description">[[Description]] <span class="hint">[[optional; up to 500 characters]]</span></label>
    <input id="description" name="description" type="text" maxlength="500" value="{{DESCRIPTION}}"{{#DESCRIPTION_ERROR}} aria-invalid="true" aria-describedby="description-error"{{/DESCRIPTION_ERROR}}>
    {{#DESCRIPTION_ERROR}}<p class="field-error" id="description-error">{{MESSAGE}}</p>{{/DESCRIPTION_ERROR}}

    <label for="price">[[Monthly price per license]] <span class="hint">[[in the currency below, such as 12.50]]</span></label>
    <input id="price" name="price" type="text" inputmode="decimal" maxlength="20" value="{{PRICE}}" required{{#PRICE_ERROR}} aria-invalid="true" aria-describedby="price-error"{{/PRICE_ERROR}}>
    {{#PRICE_ERROR}}<p class="field-error" id="price-error">{{MESSAGE}}</p>{{/PRICE_ERROR}}

    <label for="currency">[[Currency]] <span class="hint">[[ISO 4217 code; prices are shown in it]]</span></label>
    <select id="currency" name="currency"{{#CURRENCY_ERROR}} aria-invalid="true" aria-describedby="currency-error"{{/CURRENCY_ERROR}}>
      {{#CURRENCY_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{CODE}} · {{NAME}}</option>
      {{/CURRENCY_OPTION}}
    </select>
    {{#CURRENCY_ERROR}}<p class="field-error" id="currency-error">{{MESSAGE}}</p>{{/CURRENCY_ERROR}}

    <div class="offer-limits-fields">
      <div>
        <label for="min_licenses">[[Minimum licenses]]</label>
        <input id="min_licenses" name="min_licenses" type="text" inputmode="numeric" maxlength="12" value="{{MIN_LICENSES}}" required{{#MIN_LICENSES_ERROR}} aria-invalid="true" aria-describedby="min_licenses-error"{{/MIN_LICENSES_ERROR}}>
        {{#MIN_LICENSES_ERROR}}<p class="field-error" id="min_licenses-error">{{MESSAGE}}</p>{{/MIN_LICENSES_ERROR}}
      </div>
      <div>
        <label for="max_licenses">[[Maximum licenses]]</label>
        <input id="max_licenses" name="max_licenses" type="text" inputmode="numeric" maxlength="12" value="{{MAX_LICENSES}}" required{{#MAX_LICENSES_ERROR}} aria-invalid="true" aria-describedby="max_licenses-error"{{/MAX_LICENSES_ERROR}}>
        {{#MAX_LICENSES_ERROR}}<p class="field-error" id="max_licenses-error">{{MESSAGE}}</p>{{/MAX_LICENSES_ERROR}}
      </div>
    </div>

    <label class="checkbox" for="active"><input id="active" name="active" type="checkbox" value="1"{{#ACTIVE}} checked{{/ACTIVE}}> [[Active: providers can order it]]</label>

    <button type="submit" class="primary">{{#NEW}}[[Add to the catalog]]{{/NEW}}{{#EDIT}}[[Save offer]]{{/EDIT}}</button>
  </form>
</section>
{{>FOOTER}}

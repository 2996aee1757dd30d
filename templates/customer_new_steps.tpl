{{%AUTOESCAPE context="HTML"}}{{! customer_new_steps.tpl: the step indicator of Add new customer, included by each of its pages }}
<nav class="wizard-steps" aria-label="[[New customer steps]]">
  <ol>
    {{#STEP}}<li class="step-{{STATE}}" aria-current="{{ARIA_CURRENT}}"><span class="step-number">{{NUMBER}}</span> {{LABEL}}</li>
    {{/STEP}}
  </ol>
</nav>

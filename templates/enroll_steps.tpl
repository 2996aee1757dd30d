{{%AUTOESCAPE context="HTML"}}{{! enroll_steps.tpl: the enrollment wizard's step indicator, included by every step page }}
<nav class="wizard-steps" aria-label="[[Enrollment steps]]">
  <ol>
    {{#STEP}}<li class="step-{{STATE}}" aria-current="{{ARIA_CURRENT}}"><span class="step-number">{{NUMBER}}</span> {{LABEL}}</li>
    {{/STEP}}
  </ol>
</nav>

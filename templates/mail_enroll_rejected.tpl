{{! mail_enroll_rejected.tpl: plain-text email to the primary contact when the vendor rejects an enrollment, in the application's language }}[[Hello {{CONTACT_NAME}},]]

[[We have reviewed the Channel Center reseller enrollment for {{ORG_NAME}} and cannot approve it.]]

[[Reason given by the reviewer:]]
{{REASON}}

[[You can correct the information and enroll again at {{ENROLL_URL}}]]

-- 
[[Channel Center]]

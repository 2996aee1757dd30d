{{! mail_enroll_approved.tpl: plain-text email to the primary contact when the vendor approves an enrollment, in the application's language }}[[Hello {{CONTACT_NAME}},]]

[[Good news: your Channel Center reseller account for {{ORG_NAME}} has been approved and is ready to use.]]

[[Sign in here: {{SIGNIN_URL}}]]
[[User name of your admin agent: {{USER_NAME}}]]

[[The admin agent can add other users of your organization and give them roles
under Account settings > User management.]]

-- 
[[Channel Center]]

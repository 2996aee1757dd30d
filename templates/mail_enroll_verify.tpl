{{! mail_enroll_verify.tpl: the primary contact's verification email, in the language they enrolled in. Plain
text (text/plain), so no AUTOESCAPE pragma: HTML escaping would garble names such as "Smith & Sons". }}[[Hello {{CONTACT_NAME}},]]

[[Someone at {{LEGAL_NAME}} ({{TENANT}}) applied to enroll your organization as an
indirect reseller in Channel Center and named you as the primary contact.]]

[[To verify that this email address belongs to you and to your organization, open
this link and select "Confirm my email address":]]

{{LINK}}

[[The link works once and expires in {{DAYS}} days. After you verify your address we
review the application, which can take several days. We will email you the outcome.]]

[[If you did not expect this email, you can ignore it; nothing happens without your
confirmation.]]

[[Channel Center]]

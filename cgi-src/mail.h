/* mail.h: every message the product sends goes into the mail outbox; bin/channel-mailer delivers it */
#ifndef CC_MAIL_H
#define CC_MAIL_H

#include "i18n.h"
#include "tpl/tpl.h"

/* Queue a message written in LANGUAGE ("en", "es": mail_outbox.language) inside the caller's transaction, if
 * any. BODY is plain text. */
int mail_queue(const char *to, const char *subject, const char *body, const char *language);
/* Write a message in L, its recipient's language, whatever language the thread serves: the plain-text
 * template TEMPLATE (mail_*.tpl, from build/templates/<L's code>/; no HTML escaping: a text/plain body) with D,
 * under SUBJECT (a catalog text, marked N_() by the caller and translated here), and queue it. */
int mail_queue_template(lang l, const char *to, const char *subject, const char *template_name, const tpl_dict *d);
/* The language saved as CODE (enrollment_applications.language, users.language), English for none. */
lang mail_language(const char *code);
/* The site's address for links in emails, e.g. "http://127.0.0.1:8080" (no trailing slash). */
const char *mail_base_url(void);
void mail_set_base_url(const char *url);

#endif

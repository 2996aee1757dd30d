/* mail.h: every message the product sends goes into the mail outbox; bin/channel-mailer delivers it */
#ifndef CC_MAIL_H
#define CC_MAIL_H

#include "tpl/tpl.h"

/* Queue a message (inside the caller's transaction, if any). BODY is plain text. */
int mail_queue(const char *to, const char *subject, const char *body);
/* Render the plain-text template TEMPLATE (under templates/, no HTML escaping: a
 * text/plain body) with D and queue it. */
int mail_queue_template(const char *to, const char *subject, const char *template_name, const tpl_dict *d);
/* The site's address for links in emails, e.g. "http://127.0.0.1:8080" (no trailing slash). */
const char *mail_base_url(void);
void mail_set_base_url(const char *url);

#endif

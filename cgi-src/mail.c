/* mail.c: queue messages in the mail outbox table, their bodies rendered from text templates */
#include "mail.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

static char base_url[256] = "http://127.0.0.1:8080";

const char *mail_base_url(void)
{
	return base_url;
}

void mail_set_base_url(const char *url)
{
	snprintf(base_url, sizeof base_url, "%s", url);
	size_t n = strlen(base_url);
	if (n && base_url[n - 1] == '/')
		base_url[n - 1] = '\0';
}

int mail_queue(const char *to, const char *subject, const char *body)
{
	if (strpbrk(to, "\r\n") || strpbrk(subject, "\r\n"))
		return DB_ERROR;  /* no header injection through an address or a subject */
	return db_exec("INSERT INTO mail_outbox (to_addr, subject, body, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())",
		       DB_ARGS(DB_STR(to), DB_STR(subject), DB_STR(body)), NULL, NULL);
}

int mail_queue_template(const char *to, const char *subject, const char *template_name, const tpl_dict *d)
{
	char err[256];
	const tpl_template *t = tpl_load(template_name, TPL_DO_NOT_STRIP, err, sizeof err);
	strbuf body = STRBUF_INIT;
	int rc = DB_ERROR;
	if (t && tpl_render(t, d, &body, err, sizeof err) == 0)
		rc = mail_queue(to, subject, strbuf_cstr(&body));
	else
		fprintf(stderr, "mail: %s: %s\n", template_name, err);
	strbuf_release(&body);
	return rc;
}

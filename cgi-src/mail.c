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

int mail_queue(const char *to, const char *subject, const char *body, const char *language)
{
	if (strpbrk(to, "\r\n") || strpbrk(subject, "\r\n"))
		return DB_ERROR;  /* no header injection through an address or a subject */
	return db_exec("INSERT INTO mail_outbox (to_addr, subject, body, language, created_at) "
		       "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
		       DB_ARGS(DB_STR(to), DB_STR(subject), DB_STR(body), DB_STR(language)), NULL, NULL);
}

int mail_queue_template(lang l, const char *to, const char *subject, const char *template_name, const tpl_dict *d)
{
	char err[256], path[256];
	/* the recipient's language only while composing: the request goes on in its own */
	lang before = i18n_current();
	i18n_use(l);
	const char *dir = i18n_code(i18n_current());
	snprintf(path, sizeof path, "%s/%s", dir, template_name);
	const tpl_template *t = tpl_load(path, TPL_DO_NOT_STRIP, err, sizeof err);
	strbuf body = STRBUF_INIT;
	int rc = DB_ERROR;
	if (t && tpl_render_in(t, dir, d, &body, err, sizeof err) == 0)
		rc = mail_queue(to, _(subject), strbuf_cstr(&body), dir);
	else
		fprintf(stderr, "mail: %s: %s\n", path, err);
	strbuf_release(&body);
	i18n_use(before);
	return rc;
}

lang mail_language(const char *code)
{
	lang l;
	return i18n_parse(code, &l) ? l : LANG_EN;
}

/* mailer_main.c: the mail sender: delivers the mail outbox, to an SMTP relay when SMTP_RELAY is set
 * (libcurl), else as .eml files under VAR_DIR/mail/ */
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "strbuf.h"

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* The address inside "Name <addr>", or the whole string. */
static void bare_address(const char *from, char *out, size_t n)
{
	const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		snprintf(out, n, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, n, "%s", from);
}

static void build_message(strbuf *m, const config *c, long long id, const char *to, const char *subject,
			  const char *body, const char *created_at)
{
	char date[64];
	time_t now = time(NULL);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", gmtime(&now));
	strbuf_printf(m, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n"
		      "Message-ID: <outbox-%lld@channelcenter.local>\r\nX-Queued-At: %s UTC\r\n"
		      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: 8bit\r\n\r\n",
		      c->mail_from, to, subject, date, id, created_at);
	/* CRLF line ends, and a leading dot doubled (SMTP transparency) */
	for (const char *p = body; *p; p++) {
		if ((p == body || p[-1] == '\n') && *p == '.')
			strbuf_putc(m, '.');
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			strbuf_putc(m, '\r');
		strbuf_putc(m, *p);
	}
	strbuf_puts(m, "\r\n");
}

static int write_eml(const config *c, long long id, const strbuf *m, char *err, size_t errlen)
{
	char path[700], tmp[720];
	snprintf(path, sizeof path, "%s/mail/%06lld.eml", c->var_dir, id);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f || fwrite(m->data, 1, m->len, f) != m->len || fclose(f) != 0) {
		snprintf(err, errlen, "cannot write %.200s", tmp);
		return -1;
	}
	return rename(tmp, path);  /* readers never see half a message */
}

struct upload {
	const strbuf *m;
	size_t off;
};

static size_t read_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t left = u->m->len - u->off, want = size * n;
	if (want > left)
		want = left;
	memcpy(buf, u->m->data + u->off, want);
	u->off += want;
	return want;
}

static int send_smtp(const config *c, const char *to, const strbuf *m, char *err, size_t errlen)
{
	CURL *curl = curl_easy_init();
	if (!curl)
		return -1;
	char url[300], from[256];
	snprintf(url, sizeof url, "smtp://%s", c->smtp_relay);
	bare_address(c->mail_from, from, sizeof from);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct upload u = { m, 0 };
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	CURLcode rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "smtp: %s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	return rc == CURLE_OK ? 0 : -1;
}

/* Deliver what is pending; returns how many were sent. */
static int deliver_pending(const config *c, arena *a)
{
	db_rows r;
	if (db_query(a, &r,
		     "SELECT id, to_addr, subject, body, created_at FROM mail_outbox "
		     "WHERE sent_at IS NULL AND attempts < 10 ORDER BY id LIMIT 50",
		     DB_NOARGS) != DB_OK)
		return 0;
	int sent = 0;
	strbuf m = STRBUF_INIT;
	for (int i = 0; i < r.nrows; i++) {
		long long id = db_get_int(&r, i, 0);
		char err[300] = "";
		strbuf_reset(&m);
		build_message(&m, c, id, db_get(&r, i, 1), db_get(&r, i, 2), db_get(&r, i, 3), db_get(&r, i, 4));
		int rc = c->smtp_relay[0] ? send_smtp(c, db_get(&r, i, 1), &m, err, sizeof err)
					  : write_eml(c, id, &m, err, sizeof err);
		if (rc == 0) {
			db_exec("UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), attempts = attempts + 1, last_error = '' "
				"WHERE id = ?", DB_ARGS(DB_INT(id)), NULL, NULL);
			sent++;
		} else {
			fprintf(stderr, "mailer: message %lld: %s\n", id, err);
			db_exec("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
				DB_ARGS(DB_STR(err), DB_INT(id)), NULL, NULL);
		}
	}
	strbuf_release(&m);
	return sent;
}

int main(void)
{
	config cfg;
	if (config_load(&cfg, NULL) != 0)
		return 1;
	if (db_open(&cfg) != 0) {
		fprintf(stderr, "mailer: cannot connect to the database: %s\n", db_last_error());
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fprintf(stderr, "mailer: delivering %s\n", cfg.smtp_relay[0] ? cfg.smtp_relay : "to .eml files");
	arena *a = arena_new(64 * 1024);
	while (!stopping) {
		int sent = deliver_pending(&cfg, a);
		arena_reset(a);
		if (sent == 0)
			usleep(250 * 1000);  /* an outbox poll is one indexed query */
	}
	arena_free(a);
	db_close();
	curl_global_cleanup();
	return 0;
}

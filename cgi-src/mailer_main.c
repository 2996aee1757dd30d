/* mailer_main.c: the mail sender: claims due rows of the mail outbox (so that two mailers never send the
 * same one), delivers each to the SMTP relay when SMTP_RELAY is set (libcurl) or as a .eml file under
 * MAIL_DIR (VAR_DIR/mail/ by default), and records the outcome: sent, retry later with back-off, or failed for good.
 *
 * A mailer that dies after the relay accepted a message but before the row says so leaves the row
 * claimed; once the claim expires the message is sent again, with the same bytes and Message-ID. That
 * is the side taken: a rare duplicate a relay or a reader can drop, never a lost message. The window is
 * kept small: the row is marked the moment the relay answers, and marking is retried while MariaDB is away. */
#include <curl/curl.h>
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "mail_message.h"
#include "strbuf.h"

#define CLAIM_BATCH 10
#define CLAIM_SECONDS 600          /* a claim outlives any one delivery (CURLOPT_TIMEOUT) many times over */
#define SMTP_TIMEOUT_SECONDS 60L
#define SMTP_CONNECT_TIMEOUT_SECONDS 10L

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

typedef enum { SEND_OK, SEND_RETRY, SEND_REFUSED } send_result;

/* One claimed row, its columns copied into the claim's arena. */
typedef struct {
	long long id;
	int attempts;  /* including this one */
	const char *to, *subject, *body, *created_at, *language;
} claimed_row;

typedef struct {
	arena *a;
	const char *mailer;  /* this process's claim name */
	claimed_row rows[CLAIM_BATCH];
	int n;
} claim_ctx;

/* SKIP LOCKED: a row another mailer is claiming right now is not waited for, it is left to that one.
 * The claim moves next_attempt_at past the delivery, so the row is not due to anyone else meanwhile. */
static int claim_tx(void *arg)
{
	claim_ctx *c = arg;
	c->n = 0;
	enum { ID, ATTEMPTS, TO, SUBJECT, BODY, CREATED_AT, LANGUAGE, NCOLS };
	db_rows r;
	int rc = db_query_cols(c->a, &r, NCOLS,
			  "SELECT id, attempts, to_addr, subject, body, created_at, language FROM mail_outbox "
			  "WHERE next_attempt_at <= UTC_TIMESTAMP() ORDER BY next_attempt_at, id LIMIT 10 "
			  "FOR UPDATE SKIP LOCKED", DB_NOARGS);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < r.nrows && i < CLAIM_BATCH; i++) {
		claimed_row *row = &c->rows[c->n];
		row->id = db_get_int(&r, i, ID);
		row->attempts = (int)db_get_int(&r, i, ATTEMPTS) + 1;
		row->to = db_get(&r, i, TO);
		row->subject = db_get(&r, i, SUBJECT);
		row->body = db_get(&r, i, BODY);
		row->created_at = db_get(&r, i, CREATED_AT);
		row->language = db_get(&r, i, LANGUAGE);
		rc = db_exec("UPDATE mail_outbox SET claimed_by = ?, attempts = attempts + 1, "
			     "next_attempt_at = UTC_TIMESTAMP() + INTERVAL 600 SECOND WHERE id = ?",
			     DB_ARGS(DB_STR(c->mailer), DB_INT(row->id)), NULL, NULL);
		if (rc != DB_OK)
			return rc;
		c->n++;
	}
	return DB_OK;
}

static int write_eml(const config *c, long long id, const strbuf *m, char *err, size_t errlen)
{
	char path[700], tmp[720];
	snprintf(path, sizeof path, "%s/%06lld.eml", c->mail_dir, id);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool written = f && fwrite(m->data, 1, m->len, f) == m->len;
	if (f && fclose(f) != 0)
		written = false;
	if (!written || rename(tmp, path) != 0) {  /* readers never see half a message */
		/* the cause (a full disk, a read-only directory) is what the operator has to fix */
		snprintf(err, errlen, "cannot write %.200s: %s", written ? path : tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
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

/* What the relay said last, and to which command: tells "this recipient is refused" from "come back later". */
struct smtp_talk {
	char command[16];  /* the verb only: an AUTH line carries the credentials */
	char reply[240];
	int quitting;      /* libcurl says QUIT after a refusal: that exchange is not the answer */
};

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	(void)h;
	struct smtp_talk *t = arg;
	if (type == CURLINFO_HEADER_OUT) {
		static const char *const verbs[] = { "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA" };
		size_t n = 0;
		while (n < size && isalpha((unsigned char)data[n]))
			n++;
		if (n == 4 && !strncmp(data, "QUIT", 4))
			t->quitting = 1;
		/* an AUTH exchange's next lines are credentials, not verbs: they never replace the verb */
		for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
			if (n == strlen(verbs[i]) && !strncmp(data, verbs[i], n))
				snprintf(t->command, sizeof t->command, "%s", verbs[i]);
	} else if (type == CURLINFO_HEADER_IN && !t->quitting) {
		size_t n = strcspn(data, "\r\n");
		snprintf(t->reply, sizeof t->reply, "%.*s", (int)(n < size ? n : size), data);
	}
	return 0;
}

/* A 5xx to RCPT or to the message itself refuses this message for good; a 5xx to EHLO, AUTH or MAIL FROM
 * is about the relay or this configuration, which the operator fixes: those messages wait. */
static send_result classify(CURLcode rc, long code, const struct smtp_talk *t)
{
	if (rc == CURLE_OK)
		return SEND_OK;
	if (code >= 500 && code <= 599 && (!strcmp(t->command, "RCPT") || !strcmp(t->command, "DATA")))
		return SEND_REFUSED;
	return SEND_RETRY;
}

static void smtp_url(const config *c, char *url, size_t n)
{
	if (strstr(c->smtp_relay, "://"))
		snprintf(url, n, "%s", c->smtp_relay);
	else
		snprintf(url, n, "smtp://%s", c->smtp_relay);
}

static void smtp_options(CURL *curl, const config *c)
{
	char url[300];
	smtp_url(c, url, sizeof url);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, SMTP_TIMEOUT_SECONDS);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT_SECONDS);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (c->smtp_starttls)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->smtp_ca_file[0])
		curl_easy_setopt(curl, CURLOPT_CAINFO, c->smtp_ca_file);
	if (c->smtp_user[0]) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->smtp_password);
	}
}

static send_result send_smtp(const config *c, const char *to, const strbuf *m, char *err, size_t errlen)
{
	CURL *curl = curl_easy_init();
	if (!curl) {
		snprintf(err, errlen, "smtp: cannot start libcurl");
		return SEND_RETRY;
	}
	char from[320], rcpt_addr[320], curl_err[CURL_ERROR_SIZE] = "";
	mail_address(c->mail_from, from, sizeof from);
	mail_address(to, rcpt_addr, sizeof rcpt_addr);
	struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_addr);
	struct upload u = { m, 0 };
	struct smtp_talk talk = { "", "", 0 };
	smtp_options(curl, c);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
	curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &talk);
	curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  /* feeds on_debug, prints nothing */
	CURLcode rc = curl_easy_perform(curl);
	long code = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	send_result res = classify(rc, code, &talk);
	if (res != SEND_OK && code >= 400)
		snprintf(err, errlen, "the relay answered \"%s\" to %s", talk.reply,
			 talk.command[0] ? talk.command : "the connection");
	else if (res != SEND_OK)
		snprintf(err, errlen, "smtp: %s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	return res;
}

/* The outcome UPDATEs; each names the row and this mailer's claim last. */
#define SQL_SENT "UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), next_attempt_at = NULL, claimed_by = NULL, " \
	"failed_at = NULL, last_error = '' WHERE id = ? AND claimed_by = ?"
#define SQL_RETRY "UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, claimed_by = NULL, " \
	"last_error = ? WHERE id = ? AND claimed_by = ?"
#define SQL_FAILED "UPDATE mail_outbox SET failed_at = UTC_TIMESTAMP(), next_attempt_at = NULL, claimed_by = NULL, " \
	"last_error = ? WHERE id = ? AND claimed_by = ?"
/* a claimed row handed back untried (the mailer is stopping): due again at once, the attempt not counted */
#define SQL_RELEASE "UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP(), claimed_by = NULL, " \
	"attempts = attempts - 1 WHERE id = ? AND claimed_by = ?"

/* Run one outcome UPDATE (SQL: one of the literals above) until MariaDB takes it: after a delivery,
 * giving up here is what would send the message twice. */
static void record(const char *what, long long id, const char *sql, const db_val *args, int nargs)
{
	for (int tries = 0; db_exec(sql, args, nargs, NULL, NULL) != DB_OK; tries++) {
		if (tries == 0)
			fprintf(stderr, "mailer: message %lld: %s; recording that failed (%s), retrying every second\n",
				id, what, db_last_error());
		if (stopping && tries > 0) {
			fprintf(stderr, "mailer: message %lld: %s, but that could not be recorded (%s); it will be "
				"attempted again when its claim expires\n", id, what, db_last_error());
			return;
		}
		sleep(1);
	}
}

static void record_outcome(const claimed_row *row, const char *mailer, send_result res, const char *err)
{
	if (res == SEND_OK) {
		record("delivered", row->id, SQL_SENT, DB_ARGS(DB_INT(row->id), DB_STR(mailer)));
		return;
	}
	long delay = res == SEND_RETRY ? mail_retry_delay(row->attempts) : -1;
	if (delay >= 0) {
		fprintf(stderr, "mailer: message %lld: attempt %d: %s; next attempt in %ld s\n", row->id, row->attempts,
			err, delay);
		record("not delivered", row->id, SQL_RETRY,
		       DB_ARGS(DB_INT(delay), DB_STR(err), DB_INT(row->id), DB_STR(mailer)));
		return;
	}
	char msg[500];
	if (res == SEND_REFUSED)
		snprintf(msg, sizeof msg, "refused for good: %s", err);
	else
		snprintf(msg, sizeof msg, "gave up after %d attempts over two days: %s", row->attempts, err);
	fprintf(stderr, "mailer: message %lld: %s\n", row->id, msg);
	record("not delivered", row->id, SQL_FAILED, DB_ARGS(DB_STR(msg), DB_INT(row->id), DB_STR(mailer)));
}

static send_result deliver(const config *c, const claimed_row *row, strbuf *m, char *err, size_t errlen)
{
	mail_message msg = { row->id, c->mail_from, row->to, row->subject, row->body, row->created_at, row->language };
	strbuf_reset(m);
	mail_message_build(m, &msg);
	if (c->smtp_relay[0])
		return send_smtp(c, row->to, m, err, errlen);
	return write_eml(c, row->id, m, err, errlen) == 0 ? SEND_OK : SEND_RETRY;
}

/* Claim what is due and deliver it; returns how many rows were claimed. */
static int deliver_due(const config *c, claim_ctx *claim)
{
	if (db_transaction_unaudited(claim_tx, claim) != DB_OK)
		return -1;
	strbuf m = STRBUF_INIT;
	for (int i = 0; i < claim->n; i++) {
		const claimed_row *row = &claim->rows[i];
		if (stopping) {
			record("released", row->id, SQL_RELEASE, DB_ARGS(DB_INT(row->id), DB_STR(claim->mailer)));
			continue;
		}
		char err[400] = "";
		send_result res = deliver(c, row, &m, err, sizeof err);
		record_outcome(row, claim->mailer, res, err);
	}
	strbuf_release(&m);
	return claim->n;
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
	if (!cfg.smtp_relay[0] && mkdir(cfg.mail_dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "mailer: cannot create MAIL_DIR %s: %s\n", cfg.mail_dir, strerror(errno));
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	char host[64] = "", mailer[100];
	gethostname(host, sizeof host - 1);
	if (cfg.mailer_name[0])  /* a name of the operator's (MAILERS>1: mailer-N), still told apart per start */
		snprintf(mailer, sizeof mailer, "%.60s:%d:%lld", cfg.mailer_name, (int)getpid(), (long long)time(NULL));
	else
		snprintf(mailer, sizeof mailer, "%.60s:%d:%lld", host, (int)getpid(), (long long)time(NULL));
	fprintf(stderr, "mailer %s: delivering %s\n", mailer, cfg.smtp_relay[0] ? cfg.smtp_relay : "to .eml files");
	claim_ctx claim = { arena_new(64 * 1024), mailer, { { 0 } }, 0 };
	while (!stopping) {
		db_request_begin();  /* as a worker between requests: back to the first database node after a failover */
		int claimed = deliver_due(&cfg, &claim);
		arena_reset(claim.a);
		if (claimed < 0)
			sleep(1);  /* MariaDB away: db.c reconnects on the next call */
		else if (claimed == 0)
			usleep(250 * 1000);  /* an outbox poll is one indexed query */
	}
	arena_free(claim.a);
	db_close();
	curl_global_cleanup();
	return 0;
}

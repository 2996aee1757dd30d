/* mail_message.c: build an outbox message byte for byte (RFC 5322 headers with RFC 2047 encoded-words,
 * folded; CRLF body) and the mailer's retry schedule; no database, so the unit tests link it alone */
#include "mail_message.h"

#include <ctype.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ENCODED_WORD_OVERHEAD 12  /* "=?UTF-8?B?" and "?=" */

/* A header being written: where its current line has got to, for folding. */
typedef struct {
	strbuf *out;
	size_t col;
} header_line;

static header_line header_begin(strbuf *out, const char *name)
{
	strbuf_printf(out, "%s:", name);
	return (header_line){ out, strlen(name) + 1 };
}

/* Append " TOKEN", first folding (CRLF before the space) when the line would grow past MAIL_LINE_MAX.
 * Unfolding removes only the CRLF, so the header reads back exactly as written. */
static void header_token(header_line *h, const char *tok, size_t n)
{
	if (n > 0 && h->col + 1 + n > MAIL_LINE_MAX && h->col > 0) {
		strbuf_puts(h->out, "\r\n");
		h->col = 0;
	}
	strbuf_putc(h->out, ' ');
	strbuf_add(h->out, tok, n);
	h->col += 1 + n;
}

static void header_end(header_line *h)
{
	strbuf_puts(h->out, "\r\n");
}

/* Text that cannot go into a header as it is: 8-bit bytes, controls, or something a reader would
 * take for an encoded-word. */
static bool needs_encoding(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x7f || c < 0x20 || (c == '=' && i + 1 < n && s[i + 1] == '?'))
			return true;
	}
	return false;
}

/* How many of the N bytes at S fit in MAX without cutting a UTF-8 sequence (a word must decode alone). */
static size_t utf8_prefix(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return k ? k : max;
}

/* S as "=?UTF-8?B?...?=" words, each sized to what is left of the line (a fresh line when little is). */
static void header_encoded_words(header_line *h, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = MAIL_LINE_MAX - 1 - h->col;
		if (h->col + 1 + ENCODED_WORD_OVERHEAD + 8 > MAIL_LINE_MAX)
			room = MAIL_LINE_MAX - 1;  /* header_token will fold */
		size_t take = utf8_prefix(s, n, (room - ENCODED_WORD_OVERHEAD) / 4 * 3);
		char b64[sodium_base64_ENCODED_LEN(60, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s, take, sodium_base64_VARIANT_ORIGINAL);
		char word[ENCODED_WORD_OVERHEAD + sizeof b64];
		int len = snprintf(word, sizeof word, "=?UTF-8?B?%s?=", b64);
		header_token(h, word, (size_t)len);
		s += take;
		n -= take;
	}
}

/* Plain words, split at spaces so that folding happens between them. */
static void header_words(header_line *h, const char *s, size_t n)
{
	const char *end = s + n;
	for (;;) {
		const char *sp = memchr(s, ' ', (size_t)(end - s));
		const char *stop = sp ? sp : end;
		header_token(h, s, (size_t)(stop - s));
		if (!sp)
			break;
		s = sp + 1;
	}
}

void mail_header_text(strbuf *out, const char *name, const char *value)
{
	header_line h = header_begin(out, name);
	size_t n = strlen(value);
	if (needs_encoding(value, n))
		header_encoded_words(&h, value, n);
	else
		header_words(&h, value, n);
	header_end(&h);
}

static void trim_span(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* A display name with RFC 5322 specials goes in quotes, backslash before " and \. */
static void header_quoted(header_line *h, const char *s, size_t n)
{
	strbuf q = STRBUF_INIT;
	strbuf_putc(&q, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			strbuf_putc(&q, '\\');
		strbuf_putc(&q, s[i]);
	}
	strbuf_putc(&q, '"');
	header_token(h, q.data, q.len);
	strbuf_release(&q);
}

void mail_header_mailbox(strbuf *out, const char *name, const char *mailbox)
{
	header_line h = header_begin(out, name);
	const char *lt = strrchr(mailbox, '<');
	if (!lt || !strchr(lt, '>')) {
		const char *s = mailbox;
		size_t n = strlen(s);
		trim_span(&s, &n);
		header_token(&h, s, n);
		header_end(&h);
		return;
	}
	const char *dn = mailbox;
	size_t dlen = (size_t)(lt - mailbox);
	trim_span(&dn, &dlen);
	char unquoted[320];
	if (dlen >= 2 && dn[0] == '"' && dn[dlen - 1] == '"') {  /* quoted in the configuration: read it */
		size_t k = 0;
		for (size_t i = 1; i + 1 < dlen && k < sizeof unquoted; i++)
			unquoted[k++] = dn[i] == '\\' && i + 2 < dlen ? dn[++i] : dn[i];
		dn = unquoted;
		dlen = k;
	}
	if (needs_encoding(dn, dlen))
		header_encoded_words(&h, dn, dlen);
	else if (strcspn(dn, "()<>[]:;@\\,.\"") < dlen)
		header_quoted(&h, dn, dlen);
	else if (dlen)
		header_words(&h, dn, dlen);
	char addr[400];
	int len = snprintf(addr, sizeof addr, "<%.*s>", (int)strcspn(lt + 1, ">"), lt + 1);
	header_token(&h, addr, (size_t)len);
	header_end(&h);
}

void mail_address(const char *mailbox, char *out, size_t n)
{
	const char *lt = strrchr(mailbox, '<');
	const char *s = mailbox;
	size_t len = strlen(s);
	if (lt && strchr(lt, '>')) {
		s = lt + 1;
		len = strcspn(s, ">");
	}
	trim_span(&s, &len);
	snprintf(out, n, "%.*s", (int)len, s);
}

/* "Tue, 01 Dec 2026 09:24:50 +0000" from "2026-12-01 09:24:50" (the C locale's names, whatever the locale). */
static void rfc5322_date(const char *sql_datetime, char *out, size_t n)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm = { 0 };
	if (sscanf(sql_datetime, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		tm = (struct tm){ .tm_year = 1970, .tm_mon = 1, .tm_mday = 1 };
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	snprintf(out, n, "%s, %02d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* <outbox-ID.YYYYMMDDhhmmss@domain-of-from>: the same for every attempt at one row, so that a relay or a
 * reader can drop a duplicate, and different across installations whose row numbers overlap. */
static void message_id(const mail_message *msg, char *out, size_t n)
{
	char from[320], stamp[16];
	mail_address(msg->from, from, sizeof from);
	const char *at = strrchr(from, '@');
	size_t k = 0;
	for (const char *p = msg->created_at; *p && k < sizeof stamp - 1; p++)
		if (isdigit((unsigned char)*p))
			stamp[k++] = *p;
	stamp[k] = '\0';
	snprintf(out, n, "<outbox-%lld.%s@%s>", msg->id, stamp, at && at[1] ? at + 1 : "channelcenter.local");
}

static void body_crlf(strbuf *out, const char *body)
{
	for (const char *p = body; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			strbuf_putc(out, '\r');
		strbuf_putc(out, *p);
	}
	if (out->len < 2 || memcmp(out->data + out->len - 2, "\r\n", 2) != 0)
		strbuf_puts(out, "\r\n");
}

/* "en", "es-MX": letters and hyphens only, so that it goes into a header as it is. */
static bool is_language_tag(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!isalpha((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

void mail_message_build(strbuf *out, const mail_message *msg)
{
	char date[64], mid[400];
	rfc5322_date(msg->created_at, date, sizeof date);
	message_id(msg, mid, sizeof mid);
	mail_header_mailbox(out, "From", msg->from);
	mail_header_mailbox(out, "To", msg->to);
	mail_header_text(out, "Subject", msg->subject);
	strbuf_printf(out, "Date: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n", date, mid);
	if (is_language_tag(msg->language))
		strbuf_printf(out, "Content-Language: %s\r\n", msg->language);
	strbuf_puts(out, "\r\n");
	body_crlf(out, msg->body);
}

static long step_delay(int attempt)
{
	if (attempt > 20)
		return MAIL_RETRY_CAP;
	long d = (long)MAIL_RETRY_FIRST << (attempt - 1);
	return d < MAIL_RETRY_CAP ? d : MAIL_RETRY_CAP;
}

long mail_retry_delay(int attempts)
{
	if (attempts < 1)
		return 0;
	long waited = 0;
	for (int k = 1; k < attempts; k++)
		if ((waited += step_delay(k)) >= MAIL_GIVE_UP_AFTER)
			return -1;
	return step_delay(attempts);
}

/* mail_message.h: an outbox row as the bytes that go to the relay (and into a .eml file), and the
 * retry schedule of the mailer */
#ifndef CC_MAIL_MESSAGE_H
#define CC_MAIL_MESSAGE_H

#include <stddef.h>

#include "strbuf.h"

#define MAIL_LINE_MAX 76                 /* header lines are folded to at most this many characters */
#define MAIL_RETRY_FIRST 30              /* seconds after the first failed attempt ... */
#define MAIL_RETRY_CAP 3600              /* ... doubling up to an hour ... */
#define MAIL_GIVE_UP_AFTER (48 * 3600)   /* ... until the waits add up to two days */

typedef struct {
	long long id;            /* the outbox row: names the Message-ID */
	const char *from;        /* "Display Name <addr>" or "addr" */
	const char *to;          /* the same forms */
	const char *subject;     /* UTF-8 */
	const char *body;        /* UTF-8 plain text, \n or \r\n line ends */
	const char *created_at;  /* "YYYY-MM-DD HH:MM:SS" UTC: the Date, so every attempt sends the same bytes */
	const char *language;    /* "en", "es": what it is written in (Content-Language); NULL or "" for none */
} mail_message;

/* The whole message: headers (non-ASCII text as RFC 2047 encoded-words, lines folded), a blank
 * line, the body with CRLF line ends. No SMTP dot-stuffing: that is the transport's job. */
void mail_message_build(strbuf *out, const mail_message *msg);

/* One header "NAME: VALUE" with VALUE as unstructured text (Subject), encoded and folded. */
void mail_header_text(strbuf *out, const char *name, const char *value);
/* One header "NAME: MAILBOX" (From, To): the display name encoded or quoted as it needs. */
void mail_header_mailbox(strbuf *out, const char *name, const char *mailbox);

/* The address inside "Name <addr>", or the whole string trimmed: what the SMTP envelope names. */
void mail_address(const char *mailbox, char *out, size_t n);

/* Seconds to wait after the ATTEMPTS-th failed attempt (1, 2, ...) before the next one: 30 s
 * doubling, capped at an hour; -1 once the waits before this attempt add up to two days (give up). */
long mail_retry_delay(int attempts);

#endif

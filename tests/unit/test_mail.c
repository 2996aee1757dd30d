/* test_mail.c: unit tests for the message builder (RFC 2047 encoded-words, folding, mailboxes, the
 * exact bytes of a message, no dot-stuffing) and the mailer's retry schedule */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "mail_message.h"

/* The header's value as a reader gets it: unfolded, encoded-words decoded (whitespace between two
 * adjacent words dropped), the space after the colon gone. */
static void read_header(const char *header, char *out, size_t n)
{
	char unfolded[2048];
	size_t k = 0;
	for (const char *p = strchr(header, ':') + 1; *p && k < sizeof unfolded - 1; p++) {
		if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
			p++;
			continue;
		}
		if (p[0] == '\r' && p[1] == '\n')
			break;
		unfolded[k++] = *p;
	}
	unfolded[k] = '\0';
	const char *p = unfolded[0] == ' ' ? unfolded + 1 : unfolded;
	size_t o = 0;
	int last_was_word = 0;
	while (*p && o < n - 1) {
		const char *q = p;
		while (*q == ' ')
			q++;
		if (!strncmp(q, "=?UTF-8?B?", 10)) {
			const char *end = strstr(q + 10, "?=");
			assert_non_null(end);
			if (!last_was_word)
				while (p < q && o < n - 1)
					out[o++] = *p++;
			size_t bin_len = 0;
			assert_int_equal(sodium_base642bin((unsigned char *)out + o, n - 1 - o, q + 10, (size_t)(end - q - 10),
							   NULL, &bin_len, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
			o += bin_len;
			p = end + 2;
			last_was_word = 1;
			continue;
		}
		out[o++] = *p++;
		last_was_word = 0;
	}
	out[o] = '\0';
}

/* Every line of TEXT (CRLF ends) holds at most MAX characters, and every encoded-word decodes alone to UTF-8. */
static void assert_lines_within(const char *text, size_t max)
{
	for (const char *line = text; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		if ((size_t)(end - line) > max)
			fail_msg("a %zu-character line: %.*s", (size_t)(end - line), (int)(end - line), line);
		line = end + 2;
	}
}

static void test_ascii_subject_as_is(void **state)
{
	(void)state;
	strbuf b = STRBUF_INIT;
	mail_header_text(&b, "Subject", "Verify your email address for Channel Center");
	assert_string_equal(b.data, "Subject: Verify your email address for Channel Center\r\n");
	strbuf_release(&b);
}

static void test_non_ascii_subject_encoded(void **state)
{
	(void)state;
	strbuf b = STRBUF_INIT;
	mail_header_text(&b, "Subject", "Bienvenue, Zo\xc3\xab");
	assert_string_equal(b.data, "Subject: =?UTF-8?B?QmllbnZlbnVlLCBab8Or?=\r\n");
	strbuf_release(&b);
}

static void test_long_subject_folds_and_reads_back(void **state)
{
	(void)state;
	const char *subjects[] = {
		/* UTF-8 of two and three bytes, long enough for several words: no word may split a character */
		"R\xc3\xa9sum\xc3\xa9 de votre inscription \xc3\xa0 Channel Center \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac"
		"\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88 \xc3\x85ngstr\xc3\xb6m et Zo\xc3\xab, "
		"encore une fois \xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9",
		"Your Channel Center reseller enrollment for a rather long organization name Limited was not approved "
		"and here is why",
		"Looks like an =?encoded?= word but is plain text",
	};
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
		strbuf b = STRBUF_INIT;
		mail_header_text(&b, "Subject", subjects[i]);
		assert_lines_within(b.data, MAIL_LINE_MAX);
		char back[2048];
		read_header(b.data, back, sizeof back);
		assert_string_equal(back, subjects[i]);
		strbuf_release(&b);
	}
}

static void test_mailboxes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Channel Center <no-reply@channelcenter.example>", "From: Channel Center <no-reply@channelcenter.example>\r\n" },
		{ "zoe@example.test", "From: zoe@example.test\r\n" },
		{ "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m <zoe@example.test>", "From: =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <zoe@example.test>\r\n" },
		{ "Fabrikam, Inc. <sales@fabrikam.example>", "From: \"Fabrikam, Inc.\" <sales@fabrikam.example>\r\n" },
		{ "\"Dana \\\"D\\\" Smith\" <dana@x.example>", "From: \"Dana \\\"D\\\" Smith\" <dana@x.example>\r\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		strbuf b = STRBUF_INIT;
		mail_header_mailbox(&b, "From", cases[i].in);
		assert_string_equal(b.data, cases[i].out);
		strbuf_release(&b);
	}
	char addr[100];
	mail_address("Zo\xc3\xab <zoe@example.test>", addr, sizeof addr);
	assert_string_equal(addr, "zoe@example.test");
	mail_address("  sam@contoso.example ", addr, sizeof addr);
	assert_string_equal(addr, "sam@contoso.example");
}

static void test_message_bytes(void **state)
{
	(void)state;
	mail_message m = {
		.id = 42,
		.from = "Channel Center <no-reply@channelcenter.example>",
		.to = "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m <zoe@example.test>",
		.subject = "Bienvenue, Zo\xc3\xab",
		.body = "Reason given by the reviewer:\n.NET only\n..two dots\n.\nend",
		.created_at = "2026-12-01 09:24:50",
	};
	strbuf b = STRBUF_INIT;
	mail_message_build(&b, &m);
	assert_string_equal(b.data,
			    "From: Channel Center <no-reply@channelcenter.example>\r\n"
			    "To: =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <zoe@example.test>\r\n"
			    "Subject: =?UTF-8?B?QmllbnZlbnVlLCBab8Or?=\r\n"
			    "Date: Tue, 01 Dec 2026 09:24:50 +0000\r\n"
			    "Message-ID: <outbox-42.20261201092450@channelcenter.example>\r\n"
			    "MIME-Version: 1.0\r\n"
			    "Content-Type: text/plain; charset=utf-8\r\n"
			    "Content-Transfer-Encoding: 8bit\r\n"
			    "\r\n"
			    /* the dots exactly as written: the SMTP transport stuffs them, not the message */
			    "Reason given by the reviewer:\r\n.NET only\r\n..two dots\r\n.\r\nend\r\n");
	/* the same row builds the same bytes every time: a resend is the same message */
	strbuf again = STRBUF_INIT;
	mail_message_build(&again, &m);
	assert_string_equal(again.data, b.data);
	strbuf_release(&again);
	strbuf_release(&b);
}

static void test_retry_schedule(void **state)
{
	(void)state;
	static const long first[] = { 30, 60, 120, 240, 480, 960, 1920, 3600, 3600 };
	for (int i = 0; i < 9; i++)
		assert_int_equal(mail_retry_delay(i + 1), first[i]);
	/* the waits add up to about two days, then the mailer gives up */
	long waited = 0;
	int attempts = 1;
	for (long d; (d = mail_retry_delay(attempts)) >= 0; attempts++)
		waited += d;
	assert_int_equal(attempts, 55);
	assert_true(waited >= MAIL_GIVE_UP_AFTER && waited < MAIL_GIVE_UP_AFTER + MAIL_RETRY_CAP);
	assert_int_equal(mail_retry_delay(1000000), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_subject_as_is),
		cmocka_unit_test(test_non_ascii_subject_encoded),
		cmocka_unit_test(test_long_subject_folds_and_reads_back),
		cmocka_unit_test(test_mailboxes),
		cmocka_unit_test(test_message_bytes),
		cmocka_unit_test(test_retry_schedule),
	};
	return cmocka_run_group_tests_name("mail messages", tests, NULL, NULL);
}

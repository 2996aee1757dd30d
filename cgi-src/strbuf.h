/* strbuf.h: growable byte buffer for response bodies and rendered templates */
#ifndef CC_STRBUF_H
#define CC_STRBUF_H

#include <stddef.h>

typedef struct {
	char *data;  /* always NUL-terminated once anything was added */
	size_t len, cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_grow(strbuf *sb, size_t extra);
void strbuf_add(strbuf *sb, const void *p, size_t n);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_putc(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_reset(strbuf *sb);   /* len = 0, keeps the memory for reuse */
void strbuf_release(strbuf *sb); /* frees the memory */
const char *strbuf_cstr(strbuf *sb); /* "" when empty */

#endif

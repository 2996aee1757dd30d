/* csv.c: CSV exports (RFC 4180): quoted fields, CRLF rows, formulas defused */
#include "csv.h"

#include <string.h>

void csv_field(strbuf *out, const char *s, bool last)
{
	strbuf_putc(out, '"');
	if (*s && strchr("=+-@\t\r", *s))
		strbuf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_putc(out, '"');
		strbuf_putc(out, *s);
	}
	strbuf_puts(out, last ? "\"\r\n" : "\",");
}

void csv_header(strbuf *out, const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		strbuf_puts(out, names[i]);
		strbuf_puts(out, i == n - 1 ? "\r\n" : ",");
	}
}

void csv_answer(request *r, const char *filename)
{
	r->answered = true;
	r->status = 200;
	r->content_type_out = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
}

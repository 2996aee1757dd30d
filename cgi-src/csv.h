/* csv.h: CSV exports (RFC 4180), the one place that writes them: the pages' .csv links and the API's
 * Accept: text/csv answer the same rows */
#ifndef CC_CSV_H
#define CC_CSV_H

#include <stdbool.h>

#include "http.h"
#include "strbuf.h"

/* Append S to OUT as one quoted field, then "," or, for the LAST of a row, CRLF. A field that starts with
 * = + - @ or a tab gets a leading ' so a spreadsheet shows it instead of running it. */
void csv_field(strbuf *out, const char *s, bool last);
/* Append a header row of NAMES (N of them) to OUT. */
void csv_header(strbuf *out, const char *const *names, int n);
/* R's body, already written, is the answer: 200, text/csv, to be saved as FILENAME. */
void csv_answer(request *r, const char *filename);

#endif

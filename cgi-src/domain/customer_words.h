/* customer_words.h: word-prefix search of a partner's customers by name, through customer_name_words
 * (schema/014): the words of each live relationship's customer name, kept by the relationship writes. */
#ifndef CC_CUSTOMER_WORDS_H
#define CC_CUSTOMER_WORDS_H

#include <stdbool.h>

#include "db.h"
#include "http.h"
#include "list_query.h"

#define CUSTOMER_WORDS_MAX 4         /* words of a query used; more are ignored */

/* Index the customer's name, inside the caller's transaction: the one that starts PARTNER's relationship
 * with CUSTOMER (relationship_start). */
int customer_words_add(long long partner, long long customer);
/* Forget the words, inside the caller's transaction: the one that ends it (relationship_end). */
int customer_words_remove(long long partner, long long customer);

/* A search as asked: up to CUSTOMER_WORDS_MAX words of Q (letters and digits; anything else separates
 * words), the longest first, each a LIKE prefix pattern. NWORDS is 0 when Q has no word. */
typedef struct {
	int nwords;
	const char *pattern[CUSTOMER_WORDS_MAX];
} customer_search;
customer_search customer_search_parse(arena *a, const char *q);

/* With more than one word, make the one with the fewest matches in the walked partner's range (counted up
 * to a small cap, in one statement) the first: it drives the walk, the others are checked per row. So
 * "delta company" walks the few Deltas, not every Company. */
int customer_words_choose_driver(arena *a, long long viewer, long long reseller, customer_search *s);

/* One seek page (PAGE_SIZE + 1 rows, see http_seek) of VIEWER's live customers whose names have a word
 * starting with each word of S, ordered by the first word's matching name word, then name, then id; with
 * RESELLER not 0, only those also in a live relationship with RESELLER. Columns: id, name, country,
 * partner of record since (YYYY-MM-DD), cursor key ("word name"): the columns of customers_page too. */
enum { CUSTOMERS_COL_ID, CUSTOMERS_COL_NAME, CUSTOMERS_COL_COUNTRY, CUSTOMERS_COL_SINCE, CUSTOMERS_COL_KEY,
       CUSTOMERS_NCOLS };
int customer_words_page(arena *a, long long viewer, long long reseller, const customer_search *s,
			const seek *from, int page_size, db_rows *out);
/* How many of them, counting no further than CAP + 1 (*TOTAL > CAP: "more than"). */
int customer_words_count(arena *a, long long viewer, long long reseller, const customer_search *s, int cap,
			 long long *total);

#endif

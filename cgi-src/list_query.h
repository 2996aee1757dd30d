/* list_query.h: SQL pieces shared by the keyset-paged lists (see http_seek and view_seek_page): the seek
 * condition, order and limit for a list ordered by (key, id) or by id alone, their arguments, the
 * word-prefix FULLTEXT search text, and counts capped for searches */
#ifndef CC_LIST_QUERY_H
#define CC_LIST_QUERY_H

#include "arena.h"
#include "db.h"
#include "http.h"
#include "tpl.h"

/* Appended to a query whose WHERE is already open: the rows past the cursor in one direction, PAGE + 1 of
 * them (the extra one tells view_seek_page there is more). The first "?" switches the cursor off (bind
 * seek_unbounded), so one statement serves every page. Bind with SEEK_KEY_ARGS / SEEK_ID_ARGS. */
#define SEEK_BY_KEY_ASC(K, ID) " AND (? OR " K " > ? OR (" K " = ? AND " ID " > ?)) ORDER BY " K ", " ID " LIMIT ?"
#define SEEK_BY_KEY_DESC(K, ID) \
	" AND (? OR " K " < ? OR (" K " = ? AND " ID " < ?)) ORDER BY " K " DESC, " ID " DESC LIMIT ?"
#define SEEK_BY_ID_ASC(ID) " AND (? OR " ID " > ?) ORDER BY " ID " LIMIT ?"
#define SEEK_BY_ID_DESC(ID) " AND (? OR " ID " < ?) ORDER BY " ID " DESC LIMIT ?"
#define SEEK_KEY_ARGS(S, PAGE) \
	DB_INT(seek_unbounded(S)), DB_STR((S)->key), DB_STR((S)->key), DB_INT((S)->id), DB_INT((PAGE) + 1)
#define SEEK_ID_ARGS(S, PAGE) DB_INT(seek_unbounded(S)), DB_INT((S)->id), DB_INT((PAGE) + 1)

/* The statement for seek S of BASE (SELECT ... WHERE ...): two literals, one per direction, so each is
 * prepared once. A list in ascending (K, ID) order (names), or newest first by ID or by (K, ID). */
#define SEEK_SQL_BY_KEY(S, BASE, K, ID) \
	(seek_descending(S) ? BASE SEEK_BY_KEY_DESC(K, ID) : BASE SEEK_BY_KEY_ASC(K, ID))
#define SEEK_SQL_NEWEST_BY_ID(S, BASE, ID) \
	(seek_descending(S) ? BASE SEEK_BY_ID_ASC(ID) : BASE SEEK_BY_ID_DESC(ID))
#define SEEK_SQL_NEWEST_BY_KEY(S, BASE, K, ID) \
	(seek_descending(S) ? BASE SEEK_BY_KEY_ASC(K, ID) : BASE SEEK_BY_KEY_DESC(K, ID))

/* Q as a FULLTEXT boolean-mode query asking for every word of Q as a word prefix: "Café du" becomes
 * "+Café* +du*". Only letters, digits and non-ASCII characters make words, so the user cannot type
 * boolean operators; "" when Q has no word (then the list is not searched). */
const char *list_word_prefixes(arena *a, const char *q);
/* A search Q whose WORDS (list_word_prefixes) are empty (only punctuation) finds nothing, rather than
 * everything: the caller shows an empty list without asking the database. */
#define LIST_NOTHING_TO_FIND(Q, WORDS) (*(Q) && !*(WORDS))

/* Searched lists count at most this many matches and say "more than 1,000" beyond. */
#define LIST_COUNT_CAP 1000
/* Wraps a "SELECT 1 ... WHERE ..." so it counts up to LIST_COUNT_CAP + 1 rows; bind LIST_COUNT_LIMIT last. */
#define LIST_COUNT_SQL(SELECT_ONE) "SELECT COUNT(*) FROM (" SELECT_ONE " LIMIT ?) capped"
#define LIST_COUNT_LIMIT DB_INT(LIST_COUNT_CAP + 1)
/* Set NAME in D to N, or to "more than 1,000" when N passed the cap. */
void list_set_count(tpl_dict *d, const char *name, long long n);

#endif

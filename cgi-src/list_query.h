/* list_query.h: SQL pieces shared by the keyset-paged lists (see http_seek and view_seek_page): the seek
 * condition, order and limit for a list ordered by (key, id) or by id alone, their arguments, name search
 * by word prefix, and counts capped for searches */
#ifndef CC_LIST_QUERY_H
#define CC_LIST_QUERY_H

#include "arena.h"
#include "db.h"
#include "http.h"
#include "tpl/tpl.h"

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
 * prepared once. A list in ascending (K, ID) order (names) or ID order, or newest first by ID or (K, ID). */
#define SEEK_SQL_BY_KEY(S, BASE, K, ID) \
	(seek_descending(S) ? BASE SEEK_BY_KEY_DESC(K, ID) : BASE SEEK_BY_KEY_ASC(K, ID))
#define SEEK_SQL_BY_ID(S, BASE, ID) (seek_descending(S) ? BASE SEEK_BY_ID_DESC(ID) : BASE SEEK_BY_ID_ASC(ID))
#define SEEK_SQL_NEWEST_BY_ID(S, BASE, ID) \
	(seek_descending(S) ? BASE SEEK_BY_ID_ASC(ID) : BASE SEEK_BY_ID_DESC(ID))
#define SEEK_SQL_NEWEST_BY_KEY(S, BASE, K, ID) \
	(seek_descending(S) ? BASE SEEK_BY_KEY_ASC(K, ID) : BASE SEEK_BY_KEY_DESC(K, ID))

/* Name search by word prefix within a list's own scope (one organization's partners or users, the
 * providers): every word of the search must begin a word of the name, ignoring case and accents (the
 * columns are utf8mb4_unicode_ci). The list's index walk tests each row it passes, so a search costs at
 * most the scope's rows, never the whole table's: a FULLTEXT index on organizations.name answers a
 * provider search from every customer's name too (measured: 200-660 ms at 100k rows for a common word,
 * against 2-5 ms for the walk). Words past LIST_WORDS_MAX are not tested. */
#define LIST_WORDS_MAX 4
typedef struct {
	const char *like[LIST_WORDS_MAX];  /* "% word%", its wildcards escaped with '!'; "" for an unused slot */
	int count;                         /* words in the search */
} list_words;
/* The words of Q (separated by white space). */
list_words list_search_words(arena *a, const char *q);
/* The condition "every word begins a word of COL" (or of COL or COL2), for the WHERE, and its arguments. */
#define LIST_WORD_SQL(COL) "(? = '' OR CONCAT(' ', " COL ") LIKE ? ESCAPE '!')"
#define LIST_WORDS_SQL(COL) \
	LIST_WORD_SQL(COL) " AND " LIST_WORD_SQL(COL) " AND " LIST_WORD_SQL(COL) " AND " LIST_WORD_SQL(COL)
#define LIST_WORDS_ARGS(W) \
	DB_STR((W).like[0]), DB_STR((W).like[0]), DB_STR((W).like[1]), DB_STR((W).like[1]), \
	DB_STR((W).like[2]), DB_STR((W).like[2]), DB_STR((W).like[3]), DB_STR((W).like[3])
#define LIST_WORD2_SQL(COL, COL2) \
	"(? = '' OR CONCAT(' ', " COL ") LIKE ? ESCAPE '!' OR CONCAT(' ', " COL2 ") LIKE ? ESCAPE '!')"
#define LIST_WORDS2_SQL(COL, COL2) \
	LIST_WORD2_SQL(COL, COL2) " AND " LIST_WORD2_SQL(COL, COL2) " AND " LIST_WORD2_SQL(COL, COL2) " AND " \
	LIST_WORD2_SQL(COL, COL2)
#define LIST_WORDS2_ARGS(W) \
	DB_STR((W).like[0]), DB_STR((W).like[0]), DB_STR((W).like[0]), DB_STR((W).like[1]), DB_STR((W).like[1]), \
	DB_STR((W).like[1]), DB_STR((W).like[2]), DB_STR((W).like[2]), DB_STR((W).like[2]), DB_STR((W).like[3]), \
	DB_STR((W).like[3]), DB_STR((W).like[3])

/* Searched lists count at most this many matches and say "more than 1,000" beyond. */
#define LIST_COUNT_CAP 1000
/* Wraps a "SELECT 1 ... WHERE ..." so it counts up to LIST_COUNT_CAP + 1 rows; bind LIST_COUNT_LIMIT last. */
#define LIST_COUNT_SQL(SELECT_ONE) "SELECT COUNT(*) FROM (" SELECT_ONE " LIMIT ?) capped"
#define LIST_COUNT_LIMIT DB_INT(LIST_COUNT_CAP + 1)
/* Set NAME in D to N, or to "more than 1,000" when N passed the cap. */
void list_set_count(tpl_dict *d, const char *name, long long n);

#endif

/* customer_words.c: word-prefix search of a partner's customers by name. Each live relationship has one
 * customer_name_words row per word of the customer's name, keyed (partner, word, name, customer): a query
 * walks the range of its longest word in index order and checks its other words with one index lookup
 * each, so a page costs about its size even when a word is common to most of a million customers. */
#include "domain/customer_words.h"

#include <string.h>

#include "validate.h"

/* The name split into words of letters and digits (Unicode classes), at most 40 of them. */
int customer_words_add(long long partner, long long customer)
{
	return db_exec("INSERT INTO customer_name_words (partner_org_id, word, customer_name, customer_org_id) "
		       "SELECT ?, SUBSTRING_INDEX(SUBSTRING_INDEX(n.words, ' ', s.seq), ' ', -1), n.name, n.id "
		       "FROM (SELECT id, name, TRIM(REGEXP_REPLACE(name, '[^\\\\p{L}\\\\p{N}]+', ' ')) AS words "
		       "FROM organizations WHERE id = ?) n "
		       "JOIN seq_1_to_40 s ON s.seq <= 1 + LENGTH(n.words) - LENGTH(REPLACE(n.words, ' ', '')) "
		       "WHERE n.words <> '' ON DUPLICATE KEY UPDATE customer_org_id = VALUES(customer_org_id)",
		       DB_ARGS(DB_INT(partner), DB_INT(customer)), NULL, NULL);
}

int customer_words_remove(long long partner, long long customer)
{
	return db_exec("DELETE FROM customer_name_words WHERE partner_org_id = ? AND customer_org_id = ?",
		       DB_ARGS(DB_INT(partner), DB_INT(customer)), NULL, NULL);
}

static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

customer_search customer_search_parse(arena *a, const char *q)
{
	customer_search s = { 0 };
	size_t len[CUSTOMER_WORDS_MAX];
	for (const char *p = q; *p && s.nwords < CUSTOMER_WORDS_MAX;) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		if (p == start)
			break;
		/* insertion by length, longest first: the longest word drives the index walk */
		size_t n = (size_t)(p - start);
		int at = s.nwords++;
		while (at > 0 && len[at - 1] < n) {
			len[at] = len[at - 1];
			s.pattern[at] = s.pattern[at - 1];
			at--;
		}
		len[at] = n;
		s.pattern[at] = validate_like_prefix(a, "", start, n);
	}
	return s;
}

#define DRIVER_PROBE_CAP 200
#define DRIVER_PROBE \
	"(SELECT COUNT(*) FROM (SELECT 1 FROM customer_name_words WHERE partner_org_id = ? AND word LIKE ? ESCAPE '!' " \
	"LIMIT ?) t)"

int customer_words_choose_driver(arena *a, long long viewer, long long reseller, customer_search *s)
{
	if (s->nwords < 2)
		return DB_OK;
	db_val v[3 * CUSTOMER_WORDS_MAX];
	int n = 0;
	for (int i = 0; i < CUSTOMER_WORDS_MAX; i++) {
		v[n++] = DB_INT(reseller ? reseller : viewer);
		v[n++] = DB_STR(i < s->nwords ? s->pattern[i] : "");
		v[n++] = DB_INT(i < s->nwords ? DRIVER_PROBE_CAP : 0);
	}
	_Static_assert(CUSTOMER_WORDS_MAX == 4, "one DRIVER_PROBE per word");
	db_rows r;
	/* one column per word: its probe */
	int rc = db_query_cols_lagging(a, &r, CUSTOMER_WORDS_MAX,
				       "SELECT " DRIVER_PROBE ", " DRIVER_PROBE ", " DRIVER_PROBE ", " DRIVER_PROBE, v, n);
	if (rc != DB_OK || r.nrows != 1)
		return rc;
	int best = 0;
	for (int i = 1; i < s->nwords; i++)
		if (db_get_int(&r, 0, i) < db_get_int(&r, 0, best))
			best = i;
	const char *driver = s->pattern[best];
	s->pattern[best] = s->pattern[0];
	s->pattern[0] = driver;
	return DB_OK;
}

/* WORDS_FROM_SQL WORDS_WHERE_SQL: the rows of PARTNER's words matching the first pattern, each once (its first matching word), whose
 * customer is also VIEWER's live customer and has a word matching each other pattern ('' = no pattern). */
#define WORDS_FROM_SQL \
	"FROM customer_name_words w JOIN customer_relationships me ON me.live_pair = CONCAT(w.customer_org_id, ':', ?) "
#define WORDS_WHERE_SQL \
	"WHERE w.partner_org_id = ? AND w.word LIKE ? ESCAPE '!' " \
	"AND NOT EXISTS (SELECT 1 FROM customer_name_words d FORCE INDEX (ix_words_customer) WHERE d.partner_org_id = w.partner_org_id " \
	"AND d.customer_org_id = w.customer_org_id AND d.word LIKE ? ESCAPE '!' AND d.word < w.word) " \
	WORD_ALSO WORD_ALSO WORD_ALSO
#define WORD_ALSO \
	"AND (? = '' OR EXISTS (SELECT 1 FROM customer_name_words x FORCE INDEX (ix_words_customer) WHERE x.partner_org_id = w.partner_org_id " \
	"AND x.customer_org_id = w.customer_org_id AND x.word LIKE ? ESCAPE '!')) "
#define WORDS_PAGE_SQL(CMP, DIR) \
	"SELECT w.customer_org_id, w.customer_name, c.country, DATE_FORMAT(me.started_at, '%Y-%m-%d'), " \
	"CONCAT(w.word, ' ', w.customer_name) " WORDS_FROM_SQL "JOIN organizations c ON c.id = w.customer_org_id " \
	WORDS_WHERE_SQL \
	"AND (? OR w.word " CMP " ? OR (w.word = ? AND (w.customer_name " CMP " ? OR " \
	"(w.customer_name = ? AND w.customer_org_id " CMP " ?)))) " \
	"ORDER BY w.word " DIR ", w.customer_name " DIR ", w.customer_org_id " DIR " LIMIT ?"

/* The bound values of WORDS_FROM_SQL and WORDS_WHERE_SQL: 11 of them. */
static int match_args(db_val *v, long long viewer, long long reseller, const customer_search *s)
{
	int n = 0;
	v[n++] = DB_INT(viewer);
	v[n++] = DB_INT(reseller ? reseller : viewer);
	v[n++] = DB_STR(s->pattern[0]);
	v[n++] = DB_STR(s->pattern[0]);
	for (int i = 1; i < CUSTOMER_WORDS_MAX; i++) {
		const char *p = i < s->nwords ? s->pattern[i] : "";
		v[n++] = DB_STR(p);
		v[n++] = DB_STR(p);
	}
	return n;
}

/* The cursor key "word name": a word never holds a space. */
static void split_key(const char *key, arena *a, const char **word, const char **name)
{
	const char *sp = strchr(key, ' ');
	*word = sp ? arena_strndup(a, key, (size_t)(sp - key)) : key;
	*name = sp ? sp + 1 : "";
}

int customer_words_page(arena *a, long long viewer, long long reseller, const customer_search *s,
			const seek *from, int page_size, db_rows *out)
{
	if (s->nwords == 0) {
		*out = (db_rows){ .ncols = CUSTOMERS_NCOLS };
		return DB_OK;
	}
	db_val v[20];
	int n = match_args(v, viewer, reseller, s);
	const char *word, *name;
	split_key(from->key, a, &word, &name);
	v[n++] = DB_INT(seek_unbounded(from));
	v[n++] = DB_STR(word);
	v[n++] = DB_STR(word);
	v[n++] = DB_STR(name);
	v[n++] = DB_STR(name);
	v[n++] = DB_INT(from->id);
	v[n++] = DB_INT(page_size + 1);
	if (seek_descending(from))
		return db_query_cols_lagging(a, out, CUSTOMERS_NCOLS, WORDS_PAGE_SQL("<", "DESC"), v, n);
	return db_query_cols_lagging(a, out, CUSTOMERS_NCOLS, WORDS_PAGE_SQL(">", "ASC"), v, n);
}

int customer_words_count(arena *a, long long viewer, long long reseller, const customer_search *s, int cap,
			 long long *total)
{
	*total = 0;
	if (s->nwords == 0)
		return DB_OK;
	db_val v[20];
	int n = match_args(v, viewer, reseller, s);
	v[n++] = DB_INT(cap + 1);
	db_rows r;
	int rc;
	if (reseller)
		rc = db_query_lagging(a, &r, LIST_COUNT_SQL("SELECT 1 " WORDS_FROM_SQL WORDS_WHERE_SQL), v, n);
	else  /* the viewer's own words exist only while its relationships live: no need to look each one up */
		rc = db_query_lagging(a, &r, LIST_COUNT_SQL("SELECT 1 FROM customer_name_words w " WORDS_WHERE_SQL), v + 1, n - 1);
	if (rc == DB_OK && r.nrows == 1)
		*total = db_get_int(&r, 0, 0);
	return rc;
}

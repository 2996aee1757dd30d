/* db.h: the one place that talks to MySQL: prepared statements with bound parameters only */
#ifndef CC_DB_H
#define CC_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"

typedef struct {
	enum { DB_T_NULL, DB_T_INT, DB_T_STR } type;
	long long i;
	const char *s;
	size_t len;
} db_val;

#define DB_INT(x) ((db_val){ .type = DB_T_INT, .i = (x) })
#define DB_STR(x) ((db_val){ .type = DB_T_STR, .s = (x), .len = strlen(x) })
#define DB_BLOB(p, n) ((db_val){ .type = DB_T_STR, .s = (const char *)(p), .len = (n) })
#define DB_NULL ((db_val){ .type = DB_T_NULL })
/* DB_ARGS(DB_INT(1), DB_STR(s)) expands to "array, count" for the functions below */
#define DB_ARGS(...) (const db_val[]){ __VA_ARGS__ }, \
	(int)(sizeof((const db_val[]){ __VA_ARGS__ }) / sizeof(db_val))
#define DB_NOARGS NULL, 0

typedef struct {
	int ncols, nrows;
	char **cells;  /* nrows * ncols strings in the arena; NULL for SQL NULL */
} db_rows;

enum { DB_OK = 0, DB_ERROR = -1, DB_DUPLICATE = -2, DB_RETRY = -3 };

int db_open(const config *c);   /* connect (retrying up to ~10 s while the server starts) */
void db_close(void);

/* Run a SELECT; every row lands in OUT as strings copied into A. SQL must be a
 * string literal: statements are prepared once per connection and cached by it. */
int db_query(arena *a, db_rows *out, const char *sql, const db_val *args, int nargs);
/* Run an INSERT/UPDATE/DELETE. AFFECTED and INSERT_ID may be NULL.
 * Returns DB_DUPLICATE on a unique-key violation. */
int db_exec(const char *sql, const db_val *args, int nargs,
	    unsigned long long *affected, unsigned long long *insert_id);

const char *db_get(const db_rows *r, int row, int col);     /* "" for NULL */
long long db_get_int(const db_rows *r, int row, int col);
bool db_is_null(const db_rows *r, int row, int col);

/* Run FN inside BEGIN..COMMIT; rolls back when it returns non-zero. When the
 * connection is lost mid-way the whole transaction is replayed once on a new
 * connection, so FN must only touch the database and its own CTX. */
int db_transaction(int (*fn)(void *ctx), void *ctx);

const char *db_last_error(void);
unsigned long db_reconnects(void);  /* how many times the connection was re-established */

/* For the request log: forget the last error as a request starts; the error of this request, or "". */
void db_request_begin(void);
const char *db_request_error(void);

#endif

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

/* What a call returns (every failure also sets db_last_error() and db_last_error_kind()):
 *   DB_OK         done.
 *   DB_ERROR      the server is unreachable, overloaded or busy (a lock wait timed out): nothing was done,
 *                 and a transaction certainly rolled back. Answer 503, "try again".
 *   DB_DUPLICATE  a unique key refused the row: an expected answer (keys guard races), not a fault.
 *   DB_RETRY      internal to db.c: the transaction is replayed (never returned to callers).
 *   DB_UNKNOWN    db_transaction only: the connection died during or after COMMIT, so the transaction
 *                 may or may not have committed. Never say "nothing was changed": look the change up
 *                 again (the next call reconnects), or say the outcome could not be confirmed.
 *   DB_BUG        the statement is wrong (syntax, unknown table or column, wrong number of arguments,
 *                 more result columns than db_query holds, a value the code should have refused): a
 *                 programming error. Answer 500; the log line names the statement.
 *   DB_TIMEOUT    a kind only (the call returns DB_ERROR): the statement ran past its budget
 *                 (DB_STATEMENT_SECONDS, MariaDB's max_statement_time: error 1969) or the server did not
 *                 answer within the client's read timeout. The statement was stopped, not retried; a
 *                 transaction it was part of rolled back and is not replayed. Answer 503, "took too long";
 *                 the log line names the statement.
 *   DB_CONFLICT   a kind only (db_transaction returns DB_ERROR): the transaction was rolled back every time it
 *                 ran (TX_ATTEMPTS in db.c), by deadlocks or Galera certification conflicts with other
 *                 writers, or by nodes lost one after the other. Nothing was saved. Answer 503, "submit it
 *                 again". */
enum { DB_OK = 0, DB_ERROR = -1, DB_DUPLICATE = -2, DB_RETRY = -3, DB_UNKNOWN = -4, DB_BUG = -5, DB_TIMEOUT = -6,
       DB_CONFLICT = -7 };

/* Connect (retrying up to ~10 s while the server starts), to the first node of C->db_node that answers. Every (re)connected session gets the statement
 * budget C->db_statement_seconds as max_statement_time, a row-lock wait a second shorter (so a held row
 * lock is named as such), and a read timeout a few seconds longer (for a server that stopped answering). */
int db_open(const config *c);
void db_close(void);

/* Run a SELECT; every row lands in OUT as strings copied into A. SQL must be a
 * string literal: statements are prepared once per connection and cached by it. */
int db_query(arena *a, db_rows *out, const char *sql, const db_val *args, int nargs);
/* db_query for a SELECT whose columns are read by name: an enum next to the statement whose last member
 * counts them (enum { SUB_ID, SUB_NAME, SUB_NCOLS }; db_get(&r, 0, SUB_NAME)). A statement that returns
 * another number of columns is a programming error (DB_BUG, logged with the statement) on its first run,
 * so adding a column to the SELECT without its name cannot shift the others silently. */
int db_query_cols(arena *a, db_rows *out, int ncols, const char *sql, const db_val *args, int nargs);
/* db_query and db_query_cols for a read that tolerates a little lag (a list, a search, the catalog; never a
 * rights check, and never what the request just wrote): on a cluster it goes to another node than the
 * writes (DB_NODES' next one, or the next alive), without waiting for that node to have applied the latest
 * write-sets, so the cluster's nodes share the reads. Inside a transaction, or with one node, the same as
 * db_query. */
int db_query_lagging(arena *a, db_rows *out, const char *sql, const db_val *args, int nargs);
int db_query_cols_lagging(arena *a, db_rows *out, int ncols, const char *sql, const db_val *args, int nargs);
/* Run an INSERT/UPDATE/DELETE. AFFECTED and INSERT_ID may be NULL.
 * Returns DB_DUPLICATE on a unique-key violation. */
int db_exec(const char *sql, const db_val *args, int nargs,
	    unsigned long long *affected, unsigned long long *insert_id);

const char *db_get(const db_rows *r, int row, int col);     /* "" for NULL */
long long db_get_int(const db_rows *r, int row, int col);
bool db_is_null(const db_rows *r, int row, int col);

/* Run FN inside BEGIN..COMMIT; rolls back when it returns non-zero (and returns that code). When the
 * connection is lost before COMMIT (the node may have left: the replay goes to the next), or a deadlock or
 * Galera certification conflict (1213) rolls it back, the whole transaction is replayed, up to a few times
 * with a short growing wait between (then DB_ERROR of kind DB_CONFLICT), so FN must only touch the database and its own CTX (and write its audit row
 * itself: see audit()). DB_UNKNOWN when the connection died during or after COMMIT. A statement that ran
 * out of time (DB_TIMEOUT) rolls the transaction back and it is never replayed: it would only run as long.
 * A transaction that changed rows must have written its audit row (audit_change calls db_audited): one that
 * did not is rolled back and answers DB_BUG, logged with its first changing statement. */
int db_transaction(int (*fn)(void *ctx), void *ctx);
/* db_transaction for the machinery that is not a change of the product's state and has no audit row: the
 * mailer claiming messages, the audit purge, the demo seed. */
int db_transaction_unaudited(int (*fn)(void *ctx), void *ctx);
/* The running transaction wrote its audit row (audit_chain.c). */
void db_audited(void);
/* True while a db_transaction's FN runs: lets a helper (audit_change) join the caller's transaction. */
bool db_in_transaction(void);

const char *db_last_error(void);
/* The kind of the last failure: DB_ERROR, DB_DUPLICATE, DB_UNKNOWN, DB_BUG, DB_TIMEOUT or
 * DB_CONFLICT; DB_OK when none (or when db_last_error()'s text was cleared). Lets a page that only saw "failed" tell a 500 from a 503. */
int db_last_error_kind(void);
unsigned long db_reconnects(void);  /* how many times the connection was re-established */
int db_node(void);         /* the index in DB_NODES of the node in use (0 with one server) */
int db_reader_node(void);  /* the same for db_query_lagging's reads */

/* For the request log: forget the last error as a request starts; the error of this request, or "". */
void db_request_begin(void);
const char *db_request_error(void);

#endif

/* db.c: MySQL/MariaDB access: cached prepared statements (least recently used closed when full), bound
 * parameters, string results, transactions that tell a rollback from an unknown outcome, an explicit
 * reconnect-re-prepare-retry-once when the server has gone away, a time budget per statement that is never
 * retried, and errors sorted into "the server is unavailable", "the statement took too long" and "the
 * statement is wrong". With several nodes (DB_NODES, a MariaDB Galera cluster) it connects to the first live
 * one, moves to the next when a node is lost or leaves the cluster, returns to the first a while after it is
 * back, and replays a transaction whole, a few times, when a certification conflict or deadlock rolls it back;
 * reads that tolerate a little lag (db_query_lagging) go over a second connection to another node. */
#include "db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#define MAX_STMTS 256
#define MAX_ARGS 64  /* the API's page of 50 customers is one IN list */
#define MAX_COLS 64
#define CELL_BUF 256
/* a transaction is run at most this many times when a deadlock, a Galera certification conflict or a lost
 * node rolls it back; each replay waits a little longer (TX_BACKOFF_MS times 1, 3, 9, plus jitter) */
#define TX_ATTEMPTS 4
#define TX_BACKOFF_MS 5
#define NODE_DOWN_MS 2000       /* a node that failed is not tried again for this long (unless all failed) */
#define FAILBACK_MS 30000       /* on another node than the first, the first is tried again this often */

struct cached_stmt {
	const char *sql;
	MYSQL_STMT *stmt;
	unsigned long long used;  /* use_clock at its last use */
};

/* A connection and the statements prepared on it. A worker has one for everything; on a cluster a second
 * one, the reader, takes the reads that tolerate a little lag (db_query_lagging) to another node. */
typedef struct {
	MYSQL *conn;
	struct cached_stmt stmts[MAX_STMTS];
	int nstmts;
	int home;                /* the node it prefers: 0 for the main connection, the next one for the reader */
	int node;                /* the node of CONN (or the next to try): an index into cfg.db_node */
	long long failback_at;   /* when to try HOME again (0: on it) */
	bool causal;             /* its reads wait for the node to have applied every earlier write-set */
} db_link;

static db_link main_link = { .causal = true }, reader_link;
static db_link *cur = &main_link;  /* the link the next statement goes to */
static config cfg;
static unsigned long long use_clock;
static bool in_tx;
/* The running transaction's first statement that changed rows, and whether its audit row was written
 * (db_audited): a change saved without its audit row is a programming error, refused at COMMIT. */
static const char *tx_first_change;
static bool tx_audited;
static bool tx_timed_out;  /* a statement of the running transaction ran out of time: never replay it */
static bool tx_doomed;     /* the server rolled the running transaction back: it is replayed, whatever FN returns */
static struct timespec statement_started;
static unsigned long reconnects;
static long long node_down_until[CONFIG_MAX_NODES];  /* CLOCK_MONOTONIC ms, for both links */
static char last_error[768];
static int last_kind;

static void close_link(void);

/* Remember and log a failure of KIND; a programming error names its statement. Returns KIND. */
static int set_error_kind(int kind, const char *sql, const char *what, unsigned err, const char *msg)
{
	char code[16] = "";
	if (err)  /* 0 for what db.c itself found wrong */
		snprintf(code, sizeof code, "%u ", err);
	last_kind = kind;
	if (kind == DB_BUG)
		snprintf(last_error, sizeof last_error, "programming error: %s: %s%s; statement: %.400s", what, code, msg,
			 sql ? sql : "");
	else if (kind == DB_TIMEOUT)
		snprintf(last_error, sizeof last_error, "statement took too long (DB_STATEMENT_SECONDS=%d), stopped and "
			 "not retried: %s: %s%s; statement: %.400s", cfg.db_statement_seconds, what, code, msg,
			 sql ? sql : "");
	else
		snprintf(last_error, sizeof last_error, "%s: %s%s", what, code, msg);
	fprintf(stderr, "db: %s\n", last_error);
	return kind;
}

static void set_error(const char *what, unsigned err, const char *msg)
{
	set_error_kind(DB_ERROR, NULL, what, err, msg);
}

const char *db_last_error(void)
{
	return last_error;
}

int db_last_error_kind(void)
{
	return last_error[0] ? last_kind : DB_OK;
}

unsigned long db_reconnects(void)
{
	return reconnects;
}

/* Galera: the node is not part of the cluster's primary component (it lost its peers, or is still joining),
 * so it refuses every statement (1047, "WSREP has not yet prepared node for application use"): the
 * statement did not run, and another node must take it. */
static bool node_left_cluster(unsigned err)
{
	return err == ER_UNKNOWN_COM_ERROR;
}

/* Errors after which the connection (and every statement handle on it) is dead. */
static bool is_connection_error(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_COMMANDS_OUT_OF_SYNC ||
	       err == ER_UNKNOWN_STMT_HANDLER || err == CR_SERVER_LOST_EXTENDED ||
	       err == ER_CONNECTION_KILLED || err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ || node_left_cluster(err);
}

/* Errors that prove the statement never ran, so even a write may be sent again. */
static bool never_executed(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == ER_UNKNOWN_STMT_HANDLER || err == ER_CONNECTION_KILLED ||
	       err == 4031 || node_left_cluster(err);
}

/* Errors that say the server is unavailable, overloaded or busy right now, not that the statement is wrong. */
static bool is_transient(unsigned err)
{
	switch (err) {
	case CR_NO_PREPARE_STMT: case CR_PARAMS_NOT_BOUND: case CR_INVALID_PARAMETER_NO: case CR_INVALID_BUFFER_USE:
	case CR_UNSUPPORTED_PARAM_TYPE: case CR_NO_STMT_METADATA: case CR_NOT_IMPLEMENTED:
		return false;  /* the client library refusing how the code uses a statement */
	case ER_DISK_FULL: case ER_OUTOFMEMORY: case ER_CON_COUNT_ERROR: case ER_OUT_OF_RESOURCES:
	case ER_SERVER_SHUTDOWN: case ER_TOO_MANY_USER_CONNECTIONS: case ER_LOCK_WAIT_TIMEOUT: case ER_LOCK_TABLE_FULL:
	case ER_LOCK_DEADLOCK: case ER_OPTION_PREVENTS_STATEMENT: case ER_QUERY_INTERRUPTED:
	case ER_TOO_MANY_CONCURRENT_TRXS: case ER_STATEMENT_TIMEOUT:
		return true;
	}
	return (err >= CR_MIN_ERROR && err <= CR_MAX_ERROR) || is_connection_error(err) ||
	       (err >= ER_ABORTING_CONNECTION && err <= ER_NET_WRITE_INTERRUPTED);
}

/* A statement failed with ERR: DB_ERROR when the server is to blame, DB_BUG when the code is. */
static int statement_error(const char *sql, const char *what, unsigned err, const char *msg)
{
	return set_error_kind(is_transient(err) ? DB_ERROR : DB_BUG, sql, what, err, msg);
}

/* The client's read timeout: past the server's own budget, so that normally MariaDB stops the statement and
 * says so (1969); this one only fires when the server itself stopped answering. */
static unsigned read_timeout_seconds(void)
{
	return (unsigned)cfg.db_statement_seconds + 5;
}

/* A row lock wait ends a second before the budget (at most the 5 s it always was, at least 1 s). */
static int lock_wait_seconds(void)
{
	int wait = cfg.db_statement_seconds - 1;
	return wait < 1 ? 1 : wait > 5 ? 5 : wait;
}

static double seconds_since_statement_started(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - statement_started.tv_sec) + (double)(now.tv_nsec - statement_started.tv_nsec) / 1e9;
}

/* ERR ended the statement because it ran out of time: MariaDB's max_statement_time, or a connection lost
 * only after the whole read timeout (the server may still be running it: sending it again would double the
 * load that made it slow). */
static bool timed_out(unsigned err)
{
	return err == ER_STATEMENT_TIMEOUT ||
	       ((err == CR_SERVER_LOST || err == CR_SERVER_LOST_EXTENDED) &&
		seconds_since_statement_started() >= (double)read_timeout_seconds() - 0.5);
}

/* Record a statement stopped by its budget; the connection is closed when the read timeout left it unusable.
 * Returns DB_ERROR, what the callers already treat as "not done, try later". */
static int statement_timed_out(const char *sql, const char *what, unsigned err, const char *msg)
{
	char no_answer[64];
	if (err != ER_STATEMENT_TIMEOUT) {  /* the server stopped answering: say so, not only "lost connection" */
		snprintf(no_answer, sizeof no_answer, "%s, no answer within %u s", what, read_timeout_seconds());
		what = no_answer;
	}
	set_error_kind(DB_TIMEOUT, sql, what, err, msg);
	if (in_tx)
		tx_timed_out = true;
	if (err != ER_STATEMENT_TIMEOUT)
		close_link();
	return DB_ERROR;
}

static void drop_statements(void)
{
	for (int i = 0; i < cur->nstmts; i++)
		if (cur->stmts[i].stmt)
			mysql_stmt_close(cur->stmts[i].stmt);
	cur->nstmts = 0;
}

static MYSQL_STMT *cached_statement(const char *sql)
{
	for (int i = 0; i < cur->nstmts; i++)
		if (cur->stmts[i].sql == sql) {
			cur->stmts[i].used = ++use_clock;
			return cur->stmts[i].stmt;
		}
	return NULL;
}

/* Keep ST for SQL; when the cache is full the least recently used statement is closed on the server
 * (the one being cached now is the most recent, so no caller still holds the closed one). */
static void cache_statement(const char *sql, MYSQL_STMT *st)
{
	int slot = cur->nstmts;
	if (cur->nstmts == MAX_STMTS) {
		slot = 0;
		for (int i = 1; i < cur->nstmts; i++)
			if (cur->stmts[i].used < cur->stmts[slot].used)
				slot = i;
		mysql_stmt_close(cur->stmts[slot].stmt);
	} else {
		cur->nstmts++;
	}
	cur->stmts[slot] = (struct cached_stmt){ sql, st, ++use_clock };
}

/* Run SQL straight on the current link's connection, outside the statement cache (for the few statements of
 * a node check); column COL of its first row into OUT ("" when it has none). 0, or the MySQL error. */
static unsigned direct_value(const char *sql, int col, char *out, size_t cap)
{
	out[0] = '\0';
	MYSQL_STMT *st = mysql_stmt_init(cur->conn);
	if (!st)
		return CR_OUT_OF_MEMORY;
	unsigned err = 0;
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) || mysql_stmt_execute(st)) {
		err = mysql_stmt_errno(st);
	} else if (mysql_stmt_field_count(st) > (unsigned)col) {
		char bufs[2][128];
		unsigned long lens[2] = { 0 };
		MYSQL_BIND b[2];
		memset(b, 0, sizeof b);
		for (int c = 0; c < 2; c++) {
			b[c].buffer_type = MYSQL_TYPE_STRING;
			b[c].buffer = bufs[c];
			b[c].buffer_length = sizeof bufs[c];
			b[c].length = &lens[c];
		}
		if (mysql_stmt_field_count(st) > 2 || mysql_stmt_bind_result(st, b))
			err = CR_UNSUPPORTED_PARAM_TYPE;
		else if (mysql_stmt_fetch(st) == 0)
			snprintf(out, cap, "%.*s", (int)(lens[col] < sizeof bufs[col] ? lens[col] : sizeof bufs[col]), bufs[col]);
		mysql_stmt_free_result(st);
	}
	mysql_stmt_close(st);
	return err;
}

/* Galera: this link's node is in the cluster's primary component and synced (wsrep_ready), read without
 * waiting for it; then the link's reads are made causal again where they are (wsrep_sync_wait=1: a user whose
 * next request lands on a worker of another node still sees what they just saved). */
static bool node_ready(void)
{
	char v[16];
	bool ready = direct_value("SET SESSION wsrep_sync_wait = 0", 0, v, sizeof v) == 0 &&
		     direct_value("SHOW STATUS LIKE 'wsrep_ready'", 1, v, sizeof v) == 0 && !strcmp(v, "ON");
	if (ready && cur->causal)
		ready = direct_value("SET SESSION wsrep_sync_wait = 1", 0, v, sizeof v) == 0;
	return ready;
}

/* Connecting to node I failed with ERR and MSG: said (naming the node on a cluster), the handle closed; -1. */
static int connect_failed(int i, unsigned err, const char *msg)
{
	char what[200] = "connect";
	if (cfg.n_db_nodes > 1)
		snprintf(what, sizeof what, "connect to node %d (%.128s:%d)", i + 1, cfg.db_node[i].host, cfg.db_node[i].port);
	set_error(what, err, msg);
	mysql_close(cur->conn);
	cur->conn = NULL;
	return -1;
}

static int connect_node(int i)
{
	cur->conn = mysql_init(NULL);
	if (!cur->conn)
		return -1;
	unsigned int connect_timeout = cfg.n_db_nodes > 1 ? 2 : 5, rw_timeout = read_timeout_seconds();
	mysql_options(cur->conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
	mysql_options(cur->conn, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
	mysql_options(cur->conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
	mysql_options(cur->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Every statement of this session gets the budget (a metadata lock wait, a scan of a million rows, a
	 * COMMIT held by a backup lock): MariaDB stops it with 1969 and the page says it took too long, long
	 * before nginx's 504. A row lock held elsewhere ends a second earlier as ER_LOCK_WAIT_TIMEOUT, so the
	 * page and the log name the lock; InnoDB's 50 s default would outlast everything. Per session, not
	 * global: migrations and bulk loads through the mariadb client are not limited. */
	char init[192];
	snprintf(init, sizeof init, "SET time_zone = '+00:00', max_statement_time = %d, innodb_lock_wait_timeout = %d",
		 cfg.db_statement_seconds, lock_wait_seconds());
	mysql_options(cur->conn, MYSQL_INIT_COMMAND, init);
	const config_server *n = &cfg.db_node[i];
	const char *host = n->socket[0] ? NULL : n->host;
	const char *sock = n->socket[0] ? n->socket : NULL;
	if (!mysql_real_connect(cur->conn, host, cfg.db_user, cfg.db_password, cfg.db_name, (unsigned)n->port, sock, 0))
		return connect_failed(i, mysql_errno(cur->conn), mysql_error(cur->conn));
	if (cfg.n_db_nodes > 1 && !node_ready())
		return connect_failed(i, 0, "the node is not ready: it is not in the cluster's primary component "
				      "(joining, a donor, or cut off from its peers)");
	return 0;
}

/* Connect to the current node, else to the next ones in turn: first those not failed lately, then any. */
static int connect_once(void)
{
	long long now = monotonic_ms();
	bool tried[CONFIG_MAX_NODES] = { false };
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < cfg.n_db_nodes; k++) {
			int i = (cur->node + k) % cfg.n_db_nodes;
			if (tried[i] || (pass == 0 && node_down_until[i] > now))
				continue;
			tried[i] = true;
			if (connect_node(i) == 0) {
				if (i != cur->node && cfg.n_db_nodes > 1)
					fprintf(stderr, "db: worker %ld: %son database node %d (%s:%d) now\n", (long)getpid(),
						cur == &reader_link ? "lag-tolerant reads " : "", i + 1,
						cfg.db_node[i].host, cfg.db_node[i].port);
				cur->node = i;
				node_down_until[i] = 0;
				cur->failback_at = i == cur->home ? 0 : now + FAILBACK_MS;
				return 0;
			}
			node_down_until[i] = now + NODE_DOWN_MS;
		}
	return -1;
}

/* The node of the connection failed: the next connection starts with the node after it. */
static void node_failed(void)
{
	if (cfg.n_db_nodes < 2)
		return;
	node_down_until[cur->node] = monotonic_ms() + NODE_DOWN_MS;
	cur->node = (cur->node + 1) % cfg.n_db_nodes;
}

static int reconnect(void)
{
	close_link();
	reconnects++;
	return connect_once();
}

int db_open(const config *c)
{
	cfg = *c;
	db_close();
	cur = &main_link;
	main_link.home = main_link.node = 0;
	reader_link.home = reader_link.node = cfg.n_db_nodes > 1 ? 1 : 0;
	main_link.failback_at = reader_link.failback_at = 0;
	memset(node_down_until, 0, sizeof node_down_until);
	for (int i = 0; i < 100; i++) {
		if (connect_once() == 0)
			return 0;
		usleep(100 * 1000);
	}
	return -1;
}

/* Close the current link's connection (the next statement on it reconnects). */
static void close_link(void)
{
	drop_statements();
	if (cur->conn)
		mysql_close(cur->conn);
	cur->conn = NULL;
}

void db_close(void)
{
	db_link *was = cur;
	cur = &reader_link;
	close_link();
	cur = &main_link;
	close_link();
	cur = was;
}

/* The cached handle for SQL, prepared on first use on this connection. */
static MYSQL_STMT *statement(const char *sql, unsigned *err)
{
	MYSQL_STMT *cached = cached_statement(sql);
	if (cached)
		return cached;
	*err = CR_SERVER_GONE_ERROR;
	if (!cur->conn)
		return NULL;
	MYSQL_STMT *st = mysql_stmt_init(cur->conn);
	if (!st)
		return NULL;
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql))) {
		*err = mysql_stmt_errno(st);
		statement_error(sql, "prepare", *err, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	cache_statement(sql, st);
	return st;
}

static int bind_args(const char *sql, MYSQL_STMT *st, const db_val *args, int nargs, MYSQL_BIND *b,
		     unsigned long *lens)
{
	if (nargs > MAX_ARGS || (unsigned long)nargs != mysql_stmt_param_count(st)) {
		char what[64];
		snprintf(what, sizeof what, "%d arguments for %lu placeholders", nargs, mysql_stmt_param_count(st));
		return set_error_kind(DB_BUG, sql, "bind", 0, what);
	}
	memset(b, 0, sizeof *b * (size_t)(nargs ? nargs : 1));
	for (int i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case DB_T_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		case DB_T_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)args[i].s;
			lens[i] = (unsigned long)args[i].len;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		}
	}
	if (nargs && mysql_stmt_bind_param(st, b))
		return set_error_kind(DB_BUG, sql, "bind", mysql_stmt_errno(st), mysql_stmt_error(st));
	return 0;
}

/* Prepare (cached), bind and execute; on a dead connection reconnect and try
 * once more when that is safe. Returns the executed handle or NULL. */
static MYSQL_STMT *run(const char *sql, const db_val *args, int nargs, bool is_read, int *rc)
{
	MYSQL_BIND b[MAX_ARGS];
	unsigned long lens[MAX_ARGS];
	*rc = DB_ERROR;
	for (int attempt = 0; attempt < 2; attempt++) {
		unsigned err = 0;
		if (!cur->conn && in_tx) {
			*rc = DB_RETRY;
			return NULL;
		}
		if (!cur->conn && reconnect() != 0)
			return NULL;
		MYSQL_STMT *st = statement(sql, &err);
		if (st) {
			if (bind_args(sql, st, args, nargs, b, lens) != 0) {
				*rc = DB_BUG;
				return NULL;
			}
			clock_gettime(CLOCK_MONOTONIC, &statement_started);
			if (mysql_stmt_execute(st) == 0) {
				*rc = DB_OK;
				return st;
			}
			err = mysql_stmt_errno(st);
			if (timed_out(err)) {  /* it would only run as long again: never retried, in a transaction or not */
				*rc = statement_timed_out(sql, "execute", err, mysql_stmt_error(st));
				return NULL;
			}
			if (err == ER_DUP_ENTRY) {  /* an expected answer (unique keys guard races), not a fault */
				snprintf(last_error, sizeof last_error, "duplicate: %s", mysql_stmt_error(st));
				last_kind = *rc = DB_DUPLICATE;
				return NULL;
			}
			statement_error(sql, "execute", err, mysql_stmt_error(st));
		}
		/* on a node that has left the cluster a causal read waits for write-sets that never come, until the
		 * lock wait ends it: not a row lock, the node is gone (as 1047 says of the other statements) */
		if (err == ER_LOCK_WAIT_TIMEOUT && cfg.n_db_nodes > 1 && cur->conn && !node_ready())
			err = ER_UNKNOWN_COM_ERROR;
		/* a deadlock, or a Galera certification conflict (which can end the transaction at any statement,
		 * its prepare included): the transaction is rolled back, and replayed whole */
		if (err == ER_LOCK_DEADLOCK && in_tx) {
			*rc = DB_RETRY;
			tx_doomed = true;  /* what FN might still run would start a new transaction of its own */
			return NULL;
		}
		if (!is_connection_error(err)) {
			*rc = is_transient(err) ? DB_ERROR : DB_BUG;
			return NULL;
		}
		if (node_left_cluster(err))
			node_failed();
		if (in_tx) {
			/* the transaction is gone with the connection: the caller replays it whole */
			*rc = DB_RETRY;
			close_link();
			return NULL;
		}
		bool prepared = st != NULL;
		if (attempt == 1 || (prepared && !is_read && !never_executed(err)) || reconnect() != 0)
			return NULL;
	}
	return NULL;
}

int db_exec(const char *sql, const db_val *args, int nargs,
	    unsigned long long *affected, unsigned long long *insert_id)
{
	int rc;
	MYSQL_STMT *st = run(sql, args, nargs, false, &rc);
	if (!st)
		return rc;
	my_ulonglong changed = mysql_stmt_affected_rows(st);
	if (in_tx && !tx_first_change && changed != (my_ulonglong)-1 && changed > 0)
		tx_first_change = sql;
	if (affected)
		*affected = (unsigned long long)changed;
	if (insert_id)
		*insert_id = (unsigned long long)mysql_stmt_insert_id(st);
	return DB_OK;
}

int db_query(arena *a, db_rows *out, const char *sql, const db_val *args, int nargs)
{
	int rc;
	out->ncols = out->nrows = 0;
	out->cells = NULL;
	MYSQL_STMT *st = run(sql, args, nargs, true, &rc);
	if (!st)
		return rc;
	int ncols = (int)mysql_stmt_field_count(st);
	if (ncols == 0 || ncols > MAX_COLS) {
		mysql_stmt_free_result(st);
		if (ncols == 0)
			return DB_OK;
		char what[64];
		snprintf(what, sizeof what, "%d result columns, at most %d", ncols, MAX_COLS);
		return set_error_kind(DB_BUG, sql, "result", 0, what);
	}
	MYSQL_BIND b[MAX_COLS];
	unsigned long lens[MAX_COLS];
	my_bool nulls[MAX_COLS], errors[MAX_COLS];
	char *bufs = arena_alloc(a, (size_t)ncols * CELL_BUF);
	memset(b, 0, sizeof b[0] * (size_t)ncols);
	for (int c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs + (size_t)c * CELL_BUF;
		b[c].buffer_length = CELL_BUF;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errors[c];
	}
	if (mysql_stmt_bind_result(st, b) || mysql_stmt_store_result(st)) {
		/* the rows come after the execute's answer, so the budget may end the statement here too */
		unsigned err = mysql_stmt_errno(st);
		char msg[512];
		snprintf(msg, sizeof msg, "%s", mysql_stmt_error(st));
		mysql_stmt_free_result(st);
		if (timed_out(err))
			return statement_timed_out(sql, "result", err, msg);
		int kind = statement_error(sql, "result", err, msg);
		if (err == ER_LOCK_DEADLOCK && in_tx) {  /* a certification conflict can surface with the rows too */
			tx_doomed = true;
			return DB_RETRY;
		}
		if (is_connection_error(err))
			close_link();  /* half a result left on it: the next call starts on a new connection */
		return kind;
	}
	size_t nrows = (size_t)mysql_stmt_num_rows(st);
	out->ncols = ncols;
	out->cells = arena_alloc(a, (nrows ? nrows : 1) * (size_t)ncols * sizeof(char *));
	int f;
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if ((size_t)out->nrows >= nrows)
			break;
		char **row = out->cells + (size_t)out->nrows * (size_t)ncols;
		for (int c = 0; c < ncols; c++) {
			if (nulls[c]) {
				row[c] = NULL;
			} else if (lens[c] < CELL_BUF) {
				row[c] = arena_strndup(a, b[c].buffer, lens[c]);
			} else {
				/* longer than the first buffer: fetch the whole value */
				char *big = arena_alloc(a, lens[c] + 1);
				MYSQL_BIND one = { 0 };
				unsigned long len = 0;
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = big;
				one.buffer_length = lens[c] + 1;
				one.length = &len;
				mysql_stmt_fetch_column(st, &one, (unsigned)c, 0);
				big[len < lens[c] ? len : lens[c]] = '\0';
				row[c] = big;
			}
		}
		out->nrows++;
	}
	mysql_stmt_free_result(st);
	return DB_OK;
}

int db_query_cols(arena *a, db_rows *out, int ncols, const char *sql, const db_val *args, int nargs)
{
	int rc = db_query(a, out, sql, args, nargs);
	if (rc != DB_OK || out->ncols == ncols)
		return rc;
	char what[80];
	snprintf(what, sizeof what, "the statement returns %d columns, the code names %d", out->ncols, ncols);
	out->nrows = 0;
	return set_error_kind(DB_BUG, sql, "result", 0, what);
}

const char *db_get(const db_rows *r, int row, int col)
{
	if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
		return "";
	const char *v = r->cells[row * r->ncols + col];
	return v ? v : "";
}

long long db_get_int(const db_rows *r, int row, int col)
{
	return strtoll(db_get(r, row, col), NULL, 10);
}

bool db_is_null(const db_rows *r, int row, int col)
{
	if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
		return true;
	return r->cells[row * r->ncols + col] == NULL;
}

static int set_autocommit(bool on)
{
	if (!cur->conn && reconnect() != 0)
		return -1;
	if (mysql_autocommit(cur->conn, on)) {
		unsigned err = mysql_errno(cur->conn);
		set_error("autocommit", err, mysql_error(cur->conn));
		if (node_left_cluster(err))
			node_failed();  /* the reconnection goes to the next node */
		if (!is_connection_error(err) || reconnect() != 0 || mysql_autocommit(cur->conn, on))
			return -1;
	}
	return 0;
}

/* COMMIT: DB_OK, DB_RETRY when the server says it rolled back (a deadlock, e.g. a Galera certification
 * conflict: replay it), DB_UNKNOWN for anything else, such as a connection that died before the answer. */
static int commit(void)
{
	if (!cur->conn)
		return DB_RETRY;  /* lost before COMMIT was sent: the server rolls it back */
	if (mysql_commit(cur->conn) == 0)
		return DB_OK;
	unsigned err = mysql_errno(cur->conn);
	if (err == ER_LOCK_DEADLOCK) {
		set_error("commit", err, mysql_error(cur->conn));
		return DB_RETRY;
	}
	/* the COMMIT may have landed before the connection died: report it, never replay it */
	set_error_kind(DB_UNKNOWN, NULL, "commit, outcome unknown", err, mysql_error(cur->conn));
	close_link();
	return DB_UNKNOWN;
}

bool db_in_transaction(void)
{
	return in_tx;
}

void db_audited(void)
{
	tx_audited = true;
}

/* FN changed rows but wrote no audit row: refuse to save it, loudly, unless the caller said so. */
static int audit_missing(bool audit_required)
{
	if (!audit_required || !tx_first_change || tx_audited)
		return DB_OK;
	return set_error_kind(DB_BUG, tx_first_change, "commit", 0, "refused: the transaction changed rows "
			      "without writing its audit row");
}

/* Before replay number ATTEMPT (1, 2, ...): a short wait that grows, with jitter, so that two transactions
 * that collided do not collide again in step. */
static void backoff(int attempt)
{
	long ms = TX_BACKOFF_MS;
	for (int i = 1; i < attempt; i++)
		ms *= 3;
	ms += (long)randombytes_uniform(TX_BACKOFF_MS);
	usleep((useconds_t)ms * 1000);
}

static int transaction(int (*fn)(void *ctx), void *ctx, bool audit_required)
{
	int rc = DB_ERROR;
	for (int attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
		if (attempt)
			backoff(attempt);
		if (set_autocommit(false) != 0)
			return DB_ERROR;
		in_tx = true;
		tx_timed_out = false;
		tx_doomed = false;
		tx_first_change = NULL;
		tx_audited = false;
		rc = fn(ctx);
		in_tx = false;
		if (tx_doomed && rc >= 0)
			rc = DB_RETRY;  /* FN went on (or refused) after the rollback: nothing of it may be committed */
		if (rc == DB_OK)
			rc = audit_missing(audit_required);
		if (rc == DB_OK) {
			rc = commit();
		} else if (cur->conn) {
			mysql_rollback(cur->conn);
		}
		if (cur->conn)
			set_autocommit(true);
		if (rc == DB_RETRY && tx_timed_out)
			rc = DB_ERROR;  /* what came after the timed-out statement found its connection closed: no replay */
		if (rc != DB_RETRY)
			return rc;
		if (!cur->conn && reconnect() != 0)
			return DB_ERROR;
	}
	/* rolled back every time: nothing was saved, and the page says why */
	char why[600];
	snprintf(why, sizeof why, "%.500s", last_error);
	snprintf(last_error, sizeof last_error, "transaction rolled back %d times, not saved; the last time: %.500s",
		 TX_ATTEMPTS, why);
	last_kind = DB_CONFLICT;
	fprintf(stderr, "db: %s\n", last_error);
	return DB_ERROR;
}

int db_transaction(int (*fn)(void *ctx), void *ctx)
{
	return transaction(fn, ctx, true);
}

int db_transaction_unaudited(int (*fn)(void *ctx), void *ctx)
{
	return transaction(fn, ctx, false);
}

void db_request_begin(void)
{
	last_error[0] = '\0';
	/* on another node than its own since that one failed: now and then, between requests, a link goes back
	 * to it, so that the workers write through one node again (fewer certification conflicts) */
	db_link *links[] = { &main_link, &reader_link };
	for (int i = 0; i < 2 && !in_tx; i++) {
		cur = links[i];
		if (cur->failback_at && monotonic_ms() >= cur->failback_at) {
			cur->failback_at = 0;
			cur->node = cur->home;
			close_link();
		}
	}
	cur = &main_link;
}

int db_node(void)
{
	return main_link.node;
}

int db_reader_node(void)
{
	return reader_link.node;
}

/* The link a lag-tolerant read goes to: the reader outside a transaction on a cluster, else the main one. */
static db_link *lagging_link(void)
{
	return in_tx || cfg.n_db_nodes < 2 ? &main_link : &reader_link;
}

int db_query_lagging(arena *a, db_rows *out, const char *sql, const db_val *args, int nargs)
{
	cur = lagging_link();
	int rc = db_query(a, out, sql, args, nargs);
	cur = &main_link;
	return rc;
}

int db_query_cols_lagging(arena *a, db_rows *out, int ncols, const char *sql, const db_val *args, int nargs)
{
	cur = lagging_link();
	int rc = db_query_cols(a, out, ncols, sql, args, nargs);
	cur = &main_link;
	return rc;
}

const char *db_request_error(void)
{
	return last_error;
}

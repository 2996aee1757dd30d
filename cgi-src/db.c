/* db.c: MySQL/MariaDB access: cached prepared statements, bound parameters, string results,
 * transactions, and an explicit reconnect-re-prepare-retry-once when the server has gone away */
#include "db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_STMTS 256
#define MAX_ARGS 32
#define CELL_BUF 256

struct cached_stmt {
	const char *sql;
	MYSQL_STMT *stmt;
};

static MYSQL *conn;
static config cfg;
static struct cached_stmt stmts[MAX_STMTS];
static int nstmts;
static bool in_tx;
static unsigned long reconnects;
static char last_error[512];

static void set_error(const char *what, unsigned err, const char *msg)
{
	snprintf(last_error, sizeof last_error, "%s: %u %s", what, err, msg);
	fprintf(stderr, "db: %s\n", last_error);
}

const char *db_last_error(void)
{
	return last_error;
}

unsigned long db_reconnects(void)
{
	return reconnects;
}

/* Errors after which the connection (and every statement handle on it) is dead. */
static bool is_connection_error(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_COMMANDS_OUT_OF_SYNC ||
	       err == ER_UNKNOWN_STMT_HANDLER || err == CR_SERVER_LOST_EXTENDED ||
	       err == ER_CONNECTION_KILLED || err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

/* Errors that prove the statement never ran, so even a write may be sent again. */
static bool never_executed(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == ER_UNKNOWN_STMT_HANDLER || err == ER_CONNECTION_KILLED ||
	       err == 4031;
}

static void drop_statements(void)
{
	for (int i = 0; i < nstmts; i++)
		if (stmts[i].stmt)
			mysql_stmt_close(stmts[i].stmt);
	nstmts = 0;
}

static int connect_once(void)
{
	conn = mysql_init(NULL);
	if (!conn)
		return -1;
	unsigned int connect_timeout = 5, rw_timeout = 30;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	const char *host = cfg.db_host[0] ? cfg.db_host : NULL;
	const char *sock = cfg.db_host[0] ? NULL : cfg.db_socket;
	if (!mysql_real_connect(conn, host, cfg.db_user, cfg.db_password, cfg.db_name,
				(unsigned)cfg.db_port, sock, 0)) {
		set_error("connect", mysql_errno(conn), mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

static int reconnect(void)
{
	drop_statements();
	if (conn)
		mysql_close(conn);
	conn = NULL;
	reconnects++;
	return connect_once();
}

int db_open(const config *c)
{
	cfg = *c;
	for (int i = 0; i < 100; i++) {
		if (connect_once() == 0)
			return 0;
		usleep(100 * 1000);
	}
	return -1;
}

void db_close(void)
{
	drop_statements();
	if (conn)
		mysql_close(conn);
	conn = NULL;
}

/* The cached handle for SQL, prepared on first use on this connection. */
static MYSQL_STMT *statement(const char *sql, unsigned *err)
{
	for (int i = 0; i < nstmts; i++)
		if (stmts[i].sql == sql)
			return stmts[i].stmt;
	*err = CR_SERVER_GONE_ERROR;
	if (!conn)
		return NULL;
	MYSQL_STMT *st = mysql_stmt_init(conn);
	if (!st)
		return NULL;
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql))) {
		*err = mysql_stmt_errno(st);
		set_error("prepare", *err, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	if (nstmts < MAX_STMTS)
		stmts[nstmts++] = (struct cached_stmt){ sql, st };
	return st;
}

static int bind_args(MYSQL_STMT *st, const db_val *args, int nargs, MYSQL_BIND *b, unsigned long *lens)
{
	if (nargs > MAX_ARGS || (unsigned long)nargs != mysql_stmt_param_count(st)) {
		snprintf(last_error, sizeof last_error, "bind: %d arguments for %lu placeholders",
			 nargs, mysql_stmt_param_count(st));
		fprintf(stderr, "db: %s\n", last_error);
		return -1;
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
	if (nargs && mysql_stmt_bind_param(st, b)) {
		set_error("bind", mysql_stmt_errno(st), mysql_stmt_error(st));
		return -1;
	}
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
		if (!conn && in_tx) {
			*rc = DB_RETRY;
			return NULL;
		}
		if (!conn && reconnect() != 0)
			return NULL;
		MYSQL_STMT *st = statement(sql, &err);
		if (st) {
			if (bind_args(st, args, nargs, b, lens) != 0)
				return NULL;
			if (mysql_stmt_execute(st) == 0) {
				*rc = DB_OK;
				return st;
			}
			err = mysql_stmt_errno(st);
			if (err == ER_DUP_ENTRY) {  /* an expected answer (unique keys guard races), not a fault */
				snprintf(last_error, sizeof last_error, "duplicate: %s", mysql_stmt_error(st));
				*rc = DB_DUPLICATE;
				return NULL;
			}
			set_error("execute", err, mysql_stmt_error(st));
			if (err == ER_LOCK_DEADLOCK && in_tx) {
				*rc = DB_RETRY;
				return NULL;
			}
		}
		if (!is_connection_error(err))
			return NULL;
		if (in_tx) {
			/* the transaction is gone with the connection: the caller replays it whole */
			*rc = DB_RETRY;
			db_close();
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
	if (affected)
		*affected = (unsigned long long)mysql_stmt_affected_rows(st);
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
	if (ncols == 0 || ncols > 64) {
		mysql_stmt_free_result(st);
		return ncols == 0 ? DB_OK : DB_ERROR;
	}
	MYSQL_BIND b[64];
	unsigned long lens[64];
	my_bool nulls[64], errors[64];
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
		set_error("result", mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_free_result(st);
		return DB_ERROR;
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
	if (!conn && reconnect() != 0)
		return -1;
	if (mysql_autocommit(conn, on)) {
		unsigned err = mysql_errno(conn);
		set_error("autocommit", err, mysql_error(conn));
		if (!is_connection_error(err) || reconnect() != 0 || mysql_autocommit(conn, on))
			return -1;
	}
	return 0;
}

int db_transaction(int (*fn)(void *ctx), void *ctx)
{
	int rc = DB_ERROR;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (set_autocommit(false) != 0)
			return DB_ERROR;
		in_tx = true;
		rc = fn(ctx);
		in_tx = false;
		if (rc == DB_OK) {
			if (mysql_commit(conn)) {
				/* a lost COMMIT may or may not have landed: report, never replay */
				set_error("commit", mysql_errno(conn), mysql_error(conn));
				rc = DB_ERROR;
			}
		} else if (conn) {
			mysql_rollback(conn);
		}
		if (conn)
			set_autocommit(true);
		if (rc != DB_RETRY)
			return rc;
		if (!conn && reconnect() != 0)
			return DB_ERROR;
	}
	return rc == DB_RETRY ? DB_ERROR : rc;
}

void db_request_begin(void)
{
	last_error[0] = '\0';
}

const char *db_request_error(void)
{
	return last_error;
}

#!/usr/bin/env bash
# ctl.sh: start, stop and migrate Channel Center's own MariaDB, memcached, nginx and FastCGI
# workers, all under VAR_DIR; no system service or system configuration is touched. With DB_NODES,
# MEMCACHED_SERVERS, APP_POOLS or MAILERS in the configuration it runs the cluster layout on this machine:
# the Galera nodes (scripts/galera.sh), the memcached servers (scripts/memcached-pool.sh), the app pools and
# mailers (scripts/pools.sh) it names.
# usage: scripts/ctl.sh [--conf FILE] start|stop|migrate|seed|restart-workers|restart-memcached|status
#        scripts/ctl.sh [--conf FILE] start-SERVICE|stop-SERVICE   (SERVICE: mariadb, memcached, nginx, workers, mailer;
#        the fault tests stop one service and bring it back)
#        scripts/ctl.sh [--conf FILE] cluster-status | stop-db-node|kill-db-node|start-db-node N |
#        stop-memcached-server|start-memcached-server|hang-memcached-server|resume-memcached-server N |
#        kill-pool|start-pool N   (the failover tests; N counts from 1)
#        scripts/ctl.sh cluster-conf   writes VAR_DIR/cluster/channel.conf, the loopback cluster of make
#        run-cluster, and prints its path
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONF="$ROOT/channel.conf"
if [ "${1:-}" = "--conf" ]; then CONF=$2; shift 2; fi
CMD=${1:-status}

# shellcheck disable=SC1090
. "$CONF"
case "$VAR_DIR" in /*) VAR=$VAR_DIR ;; *) VAR="$ROOT/$VAR_DIR" ;; esac
mkdir -p "$VAR"/{run,log,mysql-tmp,nginx,mail}
[ -n "${DB_NODES:-}" ] || mkdir -p "$VAR/mysql"
VAR=$(cd "$VAR" && pwd)
ME=$(id -un)
SOCK="$VAR/run/mysqld.sock"
MC_SOCK=${MEMCACHED_SOCKET:-$VAR/run/memcached.sock}
case "$MC_SOCK" in /*) ;; *) MC_SOCK="$ROOT/$MC_SOCK" ;; esac
export CHANNEL_CONF="$VAR/run/channel.conf"

log() { echo "ctl: $*"; }
conf_has() { grep -q "^$1=" "$CONF"; }

# PID runs (a zombie does not: here nothing may reap an orphan for seconds)
running() {
	kill -0 "$1" 2>/dev/null || return 1
	local st
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	[ "${st%% *}" != Z ]
}

# A pid file that outlived its process (a reboot, a kill -9) may name an unrelated process by now: the
# process counts only if it is the program the file is for, so start starts it and stop kills nothing else.
# NEEDLE, when given, must be in its command line or environment too (which node, server or pool it is:
# several run the same program).
alive() {
	[ -f "$1" ] || return 1
	local pid program cmd needle=${2:-}
	pid=$(cat "$1")
	running "$pid" || return 1
	case "$(basename "$1" .pid)" in
	mysqld | mysqld-*) program=mariadbd ;; supervisor | supervisor-*) program=channel-supervisor ;;
	mailer | mailer-*) program=channel-mailer ;; memcached | memcached-*) program=memcached ;;
	*) program=$(basename "$1" .pid) ;;
	esac
	cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	[[ $cmd == *"$program"* ]] || return 1
	[ -n "$needle" ] || return 0
	[[ $cmd == *"$needle"* ]] || tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF -- "$needle"
}

# shellcheck source=scripts/galera.sh
. "$ROOT/scripts/galera.sh"
# shellcheck source=scripts/memcached-pool.sh
. "$ROOT/scripts/memcached-pool.sh"
# shellcheck source=scripts/pools.sh
. "$ROOT/scripts/pools.sh"

# The workers read this: the user's file plus absolute paths (owner-only: it holds the database password).
# A key the file repeats (the cluster layout overrides channel.conf's) is written once, with its last value.
write_runtime_conf() {
	rm -f "$CHANNEL_CONF.tmp"
	(umask 077; {
		grep -v -e '^ROOT_DIR=' -e '^VAR_DIR=' -e '^DB_SOCKET=' -e '^MEMCACHED_SOCKET=' -e '^MEMCACHED_SERVERS=' \
			-e '^FCGI_SOCKET=' -e '^MAIL_DIR=' -e '^DB_NODES=' -e '^APP_POOLS=' -e '^MAILERS=' "$CONF"
		echo "ROOT_DIR=$ROOT"
		echo "VAR_DIR=$VAR"
		echo "DB_SOCKET=$SOCK"
		echo "MEMCACHED_SOCKET=$MC_SOCK"
		! conf_has DB_NODES || echo "DB_NODES=${DB_NODES:-}"
		! conf_has MEMCACHED_SERVERS || echo "MEMCACHED_SERVERS=$(mc_servers_resolved)"
		! conf_has APP_POOLS || echo "APP_POOLS=$APP_POOLS"
		! conf_has MAILERS || echo "MAILERS=$MAILERS"
		[ "$APP_POOLS" != 1 ] || [ -z "${FCGI_SOCKET:-}" ] || echo "FCGI_SOCKET=$(pool_sock 1)"
		[ -z "${MAIL_DIR:-}" ] || echo "MAIL_DIR=$(mail_base)"
	} >"$CHANNEL_CONF.tmp")
	mv "$CHANNEL_CONF.tmp" "$CHANNEL_CONF"
}

sql_admin() { mariadb --no-defaults --socket="$SOCK" -u "$ME" "$@"; }

# A size as channel.conf writes it (4096, 512K, 128M, 4G) in MiB; refuses anything else by name.
size_mb() {
	local key=$1 v=$2 n unit
	[[ $v =~ ^([0-9]+)([KkMmGg]?)$ ]] || { log "$key=$v in $CONF: expected a size such as 128M or 4G" >&2; return 1; }
	n=${BASH_REMATCH[1]} unit=${BASH_REMATCH[2],,}
	case "$unit" in k) echo $((n / 1024)) ;; m) echo "$n" ;; g) echo $((n * 1024)) ;; *) echo $((n / 1048576)) ;; esac
}

# InnoDB's sizes from the configuration: the buffer pool holds the working set (128M for make run and the
# tests; several GB for a million customers), and the redo log a quarter of it unless set, so bulk loads
# do not stall on checkpoints.
innodb_size_options() {
	local pool redo
	pool=$(size_mb DB_BUFFER_POOL "${DB_BUFFER_POOL:-128M}") || return 1
	if [ -n "${DB_LOG_FILE_SIZE:-}" ]; then redo=$(size_mb DB_LOG_FILE_SIZE "$DB_LOG_FILE_SIZE") || return 1
	else redo=$((pool / 4)); fi
	[ "$redo" -ge 32 ] || redo=32
	INNODB_SIZES=(--innodb-buffer-pool-size="${pool}M" --innodb-log-file-size="${redo}M")
}

# The app's database and its user (on the single server, or once through a live Galera node).
app_database_sql() {
	cat <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
SQL
}

start_mariadb() {
	if [ -n "${DB_NODES:-}" ]; then start_db_cluster; return; fi
	[ -n "${DB_HOST:-}" ] && return 0  # an outside server: nothing to start
	if alive "$VAR/run/mysqld.pid"; then log "MariaDB already running"; return 0; fi
	innodb_size_options || return 1
	if [ ! -d "$VAR/mysql/mysql" ]; then
		log "creating the MariaDB data directory in $VAR/mysql"
		mariadb-install-db --no-defaults --datadir="$VAR/mysql" --user="$ME" \
			--auth-root-authentication-method=socket --skip-test-db >"$VAR/log/mysql-install.log" 2>&1 || {
			cat "$VAR/log/mysql-install.log" >&2; return 1; }
	fi
	mariadbd --no-defaults --datadir="$VAR/mysql" --socket="$SOCK" --port="$DB_PORT" \
		--bind-address=127.0.0.1 --pid-file="$VAR/run/mysqld.pid" --log-error="$VAR/log/mysqld.log" \
		--user="$ME" "${INNODB_SIZES[@]}" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--tmpdir="$VAR/mysql-tmp" \
		--max-connections=200 --skip-name-resolve </dev/null >/dev/null 2>&1 &
	for _ in $(seq 1 300); do
		mariadb-admin --no-defaults --socket="$SOCK" -u "$ME" ping >/dev/null 2>&1 && break
		sleep 0.1
	done
	mariadb-admin --no-defaults --socket="$SOCK" -u "$ME" ping >/dev/null 2>&1 || {
		log "MariaDB did not start; see $VAR/log/mysqld.log"; tail -20 "$VAR/log/mysqld.log" >&2; return 1; }
	app_database_sql | sql_admin
	log "MariaDB on $SOCK and 127.0.0.1:$DB_PORT"
}

# Where the one-time statements go: the outside server, the local one's socket, or with DB_NODES the first
# node of the list that answers and is ready (any node of a Galera cluster takes writes and replicates them).
DB_TARGET=()
pick_db_target() {
	local i
	if [ -n "${DB_NODES:-}" ]; then
		for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
			[ "$(MYSQL_PWD=$DB_PASSWORD mariadb --no-defaults -h "$(node_host "$i")" -P "$(node_port "$i")" -u "$DB_USER" \
				--connect-timeout=3 -N -B -e "SHOW GLOBAL STATUS LIKE 'wsrep_ready'" 2>/dev/null | cut -f2)" = ON ] || continue
			DB_TARGET=(-h "$(node_host "$i")" -P "$(node_port "$i")")
			DB_TARGET_NAME="database node $i"
			return 0
		done
		log "no node of DB_NODES=$DB_NODES answers and is ready" >&2
		return 1
	elif [ -n "${DB_HOST:-}" ]; then DB_TARGET=(-h "$DB_HOST" -P "$DB_PORT") DB_TARGET_NAME="$DB_HOST:$DB_PORT"
	else DB_TARGET=(--socket="$SOCK") DB_TARGET_NAME=MariaDB; fi
}

app_sql() {
	[ ${#DB_TARGET[@]} -gt 0 ] || pick_db_target || return 1
	MYSQL_PWD=$DB_PASSWORD mariadb --no-defaults "${DB_TARGET[@]}" -u "$DB_USER" "$DB_NAME" "$@"
}

# On Galera a read right after another node's commit may not see it yet: wait for the node to apply it
CAUSAL_READ=""
[ -z "${DB_NODES:-}" ] || CAUSAL_READ="SET SESSION wsrep_sync_wait = 1;"

# Claim migration V for this host (CLAIM=mine) or learn that another host applied it (CLAIM=done): a claim is
# a row of schema_migrations without applied_at, and the primary key lets one claim win. Two hosts inserting
# it at once on one server: the second gets 1062; on two Galera nodes: one of the two commits fails
# certification (1213) or finds the row (1062). GET_LOCK would not do: on Galera it locks one node only.
# A claim another host holds is waited for (MIGRATION_WAIT_SECONDS, default 600).
claim_migration() {
	local v=$1 me=$2 row err said="" until=$((SECONDS + ${MIGRATION_WAIT_SECONDS:-600}))
	while :; do
		row=$(app_sql -N -B -e "$CAUSAL_READ SELECT IF(applied_at IS NULL, CONCAT('claimed ', IFNULL(claimed_by, '?'), ' at ',
			IFNULL(claimed_at, '?')), 'applied') FROM schema_migrations WHERE version = '$v'") || return 1
		case "$row" in
		applied) CLAIM="done"; return 0 ;;
		"claimed $me at "*) CLAIM=mine; return 0 ;;
		"")
			err=$(app_sql -e "INSERT INTO schema_migrations (version, claimed_by, claimed_at)
				VALUES ('$v', '$me', UTC_TIMESTAMP())" 2>&1) ||
				[[ $err == *"ERROR 1062"* || $err == *"ERROR 1213"* ]] || { log "cannot claim $v: $err" >&2; return 1; }
			;;
		*)
			[ -n "$said" ] || { log "$v is being applied by ${row#claimed }: waiting for it"; said=1; }
			[ $SECONDS -lt "$until" ] || {
				log "$v is still claimed (${row#claimed }) after ${MIGRATION_WAIT_SECONDS:-600}s: if that host is gone, see what of $v it applied, then DELETE its row of schema_migrations and start again" >&2
				return 1; }
			sleep 1
			;;
		esac
	done
}

# Apply schema/NNN_*.sql in order, once for all the hosts that start on one database: schema_migrations
# records what ran, claimed before it is applied (claim_migration). A migration that fails gives its claim
# back, so the next start tries it again.
migrate() {
	local applied=0 me f v
	pick_db_target || return 1
	app_sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (
		version VARCHAR(255) NOT NULL PRIMARY KEY, applied_at DATETIME NULL,
		claimed_by VARCHAR(255) NULL, claimed_at DATETIME NULL) ENGINE=InnoDB"
	# a table made before claims: applied_at was required and nothing was claimed
	if [ "$(app_sql -N -e "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()
		AND table_name = 'schema_migrations' AND column_name = 'claimed_by'")" = 0 ]; then
		app_sql -e "ALTER TABLE schema_migrations MODIFY applied_at DATETIME NULL,
			ADD COLUMN IF NOT EXISTS claimed_by VARCHAR(255) NULL, ADD COLUMN IF NOT EXISTS claimed_at DATETIME NULL"
	fi
	me="$(hostname):$$"
	for f in "$ROOT"/schema/[0-9]*.sql; do
		v=$(basename "$f")
		claim_migration "$v" "$me" || return 1
		[ "$CLAIM" = mine ] || continue
		log "applying $v${DB_NODES:+ through $DB_TARGET_NAME}"
		if ! app_sql <"$f"; then
			app_sql -e "DELETE FROM schema_migrations WHERE version = '$v' AND claimed_by = '$me' AND applied_at IS NULL" || true
			log "$v failed: its claim is given back; fix it and start again" >&2
			return 1
		fi
		app_sql -e "UPDATE schema_migrations SET applied_at = UTC_TIMESTAMP() WHERE version = '$v'"
		applied=$((applied + 1))
	done
	log "migrations: $applied applied"
	check_primary_keys
}

# Galera certifies and applies rows by their primary key and replicates InnoDB only: name any table of the
# schema without a primary key or on another engine.
check_primary_keys() {
	local bad
	bad=$(app_sql -N -B -e "SELECT CONCAT(t.table_name, IF(t.engine <> 'InnoDB', CONCAT(' (', t.engine, ')'), ' (no primary key)'))
		FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
		AND (t.engine <> 'InnoDB' OR NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c
			WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'))
		ORDER BY t.table_name") || return 1
	if [ -n "$bad" ]; then
		log "tables Galera cannot replicate safely (it needs InnoDB and a primary key): $(echo "$bad" | paste -sd, - | sed 's/,/, /g')" >&2
	elif [ -n "${DB_NODES:-}" ]; then
		log "every table has a primary key and is InnoDB, as Galera needs"
	fi
}

# On a unix socket only its owner may open (whoever can write to memcached could otherwise put anything in
# it); a non-empty MEMCACHED_HOST is an outside server: nothing to start. MEMCACHED_SERVERS: the pool's.
start_memcached() {
	if [ ${#MC_LIST[@]} -gt 0 ]; then start_memcached_pool; return; fi
	if [ -n "${MEMCACHED_HOST:-}" ]; then log "memcached: the outside server $MEMCACHED_HOST:$MEMCACHED_PORT"; return 0; fi
	if alive "$VAR/run/memcached.pid"; then log "memcached already running"; return 0; fi
	rm -f "$MC_SOCK"
	memcached -d -s "$MC_SOCK" -a 0700 -U 0 -m 64 -u "$ME" -P "$VAR/run/memcached.pid"
	for _ in $(seq 1 50); do alive "$VAR/run/memcached.pid" && [ -S "$MC_SOCK" ] && break; sleep 0.1; done
	log "memcached on $MC_SOCK"
}

# Stop before anything starts on a configuration the workers would refuse (an unknown key, a value too long).
check_config() {
	[ -x "$ROOT/bin/channel-supervisor" ] || { log "bin/channel-supervisor is missing: run make all first"; return 1; }
	{ "$ROOT/bin/channel-supervisor" --check-config "$CONF" >/dev/null && innodb_size_options; } || {
		log "fix $CONF and start again"; return 1; }
}

start_nginx() {
	if alive "$VAR/run/nginx.pid"; then log "nginx already running"; return 0; fi
	write_runtime_conf
	# the app's error page and security headers, for the pages and files nginx serves itself
	"$ROOT/bin/channel-worker" --nginx-files "$VAR/run/nginx-files" || {
		log "cannot write nginx's error pages into $VAR/run/nginx-files"; return 1; }
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user root;"
	sed -e "s#@VAR@#$VAR#g" -e "s#@ROOT@#$ROOT#g" -e "s#@HTTP_HOST@#$HTTP_HOST#g" \
		-e "s#@HTTP_PORT@#$HTTP_PORT#g" -e "s#@USER_LINE@#$user_line#g" \
		-e "s#@API_ADDRESS_RATE@#${API_ADDRESS_RATE_PER_SECOND:-20}#g" \
		-e "s#@API_ADDRESS_BURST@#$((${API_ADDRESS_RATE_PER_SECOND:-20} * 2))#g" \
		-e "s#@UPSTREAM_SERVERS@#$(nginx_upstream_servers)#" \
		"$ROOT/nginx/nginx.conf.in" >"$VAR/run/nginx.conf"
	nginx -p "$VAR/nginx" -c "$VAR/run/nginx.conf" -e "$VAR/log/nginx-error.log"
	log "nginx on http://$HTTP_HOST:$HTTP_PORT/"
}

stop_pid() {
	local name=$1 pidfile=$2
	alive "$pidfile" || { rm -f "$pidfile"; return 0; }
	local pid; pid=$(cat "$pidfile")
	kill -TERM "$pid" 2>/dev/null || true
	kill -CONT "$pid" 2>/dev/null || true  # a hung (SIGSTOPped) server acts on SIGTERM once it runs again
	for _ in $(seq 1 300); do running "$pid" || break; sleep 0.1; done
	# still there after 30 s: killed with its process group (a supervisor's workers are in it, started by setsid)
	if running "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
	rm -f "$pidfile"
	log "$name stopped"
}

# the loopback cluster of make run-cluster: channel.conf with lines that override the keys it leaves at their
# single-host values; its own VAR_DIR, so both layouts keep their data
cluster_conf_path() { echo "$VAR/cluster/channel.conf"; }
write_cluster_conf() {
	local c="$VAR/cluster" f
	f=$(cluster_conf_path)
	mkdir -p "$c"
	rm -f "$f.tmp"
	(umask 077; {
		cat "$CONF"
		echo
		echo "# make run-cluster (scripts/ctl.sh cluster-conf): the loopback cluster; a key repeated below wins"
		echo "VAR_DIR=$c"
		[ -n "${DB_NODES:-}" ] || echo "DB_NODES=127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313"
		[ ${#MC_LIST[@]} -gt 0 ] || echo "MEMCACHED_SERVERS=$c/run/memcached-1.sock,$c/run/memcached-2.sock"
		[ "$APP_POOLS" -gt 1 ] || echo "APP_POOLS=2"
		[ "$MAILERS" -gt 1 ] || echo "MAILERS=2"
	} >"$f.tmp")
	mv "$f.tmp" "$f"
	echo "$f"
}

stop_all() {
	stop_all_mailers
	stop_all_pools
	stop_pid nginx "$VAR/run/nginx.pid"
	stop_pid memcached "$VAR/run/memcached.pid"
	stop_memcached_pool
	stop_db_cluster
	stop_pid MariaDB "$VAR/run/mysqld.pid"
}

stop_db() { if [ -n "${DB_NODES:-}" ]; then stop_db_cluster; else stop_pid MariaDB "$VAR/run/mysqld.pid"; fi; }
stop_memcached() { stop_pid memcached "$VAR/run/memcached.pid"; stop_memcached_pool; }

ARG=${2:-}
case "$CMD" in
start)
	check_config
	write_runtime_conf
	start_mariadb
	migrate
	start_memcached
	write_pool_confs
	start_nginx
	start_pools
	start_mailers
	;;
migrate) migrate ;;
seed) write_runtime_conf; "$ROOT/bin/channel-seed" ;;
stop) stop_all ;;
restart-workers)  # after a rebuild
	check_config
	write_runtime_conf
	stop_all_mailers
	stop_all_pools
	start_pools
	start_mailers
	;;
restart-memcached)
	stop_memcached
	start_memcached
	;;
start-mariadb) start_mariadb ;;
stop-mariadb) stop_db ;;
start-memcached) start_memcached ;;
stop-memcached) stop_memcached ;;
start-nginx) check_config; start_nginx ;;
stop-nginx) stop_pid nginx "$VAR/run/nginx.pid" ;;
start-workers) check_config; write_runtime_conf; start_pools ;;
stop-workers) stop_all_pools ;;
start-mailer) write_runtime_conf; start_mailers ;;
stop-mailer) stop_all_mailers ;;
stop-db-node) stop_db_node "$ARG" ;;
kill-db-node) kill_db_node "$ARG" ;;
start-db-node) start_db_node "$ARG" ;;
stop-memcached-server) stop_memcached_server "$ARG" ;;
start-memcached-server) start_memcached_server "$ARG" ;;
hang-memcached-server) hang_memcached_server "$ARG" ;;
resume-memcached-server) resume_memcached_server "$ARG" ;;
kill-pool) kill_pool "$ARG" ;;
start-pool) check_config; write_runtime_conf; start_pool "$ARG" ;;
cluster-conf) write_cluster_conf ;;
cluster-conf-path) cluster_conf_path ;;
cluster-status)
	if [ -n "${DB_NODES:-}" ]; then db_cluster_status
	elif alive "$VAR/run/mysqld.pid"; then echo "mysqld: running"; else echo "mysqld: stopped"; fi
	if [ ${#MC_LIST[@]} -gt 0 ]; then mc_pool_status
	elif alive "$VAR/run/memcached.pid"; then echo "memcached: running"; else echo "memcached: stopped"; fi
	pools_status
	if alive "$VAR/run/nginx.pid"; then echo "nginx: running"; else echo "nginx: stopped"; fi
	;;
status)
	for s in supervisor mailer nginx memcached mysqld; do
		if alive "$VAR/run/$s.pid"; then echo "$s: running"; else echo "$s: stopped"; fi
	done
	# the cluster layout's numbered ones
	for f in "$VAR"/run/supervisor-*.pid "$VAR"/run/mailer-*.pid "$VAR"/run/memcached-*.pid "$VAR"/run/mysqld-*.pid; do
		[ -e "$f" ] || continue
		if alive "$f"; then echo "$(basename "$f" .pid): running"; else echo "$(basename "$f" .pid): stopped"; fi
	done
	;;
*)
	echo "usage: $0 [--conf FILE] start|stop|migrate|seed|restart-workers|restart-memcached|status|cluster-status|cluster-conf" >&2
	echo "       $0 [--conf FILE] stop-db-node|kill-db-node|start-db-node|stop-memcached-server|start-memcached-server|hang-memcached-server|resume-memcached-server|kill-pool|start-pool N" >&2
	exit 2 ;;
esac

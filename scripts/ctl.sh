#!/usr/bin/env bash
# ctl.sh: start, stop and migrate Channel Center's own MariaDB, memcached, nginx and FastCGI
# workers, all under VAR_DIR; no system service or system configuration is touched.
# usage: scripts/ctl.sh [--conf FILE] start|stop|migrate|seed|restart-workers|restart-memcached|status
#        scripts/ctl.sh [--conf FILE] start-SERVICE|stop-SERVICE   (SERVICE: mariadb, memcached, nginx, workers, mailer;
#        the fault tests stop one service and bring it back)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONF="$ROOT/channel.conf"
if [ "${1:-}" = "--conf" ]; then CONF=$2; shift 2; fi
CMD=${1:-status}

# shellcheck disable=SC1090
. "$CONF"
case "$VAR_DIR" in /*) VAR=$VAR_DIR ;; *) VAR="$ROOT/$VAR_DIR" ;; esac
mkdir -p "$VAR"/{run,log,mysql,mysql-tmp,nginx,mail}
VAR=$(cd "$VAR" && pwd)
ME=$(id -un)
SOCK="$VAR/run/mysqld.sock"
MC_SOCK=${MEMCACHED_SOCKET:-$VAR/run/memcached.sock}
case "$MC_SOCK" in /*) ;; *) MC_SOCK="$ROOT/$MC_SOCK" ;; esac
export CHANNEL_CONF="$VAR/run/channel.conf"

log() { echo "ctl: $*"; }

# A pid file that outlived its process (a reboot, a kill -9) may name an unrelated process by now: the
# process counts only if it is the program the file is for, so start starts it and stop kills nothing else.
alive() {
	[ -f "$1" ] || return 1
	local pid program cmd
	pid=$(cat "$1")
	kill -0 "$pid" 2>/dev/null || return 1
	case "$(basename "$1")" in
	mysqld.pid) program=mariadbd ;; supervisor.pid) program=channel-supervisor ;; mailer.pid) program=channel-mailer ;;
	*) program=$(basename "$1" .pid) ;;
	esac
	cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	[[ $cmd == *"$program"* ]]
}

# The workers read this: the user's file plus absolute paths (owner-only: it holds the database password).
write_runtime_conf() {
	rm -f "$CHANNEL_CONF.tmp"
	(umask 077; {
		grep -v -e '^ROOT_DIR=' -e '^VAR_DIR=' -e '^DB_SOCKET=' -e '^MEMCACHED_SOCKET=' "$CONF"
		echo "ROOT_DIR=$ROOT"
		echo "VAR_DIR=$VAR"
		echo "DB_SOCKET=$SOCK"
		echo "MEMCACHED_SOCKET=$MC_SOCK"
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

start_mariadb() {
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
	sql_admin <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
SQL
	log "MariaDB on $SOCK and 127.0.0.1:$DB_PORT"
}

app_sql() {
	if [ -n "${DB_HOST:-}" ]; then
		mariadb --no-defaults -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -p"$DB_PASSWORD" "$DB_NAME" "$@"
	else
		mariadb --no-defaults --socket="$SOCK" -u "$DB_USER" -p"$DB_PASSWORD" "$DB_NAME" "$@"
	fi
}

# Apply schema/NNN_*.sql in order; schema_migrations records what ran.
migrate() {
	app_sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (
		version VARCHAR(255) NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL) ENGINE=InnoDB"
	local applied=0
	for f in "$ROOT"/schema/[0-9]*.sql; do
		v=$(basename "$f")
		n=$(app_sql -N -e "SELECT COUNT(*) FROM schema_migrations WHERE version = '$v'")
		[ "$n" = 0 ] || continue
		log "applying $v"
		app_sql <"$f"
		app_sql -e "INSERT INTO schema_migrations (version, applied_at) VALUES ('$v', UTC_TIMESTAMP())"
		applied=$((applied + 1))
	done
	log "migrations: $applied applied"
}

# On a unix socket only its owner may open (whoever can write to memcached could otherwise put anything in
# it); a non-empty MEMCACHED_HOST is an outside server: nothing to start.
start_memcached() {
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
		"$ROOT/nginx/nginx.conf.in" >"$VAR/run/nginx.conf"
	nginx -p "$VAR/nginx" -c "$VAR/run/nginx.conf" -e "$VAR/log/nginx-error.log"
	log "nginx on http://$HTTP_HOST:$HTTP_PORT/"
}

start_workers() {
	if alive "$VAR/run/supervisor.pid"; then log "workers already running"; return 0; fi
	setsid "$ROOT/bin/channel-supervisor" "$ROOT/bin/channel-worker" \
		</dev/null >>"$VAR/log/workers.log" 2>&1 &
	echo $! >"$VAR/run/supervisor.pid"
	# a deadline, not a count: with no worker accepting, nginx holds each probe until its own timeout
	local until=$((SECONDS + 10))
	while [ $SECONDS -lt $until ]; do
		curl -fsS --max-time 1 -o /dev/null "http://$HTTP_HOST:$HTTP_PORT/healthz" 2>/dev/null && {
			log "workers up"; return 0; }
		alive "$VAR/run/supervisor.pid" || break
		sleep 0.1
	done
	log "the workers did not come up; the end of $VAR/log/workers.log says:"
	tail -20 "$VAR/log/workers.log" >&2
	return 1
}

start_mailer() {
	if alive "$VAR/run/mailer.pid"; then log "mailer already running"; return 0; fi
	setsid "$ROOT/bin/channel-mailer" </dev/null >>"$VAR/log/mailer.log" 2>&1 &
	echo $! >"$VAR/run/mailer.pid"
	log "mailer writing to ${SMTP_RELAY:-$VAR/mail/}"
}

stop_pid() {
	local name=$1 pidfile=$2
	alive "$pidfile" || { rm -f "$pidfile"; return 0; }
	local pid; pid=$(cat "$pidfile")
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	rm -f "$pidfile"
	log "$name stopped"
}

case "$CMD" in
start)
	check_config
	write_runtime_conf
	start_mariadb
	migrate
	start_memcached
	start_nginx
	start_workers
	start_mailer
	;;
migrate) migrate ;;
seed) write_runtime_conf; "$ROOT/bin/channel-seed" ;;
stop)
	stop_pid mailer "$VAR/run/mailer.pid"
	stop_pid workers "$VAR/run/supervisor.pid"
	stop_pid nginx "$VAR/run/nginx.pid"
	stop_pid memcached "$VAR/run/memcached.pid"
	stop_pid MariaDB "$VAR/run/mysqld.pid"
	;;
restart-workers)  # after a rebuild
	check_config
	write_runtime_conf
	stop_pid mailer "$VAR/run/mailer.pid"
	stop_pid workers "$VAR/run/supervisor.pid"
	start_workers
	start_mailer
	;;
restart-memcached)
	stop_pid memcached "$VAR/run/memcached.pid"
	start_memcached
	;;
start-mariadb) start_mariadb ;;
stop-mariadb) stop_pid MariaDB "$VAR/run/mysqld.pid" ;;
start-memcached) start_memcached ;;
stop-memcached) stop_pid memcached "$VAR/run/memcached.pid" ;;
start-nginx) check_config; start_nginx ;;
stop-nginx) stop_pid nginx "$VAR/run/nginx.pid" ;;
start-workers) check_config; write_runtime_conf; start_workers ;;
stop-workers) stop_pid workers "$VAR/run/supervisor.pid" ;;
start-mailer) write_runtime_conf; start_mailer ;;
stop-mailer) stop_pid mailer "$VAR/run/mailer.pid" ;;
status)
	for s in supervisor mailer nginx memcached mysqld; do
		if alive "$VAR/run/$s.pid"; then echo "$s: running"; else echo "$s: stopped"; fi
	done
	;;
*) echo "usage: $0 [--conf FILE] start|stop|migrate|seed|restart-workers|restart-memcached|status" >&2; exit 2 ;;
esac

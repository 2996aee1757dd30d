# pools.sh: the app pools (APP_POOLS supervisors, each with its workers and FastCGI socket, standing for app
# hosts) and the mailers (MAILERS): their runtime configurations, start, stop, kill, status. Sourced by
# scripts/ctl.sh (VAR, ROOT, CHANNEL_CONF, log, alive, stop_pid). Pool and mailer N count from 1. With one
# pool and one mailer the names are those of a single host: supervisor.pid, workers.log, fcgi.sock (or
# FCGI_SOCKET), mailer.pid, mailer.log, the runtime configuration VAR_DIR/run/channel.conf.
# shellcheck shell=bash

APP_POOLS=${APP_POOLS:-1}
MAILERS=${MAILERS:-1}
[[ $APP_POOLS =~ ^[1-9][0-9]*$ ]] || { log "APP_POOLS=$APP_POOLS in $CONF: expected 1 or more" >&2; exit 1; }
[[ $MAILERS =~ ^[0-9]+$ ]] || { log "MAILERS=$MAILERS in $CONF: expected 0 or more" >&2; exit 1; }

abs_path() { case "$1" in /*) echo "$1" ;; *) echo "$ROOT/$1" ;; esac; }

pool_conf() { if [ "$APP_POOLS" = 1 ]; then echo "$CHANNEL_CONF"; else echo "$VAR/run/channel-pool-$1.conf"; fi; }
pool_pidfile() { if [ "$APP_POOLS" = 1 ]; then echo "$VAR/run/supervisor.pid"; else echo "$VAR/run/supervisor-$1.pid"; fi; }
pool_log() { if [ "$APP_POOLS" = 1 ]; then echo "$VAR/log/workers.log"; else echo "$VAR/log/workers-$1.log"; fi; }
pool_sock() {
	if [ "$APP_POOLS" != 1 ]; then echo "$VAR/run/fcgi-$1.sock"
	elif [ -n "${FCGI_SOCKET:-}" ]; then abs_path "$FCGI_SOCKET"
	else echo "$VAR/run/fcgi.sock"; fi
}
pool_alive() { alive "$(pool_pidfile "$1")" "CHANNEL_CONF=$(pool_conf "$1")"; }

check_pool() {
	[[ ${1:-} =~ ^[1-9][0-9]*$ ]] && [ "$1" -le "$APP_POOLS" ] || {
		log "no app pool ${1:-(none given)}: APP_POOLS=$APP_POOLS (count from 1)" >&2; return 1; }
}

# nginx's upstream: one server per pool. max_fails=1 fail_timeout=1s: a pool that refused a connection is
# skipped for a second, then tried again (with one pool nginx ignores both and always tries it).
nginx_upstream_servers() {
	local i out=""
	for i in $(seq 1 "$APP_POOLS"); do
		out="$out${out:+\\n        }server unix:$(pool_sock "$i") max_fails=1 fail_timeout=1s;"
	done
	echo "$out"
}

# each pool's runtime configuration: the workers' one with the pool's own FastCGI socket
write_pool_confs() {
	local i
	[ "$APP_POOLS" = 1 ] && return 0
	for i in $(seq 1 "$APP_POOLS"); do
		rm -f "$(pool_conf "$i").tmp"
		(umask 077; { grep -v '^FCGI_SOCKET=' "$CHANNEL_CONF"; echo "FCGI_SOCKET=$(pool_sock "$i")"; } >"$(pool_conf "$i").tmp")
		mv "$(pool_conf "$i").tmp" "$(pool_conf "$i")"
	done
}

# Start pool N and wait until its own socket answers /healthz (one pool: through nginx, as a user would).
start_pool() {
	local n=$1 until
	check_pool "$n" || return 1
	if pool_alive "$n"; then
		if [ "$APP_POOLS" = 1 ]; then log "workers already running"; else log "app pool $n already running"; fi
		return 0
	fi
	write_pool_confs
	CHANNEL_CONF=$(pool_conf "$n") setsid "$ROOT/bin/channel-supervisor" "$ROOT/bin/channel-worker" \
		</dev/null >>"$(pool_log "$n")" 2>&1 &
	echo $! >"$(pool_pidfile "$n")"
	# a deadline, not a count: with no worker accepting, nginx holds each probe until its own timeout
	until=$((SECONDS + 10))
	while [ $SECONDS -lt $until ]; do
		if [ "$APP_POOLS" = 1 ]; then
			curl -fsS --max-time 1 -o /dev/null "http://$HTTP_HOST:$HTTP_PORT/healthz" 2>/dev/null && {
				log "workers up"; return 0; }
		else
			"$ROOT/scripts/fcgi_probe.py" "$(pool_sock "$n")" /healthz 2>/dev/null && {
				log "app pool $n up on $(pool_sock "$n")"; return 0; }
		fi
		pool_alive "$n" || break
		sleep 0.1
	done
	if [ "$APP_POOLS" = 1 ]; then log "the workers did not come up; the end of $(pool_log "$n") says:"
	else log "app pool $n did not come up; the end of $(pool_log "$n") says:"; fi
	tail -20 "$(pool_log "$n")" >&2
	return 1
}

start_pools() {
	local i
	for i in $(seq 1 "$APP_POOLS"); do start_pool "$i" || return 1; done
}

stop_pool() { check_pool "$1" && stop_pid "$([ "$APP_POOLS" = 1 ] && echo workers || echo "app pool $1")" "$(pool_pidfile "$1")"; }

# SIGKILL to the supervisor's whole process group (it is a session leader, by setsid): the supervisor and
# its workers die at once, as when a host loses power; requests in flight there get no answer.
kill_pool() {
	local n=$1 pid
	check_pool "$n" || return 1
	pool_alive "$n" || { log "app pool $n is not running"; return 0; }
	pid=$(cat "$(pool_pidfile "$n")")
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
	local left p
	for _ in $(seq 1 100); do
		left=0
		for p in $(pgrep -g "$pid" || true); do running "$p" && left=1; done
		[ $left = 1 ] || break
		sleep 0.05
	done
	log "app pool $n killed (supervisor $pid and its workers)"
}

# every supervisor a pid file names, whatever APP_POOLS says now
stop_all_pools() {
	local f
	for f in "$VAR"/run/supervisor.pid "$VAR"/run/supervisor-*.pid; do
		[ -e "$f" ] || continue
		case "$(basename "$f")" in supervisor.pid) stop_pid workers "$f" ;; *) stop_pid "app pool $(basename "$f" .pid | sed 's/^supervisor-//')" "$f" ;; esac
	done
}

mailer_conf() { if [ "$MAILERS" -le 1 ]; then echo "$CHANNEL_CONF"; else echo "$VAR/run/channel-mailer-$1.conf"; fi; }
mailer_pidfile() { if [ "$MAILERS" -le 1 ]; then echo "$VAR/run/mailer.pid"; else echo "$VAR/run/mailer-$1.pid"; fi; }
mailer_log() { if [ "$MAILERS" -le 1 ]; then echo "$VAR/log/mailer.log"; else echo "$VAR/log/mailer-$1.log"; fi; }
mail_base() { if [ -n "${MAIL_DIR:-}" ]; then abs_path "$MAIL_DIR"; else echo "$VAR/mail"; fi; }
# with several mailers each writes its own directory, so a message two of them sent would show twice
mailer_dir() { if [ "$MAILERS" -le 1 ]; then mail_base; else echo "$(mail_base)/mailer-$1"; fi; }

start_mailer_n() {
	local n=$1 conf
	if alive "$(mailer_pidfile "$n")" "CHANNEL_CONF=$(mailer_conf "$n")"; then
		log "mailer$([ "$MAILERS" -le 1 ] || echo " $n") already running"; return 0; fi
	conf=$(mailer_conf "$n")
	mkdir -p "$(mailer_dir "$n")"
	if [ "$MAILERS" -gt 1 ]; then
		rm -f "$conf.tmp"
		(umask 077; { grep -v -e '^MAIL_DIR=' -e '^MAILER_NAME=' "$CHANNEL_CONF"
			echo "MAIL_DIR=$(mailer_dir "$n")"; echo "MAILER_NAME=mailer-$n"; } >"$conf.tmp")
		mv "$conf.tmp" "$conf"
	fi
	CHANNEL_CONF=$conf setsid "$ROOT/bin/channel-mailer" </dev/null >>"$(mailer_log "$n")" 2>&1 &
	echo $! >"$(mailer_pidfile "$n")"
	log "mailer$([ "$MAILERS" -le 1 ] || echo " $n") writing to ${SMTP_RELAY:-$(mailer_dir "$n")/}"
}

start_mailers() {
	local i
	for i in $(seq 1 "$MAILERS"); do start_mailer_n "$i" || return 1; done
}

stop_all_mailers() {
	local f
	for f in "$VAR"/run/mailer.pid "$VAR"/run/mailer-*.pid; do
		[ -e "$f" ] || continue
		stop_pid "mailer$(basename "$f" .pid | sed -n 's/^mailer-/ /p')" "$f"
	done
}

pools_status() {
	local i
	for i in $(seq 1 "$APP_POOLS"); do
		if pool_alive "$i"; then echo "app pool $i $(pool_sock "$i"): running (supervisor $(cat "$(pool_pidfile "$i")"), $(pgrep -c -P "$(cat "$(pool_pidfile "$i")")" || echo 0) workers)"
		else echo "app pool $i $(pool_sock "$i"): stopped"; fi
	done
	for i in $(seq 1 "$MAILERS"); do
		if alive "$(mailer_pidfile "$i")" "CHANNEL_CONF=$(mailer_conf "$i")"; then echo "mailer $i: running"; else echo "mailer $i: stopped"; fi
	done
}

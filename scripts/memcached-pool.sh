# memcached-pool.sh: the memcached servers of MEMCACHED_SERVERS that run on this machine: start, stop,
# hang (SIGSTOP) and resume one, and their status. Sourced by scripts/ctl.sh (VAR, ME, ROOT, CONF, log,
# alive, stop_pid); server N is the Nth entry, counted from 1. A unix socket entry is started on a socket only
# its owner may open (memcached -s PATH -a 0700), a 127.0.0.1:port entry on that port; others are outside.
# shellcheck shell=bash

MC_LIST=()
if [ -n "${MEMCACHED_SERVERS:-}" ]; then
	IFS=, read -r -a MC_LIST <<<"${MEMCACHED_SERVERS// /}"
	for i in "${!MC_LIST[@]}"; do
		case "${MC_LIST[$i]}" in
		/*) ;;
		*/* | *.sock) MC_LIST[i]="$ROOT/${MC_LIST[$i]}" ;;  # a relative socket path: relative to the checkout
		*:*) [[ ${MC_LIST[$i]##*:} =~ ^[0-9]+$ ]] || { log "MEMCACHED_SERVERS in $CONF: ${MC_LIST[$i]} is neither a socket path nor host:port" >&2; exit 1; } ;;
		*) log "MEMCACHED_SERVERS in $CONF: ${MC_LIST[$i]} is neither a socket path nor host:port" >&2; exit 1 ;;
		esac
	done
fi

# MEMCACHED_SERVERS with absolute socket paths, for the runtime configuration the workers read
mc_servers_resolved() { local IFS=,; echo "${MC_LIST[*]}"; }

mc_entry() { echo "${MC_LIST[$(($1 - 1))]}"; }
mc_pidfile() { echo "$VAR/run/memcached-$1.pid"; }
mc_alive() { alive "$(mc_pidfile "$1")" "$(mc_pidfile "$1")"; }

# unix, tcp (127.0.0.1:port) or outside
mc_kind() {
	case "$(mc_entry "$1")" in /*) echo unix ;; 127.0.0.1:*) echo tcp ;; *) echo outside ;; esac
}

check_mc() {
	[[ ${1:-} =~ ^[1-9][0-9]*$ ]] && [ "$1" -le ${#MC_LIST[@]} ] || {
		log "no memcached server ${1:-(none given)}: MEMCACHED_SERVERS names ${#MC_LIST[@]} (count from 1)" >&2; return 1; }
	[ "$(mc_kind "$1")" != outside ] || { log "memcached server $1 ($(mc_entry "$1")) is not on this machine: it is not started here" >&2; return 1; }
}

start_memcached_server() {
	local n=$1 e kind
	check_mc "$n" || return 1
	if mc_alive "$n"; then log "memcached server $n already running"; return 0; fi
	e=$(mc_entry "$n") kind=$(mc_kind "$n")
	if [ "$kind" = unix ]; then
		mkdir -p "$(dirname "$e")"
		rm -f "$e"
		memcached -d -s "$e" -a 0700 -U 0 -m 64 -u "$ME" -P "$(mc_pidfile "$n")"
	else
		memcached -d -l 127.0.0.1 -p "${e##*:}" -U 0 -m 64 -u "$ME" -P "$(mc_pidfile "$n")"
	fi
	for _ in $(seq 1 50); do
		if mc_alive "$n"; then
			if [ "$kind" = unix ]; then [ -S "$e" ] && break
			else (exec 3<>"/dev/tcp/127.0.0.1/${e##*:}") 2>/dev/null && break; fi
		fi
		sleep 0.1
	done
	mc_alive "$n" || { log "memcached server $n did not start on $e" >&2; return 1; }
	log "memcached server $n on $e"
}

stop_memcached_server() { check_mc "$1" && stop_pid "memcached server $1" "$(mc_pidfile "$1")"; }

# SIGSTOP: the server keeps its socket open but answers nothing, as a hung host does
hang_memcached_server() {
	check_mc "$1" || return 1
	mc_alive "$1" || { log "memcached server $1 is not running" >&2; return 1; }
	kill -STOP "$(cat "$(mc_pidfile "$1")")"
	log "memcached server $1 hung (SIGSTOP)"
}

resume_memcached_server() {
	check_mc "$1" || return 1
	mc_alive "$1" || { log "memcached server $1 is not running" >&2; return 1; }
	kill -CONT "$(cat "$(mc_pidfile "$1")")"
	log "memcached server $1 resumed (SIGCONT)"
}

start_memcached_pool() {
	local i
	for i in $(seq 1 ${#MC_LIST[@]}); do
		if [ "$(mc_kind "$i")" = outside ]; then log "memcached server $i: the outside server $(mc_entry "$i")"; continue; fi
		start_memcached_server "$i" || return 1
	done
}

stop_memcached_pool() {
	local f
	for f in "$VAR"/run/memcached-*.pid; do
		[ -e "$f" ] || continue
		stop_pid "memcached server $(basename "$f" .pid | sed 's/^memcached-//')" "$f"
	done
}

mc_pool_status() {
	local i state
	for i in $(seq 1 ${#MC_LIST[@]}); do
		if [ "$(mc_kind "$i")" = outside ]; then echo "memcached server $i $(mc_entry "$i"): outside this machine"; continue; fi
		if mc_alive "$i"; then
			state=running
			[ "$(awk '{print $3}' "/proc/$(cat "$(mc_pidfile "$i")")/stat" 2>/dev/null)" = T ] && state="hung (stopped by SIGSTOP)"
		else
			state=stopped
		fi
		echo "memcached server $i $(mc_entry "$i"): $state"
	done
}

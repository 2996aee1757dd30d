# galera.sh: the MariaDB Galera nodes of DB_NODES that run on this machine (the loopback demonstration):
# each node's option file, bootstrap from the most advanced node, join, rejoin after a crash (IST or SST),
# stop and kill one node, and its status. Sourced by scripts/ctl.sh (which sets VAR, ME, CONF, log, alive,
# stop_pid and innodb_size_options); node N is the Nth entry of DB_NODES, counted from 1.
# Ports derived from a node's MySQL port P: gcomm P+10000, IST P+11000, SST (mariabackup) P+12000.
# shellcheck shell=bash

GALERA_PROVIDER=/usr/lib/galera/libgalera_smm.so
# how long one node may take to start and reach Synced (an SST of a large database takes longer)
GALERA_START_SECONDS=${GALERA_START_SECONDS:-300}

DB_NODE_LIST=()
if [ -n "${DB_NODES:-}" ]; then
	IFS=, read -r -a DB_NODE_LIST <<<"${DB_NODES// /}"
	for e in "${DB_NODE_LIST[@]}"; do
		[[ $e =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]] && [ "${e##*:}" -ge 1 ] && [ "${e##*:}" -le 53535 ] || {
			log "DB_NODES=$DB_NODES in $CONF: each entry must be host:port (a port below 53536: gcomm, IST and SST use it +10000, +11000, +12000)" >&2
			exit 1; }
	done
fi

node_host() { local e=${DB_NODE_LIST[$(($1 - 1))]}; echo "${e%:*}"; }
node_port() { local e=${DB_NODE_LIST[$(($1 - 1))]}; echo "${e##*:}"; }
node_local() { [ "$(node_host "$1")" = 127.0.0.1 ]; }
node_cnf() { echo "$VAR/run/mysqld-$1.cnf"; }
node_pidfile() { echo "$VAR/run/mysqld-$1.pid"; }
node_sock() { echo "$VAR/run/mysqld-$1.sock"; }
node_log() { echo "$VAR/log/mysqld-$1.log"; }
node_dir() { echo "$VAR/mysql-$1"; }
node_alive() { alive "$(node_pidfile "$1")" "$(node_cnf "$1")"; }

# N must name an entry of DB_NODES that this machine runs
check_node() {
	[[ ${1:-} =~ ^[1-9][0-9]*$ ]] && [ "$1" -le ${#DB_NODE_LIST[@]} ] || {
		log "no database node ${1:-(none given)}: DB_NODES names ${#DB_NODE_LIST[@]} (count from 1)" >&2; return 1; }
	node_local "$1" || { log "database node $1 ($(node_host "$1")) is not on 127.0.0.1: it is not started here" >&2; return 1; }
}

node_admin() { local n=$1; shift; mariadb --no-defaults --socket="$(node_sock "$n")" -u "$ME" "$@"; }

# one status variable of a running local node (empty when it does not answer)
node_status() {
	{ node_admin "$1" -N -B -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null || true; } | cut -f2
}

write_node_cnf() {
	local n=$1 p addresses="" i
	p=$(node_port "$n")
	for i in "${!DB_NODE_LIST[@]}"; do
		addresses="$addresses${addresses:+,}$(node_host $((i + 1))):$(($(node_port $((i + 1))) + 10000))"
	done
	innodb_size_options || return 1
	mkdir -p "$(node_dir "$n")"
	cat >"$(node_cnf "$n").tmp" <<CNF
# written by scripts/ctl.sh from $CONF: MariaDB Galera node $n of DB_NODES ($(node_host "$n"):$p)
[mysqld]
datadir=$(node_dir "$n")
socket=$(node_sock "$n")
port=$p
bind-address=127.0.0.1
pid-file=$(node_pidfile "$n")
log-error=$(node_log "$n")
user=$ME
tmpdir=$VAR/mysql-tmp
${INNODB_SIZES[0]#--}
${INNODB_SIZES[1]#--}
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max-connections=200
skip-name-resolve
# what Galera needs: row-based write-sets, InnoDB only, interleaved auto-increment locks
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$GALERA_PROVIDER
wsrep_cluster_name=channel-$DB_NAME
wsrep_cluster_address=gcomm://$addresses
wsrep_node_name=node-$n
wsrep_node_address=127.0.0.1:$((p + 10000))
wsrep_node_incoming_address=127.0.0.1:$p
# gcache.recover: a node restarted after a crash can still serve IST from the write-sets it kept.
# evs.suspect_timeout: a node silent for 2 s (keepalives go every 0.5 s) is evicted; until then every commit
# of the cluster waits, and Galera's 5 s (6 s measured from a kill -9 to the next commit) would outlast
# DB_STATEMENT_SECONDS. Nodes on one machine or one LAN are not silent for 2 s unless they are gone. The
# inactive and install timeouts stay Galera's own (15 s, 7.5 s): at 4 s a busy machine (a joiner scanning its
# gcache) missed an install round now and then, and every node fell out of the primary component until the
# joiner was Synced (make test-cluster caught it in 2 runs of 11).
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((p + 10000));ist.recv_addr=127.0.0.1:$((p + 11000));gcache.size=128M;gcache.recover=yes;evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S"
# SST (a full copy, for a node without data or too far behind for IST) by mariabackup: the donor keeps taking
# writes while it is copied (rsync would block it for the copy; and as root the rsync daemon drops to nobody
# and cannot write the joiner's data). It connects to the donor as this user over its socket (unix_socket).
wsrep_sst_method=mariabackup
wsrep_sst_receive_address=127.0.0.1:$((p + 12000))
# the joiner's receiver (socat TCP-LISTEN) listens on loopback only: without a bind it would take a copy of
# the data from whoever connected first on any interface
[sst]
sockopt=bind=127.0.0.1
CNF
	mv "$(node_cnf "$n").tmp" "$(node_cnf "$n")"
}

# A node's last committed position into POS_UUID, POS_SEQNO, POS_SAFE (safe_to_bootstrap) from its
# grastate.dat; after a crash (seqno -1) from InnoDB itself with mariadbd --wsrep-recover, as Debian's
# galera_recovery does (once per node and run of ctl.sh: it starts InnoDB). POS_UUID=- for a node without data.
declare -A POS_CACHE=()
read_position() {
	local n=$1 g rlog pos
	if [ -n "${POS_CACHE[$n]:-}" ]; then read -r POS_UUID POS_SEQNO POS_SAFE <<<"${POS_CACHE[$n]}"; return 0; fi
	g="$(node_dir "$n")/grastate.dat"
	POS_UUID=- POS_SEQNO=-1 POS_SAFE=0
	if [ -f "$g" ]; then
		POS_UUID=$(sed -n 's/^uuid:[[:space:]]*//p' "$g")
		POS_SEQNO=$(sed -n 's/^seqno:[[:space:]]*//p' "$g")
		POS_SAFE=$(sed -n 's/^safe_to_bootstrap:[[:space:]]*//p' "$g")
		: "${POS_UUID:=-}" "${POS_SEQNO:=-1}" "${POS_SAFE:=0}"
		if [ "$POS_SEQNO" = -1 ] && [ -d "$(node_dir "$n")/mysql" ]; then
			write_node_cnf "$n" || return 1
			rlog="$VAR/log/mysqld-$n-recover.log"
			mariadbd --defaults-file="$(node_cnf "$n")" --wsrep-recover --log-error="$rlog" </dev/null >/dev/null 2>&1 || true
			pos=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$rlog" | tail -1)
			if [ -n "$pos" ]; then POS_UUID=${pos%:*} POS_SEQNO=${pos##*:}; fi
		fi
	fi
	POS_CACHE[$n]="$POS_UUID $POS_SEQNO $POS_SAFE"
}

# The transfer a start of node N needed, from the part of its log written since byte OFFSET. With
# mariabackup the SST script runs for an IST too, and says so ("Running IST"): only a copy counts as SST.
node_transfer() {
	local n=$1 offset=$2 part ws
	part=$(tail -c +"$((offset + 1))" "$(node_log "$n")" 2>/dev/null || true)
	ws=$(sed -n 's/.*Receiving IST: *\([0-9]*\) writesets.*/\1/p' <<<"$part" | tail -1)
	if grep -q "wsrep_sst_[a-z]* --role 'joiner'" <<<"$part" && ! grep -q "received from donor: Running IST" <<<"$part"; then
		echo "SST (a full copy by $(sed -n "s/.*Running: 'wsrep_sst_\([a-z]*\) --role 'joiner'.*/\1/p" <<<"$part" | head -1))${ws:+, then IST of $ws write-sets}"
	elif [ -n "$ws" ]; then
		echo "IST ($ws write-sets from the donor's gcache)"
	elif grep -q 'IST received' <<<"$part"; then
		echo "IST"
	elif grep -q 'Bootstrapping a new cluster' <<<"$part"; then
		echo "none (bootstrapped the cluster)"
	else
		echo "none (it was up to date)"
	fi
}

# Start local node N and wait until it is Synced and ready; --bootstrap: it forms a new cluster.
start_db_node() {
	local n=$1 mode=${2:-join} args=() offset pid until state="" ready
	check_node "$n" || return 1
	if node_alive "$n"; then log "database node $n already running"; return 0; fi
	write_node_cnf "$n" || return 1
	mkdir -p "$(node_dir "$n")"
	if [ ! -d "$(node_dir "$n")/mysql" ] && [ "$mode" = bootstrap ]; then
		log "creating the data directory of database node $n in $(node_dir "$n")"
		mariadb-install-db --no-defaults --datadir="$(node_dir "$n")" --user="$ME" \
			--auth-root-authentication-method=socket --skip-test-db >"$VAR/log/mysql-install-$n.log" 2>&1 || {
			cat "$VAR/log/mysql-install-$n.log" >&2; return 1; }
	fi
	# a joiner without data gets it all by SST: its empty directory is filled by the donor
	# after a crash: the position InnoDB recovered, as galera_recovery passes it (so the node asks for IST)
	if grep -q "^seqno:[[:space:]]*-1" "$(node_dir "$n")/grastate.dat" 2>/dev/null; then
		read_position "$n" || return 1
		[ "$POS_UUID" != - ] && [ "$POS_SEQNO" != -1 ] && args+=(--wsrep-start-position="$POS_UUID:$POS_SEQNO")
	fi
	if [ "$mode" = bootstrap ]; then
		args+=(--wsrep-new-cluster)
		# chosen as the most advanced node, so it is safe to form the cluster from it
		[ -f "$(node_dir "$n")/grastate.dat" ] && sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_dir "$n")/grastate.dat"
	fi
	offset=$(stat -c %s "$(node_log "$n")" 2>/dev/null || echo 0)
	mariadbd --defaults-file="$(node_cnf "$n")" "${args[@]}" </dev/null >/dev/null 2>&1 &
	pid=$!
	unset "POS_CACHE[$n]"
	until=$((SECONDS + GALERA_START_SECONDS))
	while [ $SECONDS -lt $until ]; do
		running "$pid" || break
		state=$(node_status "$n" wsrep_local_state_comment)
		ready=$(node_status "$n" wsrep_ready)
		[ "$state" = Synced ] && [ "$ready" = ON ] && {
			log "database node $n on 127.0.0.1:$(node_port "$n") Synced, cluster size $(node_status "$n" wsrep_cluster_size); state transfer: $(node_transfer "$n" "$offset")"
			return 0; }
		sleep 0.2
	done
	if running "$pid"; then
		log "database node $n is not Synced after ${GALERA_START_SECONDS}s (state ${state:-unknown}); see $(node_log "$n")" >&2
	else
		log "database node $n stopped while starting; the end of $(node_log "$n") says:" >&2
	fi
	tail -c +"$((offset + 1))" "$(node_log "$n")" 2>/dev/null | grep -E 'ERROR|\[ERROR\]|WSREP_SST: \[ERROR' | tail -15 >&2 || true
	return 1
}

stop_db_node() { check_node "$1" && stop_pid "database node $1" "$(node_pidfile "$1")"; }

# SIGKILL: what a crash or a pulled cable does; the node's grastate.dat keeps seqno -1 until it rejoins
kill_db_node() {
	local n=$1 pid
	check_node "$n" || return 1
	node_alive "$n" || { log "database node $n is not running"; return 0; }
	pid=$(cat "$(node_pidfile "$n")")
	kill -KILL "$pid"
	for _ in $(seq 1 100); do running "$pid" || break; sleep 0.05; done
	log "database node $n killed (pid $pid)"
}

# Is a node of the cluster up? A local one by its pid file and wsrep state, an outside one by a connection.
db_cluster_running() {
	local i
	for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
		if node_local "$i"; then
			node_alive "$i" && [ "$(node_status "$i" wsrep_cluster_status)" = Primary ] && return 0
		else
			MYSQL_PWD=$DB_PASSWORD mariadb --no-defaults -h "$(node_host "$i")" -P "$(node_port "$i")" -u "$DB_USER" \
				--connect-timeout=2 -N -e "SELECT 1" >/dev/null 2>&1 && return 0
		fi
	done
	return 1
}

# The local node a new cluster starts from, into BOOT_NODE: the most advanced position (the highest seqno;
# on a tie one that says safe_to_bootstrap, else the first of the list); a fresh layout starts from node 1.
pick_bootstrap_node() {
	local i best_seqno=-2 best_safe=0
	BOOT_NODE=""
	for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
		node_local "$i" || continue
		[ -d "$(node_dir "$i")/mysql" ] || continue
		read_position "$i" || return 1
		if [ "$POS_SEQNO" -gt "$best_seqno" ] || { [ "$POS_SEQNO" = "$best_seqno" ] && [ "$POS_SAFE" = 1 ] && [ "$best_safe" != 1 ]; }; then
			BOOT_NODE=$i best_seqno=$POS_SEQNO best_safe=$POS_SAFE
		fi
	done
	if [ -z "$BOOT_NODE" ]; then
		for i in $(seq 1 ${#DB_NODE_LIST[@]}); do node_local "$i" && { BOOT_NODE=$i; return 0; }; done
	fi
	BOOT_POSITION="$best_seqno"
}

start_db_cluster() {
	local i first
	if ! db_cluster_running; then
		for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
			node_local "$i" || {
				log "no node of DB_NODES answers and node $i ($(node_host "$i")) is not on this machine: bootstrap the cluster on its most advanced node by hand (galera_new_cluster), then start again" >&2
				return 1; }
		done
		# a node still running outside a primary component (its peers went away) holds the newest commits:
		# forming a cluster elsewhere would have it copied over; it must be told to be the primary itself
		for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
			node_alive "$i" || continue
			log "database node $i is running but not in a primary component: make it the primary with" \
				"SET GLOBAL wsrep_provider_options='pc.bootstrap=YES' on it (mariadb --socket=$(node_sock "$i")), then start again" >&2
			return 1
		done
		BOOT_POSITION=-2
		pick_bootstrap_node || return 1
		if [ "$BOOT_POSITION" = -2 ]; then log "no database node has data yet: node $BOOT_NODE forms a new cluster"
		else log "no database node is running: node $BOOT_NODE forms the cluster again (the most advanced: seqno $BOOT_POSITION)"; fi
		start_db_node "$BOOT_NODE" bootstrap || return 1
	fi
	for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
		node_local "$i" || continue
		node_alive "$i" || start_db_node "$i" || return 1
	done
	# the database and its user, once, through a live node: Galera replicates them to the others
	first=$(first_live_node) || { log "no database node answers" >&2; return 1; }
	app_database_sql | node_admin "$first"
}

# The first local node of DB_NODES that is Synced and ready (for the one-time statements of a start).
first_live_node() {
	local i
	for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
		node_local "$i" && node_alive "$i" && [ "$(node_status "$i" wsrep_ready)" = ON ] && { echo "$i"; return 0; }
	done
	return 1
}

# Stop every local node, the last one of the list first: the one stopped last (node 1) is the one
# Galera marks safe_to_bootstrap, and the next start forms the cluster from it.
stop_db_cluster() {
	local f n
	for n in $(for f in "$VAR"/run/mysqld-*.pid; do [ -e "$f" ] && basename "$f" .pid | sed 's/^mysqld-//'; done | sort -n -r); do
		stop_pid "database node $n" "$VAR/run/mysqld-$n.pid"
	done
}

db_cluster_status() {
	local i
	for i in $(seq 1 ${#DB_NODE_LIST[@]}); do
		if ! node_local "$i"; then echo "db node $i $(node_host "$i"):$(node_port "$i"): outside this machine"; continue; fi
		if node_alive "$i"; then
			echo "db node $i 127.0.0.1:$(node_port "$i"): running, $(node_status "$i" wsrep_local_state_comment), ready $(node_status "$i" wsrep_ready), $(node_status "$i" wsrep_cluster_status), cluster size $(node_status "$i" wsrep_cluster_size)"
		else
			echo "db node $i 127.0.0.1:$(node_port "$i"): stopped"
		fi
	done
}

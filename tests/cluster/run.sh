#!/usr/bin/env bash
# run.sh: make test-cluster: the failover tests (tests/cluster/*.test.mjs) against a cluster stack of their own in a
# temporary directory: three MariaDB Galera nodes, two memcached servers on unix sockets, two app pools, two mailers,
# behind one nginx. Prints each outage's figures and the elapsed time, stops everything and removes the directory,
# and ends with "N passed, N failed" (non-zero exit on any failure).
# Ports: CLUSTER_HTTP_PORT (default 18810) and CLUSTER_DB_PORT (default 13810: nodes on +1, +2, +3, with Galera's own
# ports at +10000, +11000, +12000 of each). CLUSTER_TESTS="tests/cluster/x.test.mjs" runs only those files;
# CLUSTER_KEEP=1 leaves the stack running and the directory in place (its path is printed) to look at afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mkdir -p tests/out
started=$SECONDS
passed=0
failed=0
HTTP_PORT=${CLUSTER_HTTP_PORT:-18810}
DB_BASE=${CLUSTER_DB_PORT:-13810}

# a node that cannot reach Synced fails the start within two minutes, not ctl.sh's default five
export GALERA_START_SECONDS=${GALERA_START_SECONDS:-120}

TMP=$(mktemp -d /tmp/channel-cluster.XXXXXX)
cat >"$TMP/channel.conf" <<CONF
HTTP_HOST=127.0.0.1
HTTP_PORT=$HTTP_PORT
WORKERS=2
APP_POOLS=2
MAILERS=2
VAR_DIR=$TMP/var
DB_HOST=
DB_PORT=$((DB_BASE + 1))
DB_NODES=127.0.0.1:$((DB_BASE + 1)),127.0.0.1:$((DB_BASE + 2)),127.0.0.1:$((DB_BASE + 3))
DB_NAME=channel_test
DB_USER=channel
DB_PASSWORD=test-only-password
DB_BUFFER_POOL=64M
MEMCACHED_HOST=
MEMCACHED_SERVERS=$TMP/var/run/memcached-1.sock,$TMP/var/run/memcached-2.sock
SESSION_TTL=3600
SECURE_COOKIES=0
DB_STATEMENT_SECONDS=3
API_RATE_PER_MINUTE=300
API_ADDRESS_RATE_PER_SECOND=1000
CONF

cleanup() {
	local rc=$?
	if [ "${CLUSTER_KEEP:-}" = 1 ]; then
		echo "the cluster stack is still running: scripts/ctl.sh --conf $TMP/channel.conf stop; rm -rf $TMP"
	else
		scripts/ctl.sh --conf "$TMP/channel.conf" stop >/dev/null 2>&1 || true
		rm -rf "$TMP"
	fi
	return $rc
}
trap cleanup EXIT

echo "== the cluster stack: 3 Galera nodes (ports $((DB_BASE + 1))-$((DB_BASE + 3))), 2 memcached, 2 app pools, 2 mailers, nginx on $HTTP_PORT"
log=tests/out/cluster-stack.log
if ! { scripts/ctl.sh --conf "$TMP/channel.conf" start && scripts/ctl.sh --conf "$TMP/channel.conf" seed; } >"$log" 2>&1; then
	cat "$log"
	for f in "$TMP"/var/log/*.log; do [ -f "$f" ] && { echo "-- $f"; tail -20 "$f"; }; done
	echo "not ok - the cluster stack did not start"
	echo
	echo "elapsed $((SECONDS - started)) s"
	echo "0 passed, 1 failed"
	exit 1
fi
grep '^ctl:' "$log" || true
echo "started in $((SECONDS - started)) s"
scripts/ctl.sh --conf "$TMP/channel.conf" cluster-status 2>/dev/null || true

echo "== db.c against the cluster's Galera nodes (tests/cluster/db_*.c)"
for src in tests/cluster/db_*.c; do
	[ -f "$src" ] || continue
	t="bin/cluster_$(basename "$src" .c)"
	log="tests/out/$(basename "$t").tap"
	set +e
	make --no-print-directory "$t" >"$log" 2>&1 && CHANNEL_CONF="$TMP/channel.conf" CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log" 2>&1
	rc=$?
	set -e
	# its TAP lines and figures; the replays it provokes are logged one a line (all of it when it failed)
	if [ "$rc" = 0 ]; then grep -E '^(ok|not ok|#|1\.\.)' "$log" || true; else cat "$log"; fi
	p=$(grep -cE '^ok ' "$log" || true)
	f=$(grep -cE '^not ok ' "$log" || true)
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); echo "not ok - $t exited $rc"; fi
done

echo "== failover tests"
log=tests/out/cluster.tap
figures="$TMP/figures.txt"
: >"$figures"
set +e
# shellcheck disable=SC2086  # CLUSTER_TESTS is a list of files
BASE_URL="http://127.0.0.1:$HTTP_PORT" TEST_CONF="$TMP/channel.conf" TEST_VAR="$TMP/var" CLUSTER_FIGURES="$figures" \
	node --test --test-concurrency=1 --test-reporter=tap ${CLUSTER_TESTS:-tests/cluster/*.test.mjs} >"$log" 2>&1
rc=$?
set -e
grep -E '^\s*(ok|not ok) ' "$log" | sed 's/^ *//' | grep -vE '^(ok|not ok) [0-9]+ - .*\.mjs$' || true
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))
if [ "${f:-0}" != 0 ]; then
	echo "-- what failed:"
	grep -A30 '^\s*not ok' "$log" | grep -vE '^\s*(at |\.\.\.|---)' | head -120
fi
if [ "$rc" -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); echo "not ok - node test runner exited $rc"; tail -30 "$log"; fi
echo "== figures (one line per outage)"
cat "$figures"
echo
echo "elapsed $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

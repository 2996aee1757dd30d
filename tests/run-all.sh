#!/usr/bin/env bash
# run-all.sh: the whole suite: unit tests, the template port against C++ ctemplate, then HTTP and
# browser tests against a stack of its own (MariaDB, memcached, nginx, workers) on other ports
# in a temporary directory, removed afterwards. Ends with "N passed, N failed".
# NODE_TESTS="tests/http/x.test.mjs ..." runs only those HTTP, browser, scale or fault test files.
# tests/scale/ runs after them (100,000 customers loaded into the stack), then tests/fault/ last: those tests
# stop and restart the stack's services and wait for them to recover.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mkdir -p tests/out
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp"  # SAN=1: glibc's own start-up allocations
passed=0
failed=0

# count TAP lines ("ok ..." / "not ok ...") of one runner's output
count_tap() {
	local log=$1
	local p f
	p=$(grep -cE '^ok ' "$log" || true)
	f=$(grep -cE '^not ok ' "$log" || true)
	passed=$((passed + p))
	failed=$((failed + f))
}

echo "== lint: the one-path rules"
if make --no-print-directory lint; then passed=$((passed + 1)); echo "ok - lint"; else failed=$((failed + 1)); echo "not ok - lint"; fi

echo "== i18n-check: the catalogs complete, no template text outside them"
if make --no-print-directory i18n-check; then passed=$((passed + 1)); echo "ok - i18n-check"; else failed=$((failed + 1)); echo "not ok - i18n-check"; fi

echo "== openapi-lint: the partner API's document (build/openapi.json) against Redocly's rules (redocly.yaml)"
log=tests/out/openapi-lint.log
if REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true tests/node_modules/.bin/redocly lint --config redocly.yaml \
	build/openapi.json >"$log" 2>&1; then
	passed=$((passed + 1)); echo "ok - openapi-lint"
else
	failed=$((failed + 1)); echo "not ok - openapi-lint"; grep -v '[║╔╚]' "$log" | tail -60
fi

echo "== unit tests (cmocka)"
for t in bin/test_*; do
	[ -x "$t" ] || continue
	log="tests/out/$(basename "$t").tap"
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_tap "$log"
	# a crash (or a sanitizer abort) before the summary counts as a failure
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then failed=$((failed + 1)); echo "not ok - $t exited $rc"; fi
done

echo "== template port against C++ ctemplate"
log=tests/out/tpl-differential.log
tests/tpl/run-differential.sh >"$log" 2>&1
rc=$?
grep -E '^(ok|FAIL)' "$log" | grep -v '^ok' || true
p=$(grep -cE '^ok ' "$log" || true); f=$(grep -cE '^FAIL' "$log" || true)
tail -1 "$log"
passed=$((passed + p)); failed=$((failed + f))
if [ $rc -ne 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); echo "not ok - differential run exited $rc"; tail -20 "$log"; fi

# run node's test runner on the files given after LOG against the stack; count its TAP summary
run_node() {
	local log=$1 rc p f
	shift
	[ $# -gt 0 ] || return 0
	BASE_URL="http://127.0.0.1:${TEST_HTTP_PORT:-18080}" TEST_CONF="$TMP/channel.conf" TEST_VAR="$TMP/var" \
		node --test --test-concurrency=1 --test-reporter=tap "$@" >"$log" 2>&1
	rc=$?
	grep -E '^\s*(not ok|# Subtest)|^# (pass|fail)' "$log" | grep -vE '^\s*# Subtest: .*\.mjs$' | sed 's/^ *//' | head -200
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1); f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	if [ "${f:-0}" != 0 ]; then grep -B2 -A25 'not ok' "$log" | head -150; fi
	if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); echo "not ok - node test runner exited $rc"; tail -30 "$log"; fi
}

# the pages in the pseudo-locale: no readable text outside the catalog but the database's own (pseudo_check.mjs)
pseudo_check() {
	echo "== every page the HTTP tests rendered, in the pseudo-locale: no text outside the catalog"
	local log=tests/out/pseudo_check.tap rc
	[ -d "$TEST_PSEUDO_OUT" ] || return 0
	TEST_CONF="$TMP/channel.conf" TEST_VAR="$TMP/var" node tests/lib/pseudo_check.mjs "$TEST_PSEUDO_OUT" >"$log" 2>&1
	rc=$?
	grep -E '^(not ok|#)' "$log" | head -200
	count_tap "$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then failed=$((failed + 1)); echo "not ok - pseudo_check exited $rc"; tail -20 "$log"; fi
}

echo "== HTTP and browser tests against a stack of their own"
TMP=$(mktemp -d /tmp/channel-test.XXXXXX)
cat >"$TMP/channel.conf" <<CONF
HTTP_HOST=127.0.0.1
HTTP_PORT=${TEST_HTTP_PORT:-18080}
WORKERS=2
VAR_DIR=$TMP/var
DB_HOST=
DB_PORT=${TEST_DB_PORT:-13307}
DB_NAME=channel_test
DB_USER=channel
DB_PASSWORD=test-only-password
MEMCACHED_HOST=
MEMCACHED_PORT=${TEST_MEMCACHED_PORT:-21212}
MEMCACHED_SOCKET=$TMP/var/run/memcached.sock
SESSION_TTL=3600
SECURE_COOKIES=0
DB_STATEMENT_SECONDS=3
PSEUDO_LOCALE=1
API_RATE_PER_MINUTE=300
API_ADDRESS_RATE_PER_SECOND=1000
CONF
cleanup() {
	scripts/ctl.sh --conf "$TMP/channel.conf" stop >/dev/null 2>&1
	if [ "${SAN:-}" = 1 ] && grep -qE 'ERROR: AddressSanitizer|runtime error:' "$TMP/var/log/workers.log" 2>/dev/null; then
		echo "sanitizer reports in the workers' log:"; grep -E -A5 'ERROR: AddressSanitizer|runtime error:' "$TMP/var/log/workers.log" | head -40
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=0
if scripts/ctl.sh --conf "$TMP/channel.conf" start && scripts/ctl.sh --conf "$TMP/channel.conf" seed >/dev/null; then
	echo "== db.c against the stack's MariaDB (tests/db)"
	for src in tests/db/db_*.c; do
		[ -f "$src" ] || continue
		t="bin/$(basename "$src" .c)"; log="tests/out/$(basename "$t").tap"
		make --no-print-directory "$t" >"$log" 2>&1 && CHANNEL_CONF="$TMP/channel.conf" CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log" 2>&1
		rc=$?; cat "$log"; count_tap "$log"
		if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$log"; then failed=$((failed + 1)); echo "not ok - $t exited $rc"; fi
	done
	echo "== HTTP, browser and fault tests"
	# every HTML page they render is kept there (tests/lib/html_keep.mjs) for the check after them
	export TEST_HTML_OUT="$ROOT/tests/out/html"
	rm -rf "$TEST_HTML_OUT"
	# each page the HTTP tests see is fetched again in Spanish and in the pseudo-locale (client.mjs); the
	# pseudo-locale's pages go there for pseudo_check below
	export TEST_PSEUDO_OUT="$ROOT/tests/out/pseudo"
	rm -rf "$TEST_PSEUDO_OUT"
	# node's runner sorts the files it is given: a second run keeps tests/fault/ (which stops services) last
	if [ -n "${NODE_TESTS:-}" ]; then
		run_node tests/out/node.tap $NODE_TESTS
		pseudo_check
	else
		run_node tests/out/node.tap $(ls tests/http/*.test.mjs tests/browser/*.test.mjs)
		pseudo_check
		unset TEST_PSEUDO_OUT  # the scale and fault tests count statements and rows: no extra requests there
		# tests/scale/ loads 100,000 customers into the stack's database (bench/generate) and counts the rows
		# each page examines; after http and browser (whose checks assume a small database), before fault
		run_node tests/out/scale.tap $(ls tests/scale/*.test.mjs 2>/dev/null)
		run_node tests/out/fault.tap $(ls tests/fault/*.test.mjs 2>/dev/null)
	fi
	echo "== the pages they rendered: Nu Html Checker (every page), axe-core (every page of the browser, one of each other kind)"
	log=tests/out/html_check.tap
	BASE_URL="http://127.0.0.1:${TEST_HTTP_PORT:-18080}" node tests/lib/html_check.mjs "$TEST_HTML_OUT" >"$log" 2>&1
	rc=$?
	grep -E '^(not ok|# )' "$log" | head -300
	count_tap "$log"
	if [ $rc -ne 0 ]; then failed=$((failed + 1)); echo "not ok - html_check exited $rc"; tail -20 "$log"; fi
	if [ "${SAN:-}" = 1 ] && grep -qE 'ERROR: AddressSanitizer|runtime error:' "$TMP/var/log/workers.log"; then
		failed=$((failed + 1)); echo "not ok - sanitizer errors in the workers"
	fi
else
	failed=$((failed + 1))
	echo "not ok - the test stack did not start"
	tail -30 "$TMP/var/log/"*.log 2>/dev/null
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

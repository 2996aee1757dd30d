#!/bin/sh
# run-differential.sh: renders every tests/tpl/corpus case with bin/tpl-render and with real C++ ctemplate under all strip modes, comparing byte for byte
set -u
cd "$(dirname "$0")/../.." || exit 2
CORPUS=tests/tpl/corpus
PORT=${TPL_RENDER:-bin/tpl-render}
ORACLE=${TPL_ORACLE:-build/tpl-oracle}
CXX=${CXX:-g++}

if [ ! -x "$PORT" ]; then
	echo "missing $PORT (run: make bin/tpl-render)" >&2
	exit 2
fi
mkdir -p "$(dirname "$ORACLE")"
if [ ! -x "$ORACLE" ] || [ tests/tpl/oracle.cc -nt "$ORACLE" ]; then
	if ! $CXX -std=c++17 -O1 -o "$ORACLE" tests/tpl/oracle.cc -lctemplate_nothreads -ljson-c; then
		echo "cannot build the ctemplate oracle (needs libctemplate-dev and libjson-c-dev)" >&2
		exit 2
	fi
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
for json in "$CORPUS"/*.json; do
	name=$(basename "$json" .json)
	tpl="$CORPUS/$name.tpl"
	[ -f "$tpl" ] || continue
	for strip in none blank whitespace; do
		"$PORT" --strip=$strip "$tpl" "$json" >"$TMP/port.out" 2>"$TMP/port.err"
		prc=$?
		"$ORACLE" --strip=$strip "$tpl" "$json" >"$TMP/oracle.out" 2>"$TMP/oracle.err"
		orc=$?
		if [ $prc -ne 0 ] && [ $orc -ne 0 ]; then
			ok=1   # both reject it (the error case agrees)
		elif [ $prc -eq $orc ] && cmp -s "$TMP/port.out" "$TMP/oracle.out"; then
			ok=1
		else
			ok=0
		fi
		if [ $ok -eq 1 ]; then
			echo "ok - $name ($strip)"
			pass=$((pass + 1))
		else
			echo "FAIL - $name ($strip): exit port=$prc oracle=$orc"
			sed 's/^/  port stderr: /' "$TMP/port.err"
			diff "$TMP/oracle.out" "$TMP/port.out" | sed 's/^/  /' | head -40
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

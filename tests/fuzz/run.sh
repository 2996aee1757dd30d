#!/usr/bin/env bash
# run.sh: run each libFuzzer harness for SECONDS on a corpus built in build/fuzz/corpus/ from the seeds
# (tests/fuzz/seeds/NAME/, and for the template engine templates/ and tests/tpl/corpus/); fails on any
# crash, leak or sanitizer report, and prints each fuzzer's exec count
set -uo pipefail
seconds=$1
shift
out=build/fuzz
passed=0
failed=0
for fuzzer in "$@"; do
	name=$(basename "$fuzzer")
	corpus=$out/corpus/$name
	mkdir -p "$corpus" "$out/artifacts"
	[ -d "tests/fuzz/seeds/$name" ] && cp -f tests/fuzz/seeds/"$name"/* "$corpus"/
	if [ "$name" = fuzz_tpl ]; then
		for f in templates/*.tpl tests/tpl/corpus/*.tpl; do cp -f "$f" "$corpus/seed_$(basename "$f")"; done
	fi
	dict=()
	[ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
	log=$out/$name.log
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 "${dict[@]}" \
		-artifact_prefix="$out/artifacts/$name-" "$corpus" >"$log" 2>&1
	rc=$?
	runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*')
	if [ $rc -ne 0 ] || grep -q 'ERROR: \(Address\|Leak\|Undefined\)Sanitizer\|runtime error:' "$log"; then
		echo "fuzz: $name FAILED (exit $rc); see $log and $out/artifacts/"
		grep -m 20 -A 12 'ERROR:\|runtime error:\|deadly signal' "$log"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
		echo "fuzz: $name ok: ${runs:-?} runs in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs"
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]

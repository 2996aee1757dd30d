# Makefile: build, run, test and benchmark Channel Center (C17, libfcgi workers behind nginx)
#   make run    install what is missing, build, start everything under var/, load demo data
#   make stop   stop what make run started
#   make test   the whole suite on its own services and ports (SAN=1: with ASan + UBSan)
#   make bench  wrk figures against the FastCGI ceiling (bench/fcgi_hello.c) for the home page and the lists, at
#               BENCH_CUSTOMERS customers (default 10000; see bench/run --help)
#   make fuzz   build the libFuzzer harnesses (tests/fuzz/) and run each for FUZZ_SECONDS (default 60)

CC := gcc
PKGS := libmariadb libmemcached libsodium json-c
CFLAGS := -std=c17 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE -Icgi-src \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS := -lfcgi -lcurl -lzxcvbn -lm $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ifeq ($(SAN),1)
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wno-error=format-truncation -Wno-error=format-overflow
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC := $(filter-out %_main.c,$(wildcard cgi-src/*.c cgi-src/domain/*.c cgi-src/tpl/*.c))
LIB_OBJ := $(LIB_SRC:cgi-src/%.c=build/%.o)
PROGRAMS := bin/channel-worker bin/channel-supervisor bin/channel-seed bin/channel-mailer bin/tpl-render \
	bin/channel-audit-verify
UNIT_TESTS := $(patsubst tests/unit/%.c,bin/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps run stop test unit bench lint clean FORCE fuzz

all: $(PROGRAMS)

# Rebuild everything when the flags change (e.g. SAN=1 after a normal build).
build/flags: FORCE
	@mkdir -p build/tpl build/domain bin
	@echo '$(CC) $(CFLAGS) $(LDFLAGS) $(LDLIBS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS) $(LDLIBS)' >$@

build/%.o: cgi-src/%.c build/flags
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# made afresh, so that a source moved or removed leaves no old member behind
build/libcc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

bin/channel-worker: build/worker_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
bin/channel-supervisor: build/supervisor_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
bin/channel-seed: build/seed_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
bin/channel-mailer: build/mailer_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
bin/tpl-render: build/tpl/tpl_render_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
bin/channel-audit-verify: build/audit_verify_main.o build/libcc.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

bin/test_%: tests/unit/test_%.c build/libcc.a
	$(CC) $(CFLAGS) $(LDFLAGS) $< build/libcc.a $(LDLIBS) -lcmocka -o $@
# tests/db/db_*.c test db.c against a running MariaDB: run-all.sh builds and runs them once its stack is up.
bin/db_%: tests/db/db_%.c build/libcc.a
	$(CC) $(CFLAGS) $(LDFLAGS) $< build/libcc.a $(LDLIBS) -lcmocka -o $@

deps:
	@scripts/install-deps.sh

# libFuzzer harnesses, built apart from the normal build with clang and the sanitizers; the library code
# they cover gets the fuzzer's coverage instrumentation
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=c17 -g -O1 -D_GNU_SOURCE -Icgi-src -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(patsubst %,build/fuzz/%.o,arena strbuf http tpl/tpl tpl/tpl_htmlctx tpl/tpl_modifiers)
FUZZERS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build/fuzz/%.o: cgi-src/%.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@

.SECONDARY: $(FUZZ_OBJ)
fuzz: $(FUZZERS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)
-include $(wildcard build/fuzz/*.d build/fuzz/tpl/*.d)

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/ctl.sh start
	@scripts/ctl.sh seed
	@. ./channel.conf; echo; echo "Channel Center is running at http://$$HTTP_HOST:$$HTTP_PORT/  (make stop to stop it)"

stop:
	@scripts/ctl.sh stop

test:
	@scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory all $(UNIT_TESTS)
	@SAN=$(SAN) tests/run-all.sh

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do $$t || exit 1; done

# the FastCGI ceiling bench/run measures against: a libfcgi hello behind the same nginx configuration
bin/fcgi-hello: bench/fcgi_hello.c build/flags
	$(CC) $(CFLAGS) $(LDFLAGS) $< -lfcgi -o $@

BENCH_CUSTOMERS ?= 10000
bench: all bin/fcgi-hello
	@bench/run --customers $(BENCH_CUSTOMERS)

# The one-path rules: SQL only through prepared statements in db.c, raw template output rare.
lint:
	@! grep -n 'mysql_query\|mysql_real_query' cgi-src/*.c cgi-src/domain/*.c cgi-src/tpl/*.c || { echo "lint: SQL must go through db.c's prepared statements"; exit 1; }
	@! grep -n 'mysql_stmt_prepare' cgi-src/*.c cgi-src/domain/*.c cgi-src/tpl/*.c | grep -v '^cgi-src/db.c:' || { echo "lint: only db.c prepares statements"; exit 1; }
	@! grep -n ':none' templates/*.tpl || { echo "lint: unescaped template output"; exit 1; }
	@for t in $$(grep -oh '"[a-z][a-z_0-9]*\.tpl"' cgi-src/*.c cgi-src/domain/*.c cgi-src/tpl/*.c | tr -d '"' | sort -u); do \
		[ -f templates/$$t ] || { echo "lint: cgi-src names templates/$$t, which does not exist"; exit 1; }; done
	@for t in templates/*.tpl; do case $$t in templates/mail_*) continue;; esac; \
		head -c 31 $$t | grep -q '^{{%AUTOESCAPE context="HTML"}}' || { echo "lint: $$t does not start with the HTML auto-escape pragma"; exit 1; }; done
	@scripts/lint_writes.py
	@echo "lint: ok"

clean:
	rm -rf build bin tests/out

-include $(LIB_OBJ:.o=.d) $(wildcard build/*_main.d build/tpl/*_main.d)

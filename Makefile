# Makefile: build, run, test and benchmark Channel Center (C17, libfcgi workers behind nginx)
#   make run    install what is missing, build, start everything under var/, load demo data
#   make stop   stop what make run or make run-cluster started
#   make run-cluster  the cluster layout on this machine: three MariaDB Galera nodes, two memcached servers,
#               two app pools behind nginx, two mailers (var/cluster/, written by scripts/ctl.sh cluster-conf)
#   make test-cluster  the failover tests (tests/cluster/run.sh): a Galera node, a memcached server and an app
#               pool killed in turn under load, then brought back
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

LIB_SRC := $(filter-out %_main.c,$(wildcard cgi-src/*.c cgi-src/domain/*.c cgi-src/api/*.c cgi-src/tpl/*.c))
LIB_OBJ := $(LIB_SRC:cgi-src/%.c=build/%.o)
PROGRAMS := bin/channel-worker bin/channel-supervisor bin/channel-seed bin/channel-mailer bin/tpl-render \
	bin/channel-audit-verify
UNIT_TESTS := $(patsubst tests/unit/%.c,bin/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps run run-cluster stop test test-cluster unit bench lint clean FORCE fuzz po i18n i18n-check

all: $(PROGRAMS) i18n

# Languages (cgi-src/i18n.h): the catalog's texts are the C sources' _() and N_() and the templates' [[...]];
# po/es.po holds their Spanish. The build compiles the catalogs, writes each template once per language
# under build/templates/LANG/ and the glibc locales the workers read numbers and dates from.
LANGS := en es qps
TEMPLATES := $(wildcard templates/*.tpl)
C_TEXT_SRC := $(sort $(wildcard cgi-src/*.c cgi-src/*.h cgi-src/domain/*.c cgi-src/domain/*.h cgi-src/api/*.c cgi-src/api/*.h))
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--add-comments=TRANSLATORS --package-name="Channel Center" --msgid-bugs-address=channel-center@localhost \
	--sort-by-file --no-wrap
GLIBC_LOCALES := build/glibc/en_US.UTF-8 build/glibc/es_ES.UTF-8 build/glibc/qps_XA.UTF-8

i18n: build/locale/es/LC_MESSAGES/channel.mo build/locale/qps/LC_MESSAGES/channel.mo \
	$(foreach l,$(LANGS),build/templates/$(l)/.stamp) $(GLIBC_LOCALES)

build/channel.pot: $(C_TEXT_SRC) $(TEMPLATES) scripts/tpl_i18n.py
	@mkdir -p build
	@echo "xgettext build/channel.pot"
	@scripts/tpl_i18n.py extract $(TEMPLATES) >build/templates.pot
	@$(XGETTEXT) -o build/c.pot $(C_TEXT_SRC)
	@msgcat --use-first --no-wrap --sort-by-file build/c.pot build/templates.pot -o $@.tmp
	@sed -i 's/charset=CHARSET/charset=UTF-8/' $@.tmp
	@mv $@.tmp $@
build/locale/es/LC_MESSAGES/channel.mo: po/es.po
	@mkdir -p $(@D)
	@msgfmt --check -o $@ $<
# the pseudo-locale: each text as its own translation wrapped in U+27E6 ... U+27E7
build/locale/qps/LC_MESSAGES/channel.mo: build/channel.pot
	@mkdir -p $(@D)
	@msgen $< | sed 's/^"Plural-Forms:.*/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
		| msgfilter --keep-header -o build/qps.po 2>/dev/null sed -e '1s/^/⟦/' -e '$$s/$$/⟧/'
	@msgfmt -o $@ build/qps.po
build/templates/en/.stamp: $(TEMPLATES) scripts/tpl_i18n.py
	@scripts/tpl_i18n.py localize en - build/templates $(TEMPLATES) && touch $@
build/templates/es/.stamp: $(TEMPLATES) scripts/tpl_i18n.py build/locale/es/LC_MESSAGES/channel.mo
	@scripts/tpl_i18n.py localize es build/locale/es/LC_MESSAGES/channel.mo build/templates $(TEMPLATES) && touch $@
build/templates/qps/.stamp: $(TEMPLATES) scripts/tpl_i18n.py
	@scripts/tpl_i18n.py localize qps - build/templates $(TEMPLATES) && touch $@
build/glibc/en_US.UTF-8 build/glibc/es_ES.UTF-8:
	@mkdir -p build/glibc
	@localedef -i $(basename $(@F)) -f UTF-8 $@ 2>/dev/null || test -f $@/LC_CTYPE
build/glibc/qps_XA.UTF-8:
	@mkdir -p build/glibc
	@localedef -i en_US -f UTF-8 $@ 2>/dev/null || test -f $@/LC_CTYPE

# po/channel.pot and po/es.po brought up to the sources' texts (then translate what msgmerge left empty)
po: build/channel.pot
	cp build/channel.pot po/channel.pot
	msgmerge --quiet --update --no-wrap --backup=none --no-fuzzy-matching po/es.po po/channel.pot

# The catalogs complete and clean, and no template text outside them (the pseudo-locale pass of make test
# checks the C side over every page the tests render).
i18n-check: build/channel.pot
	@scripts/i18n_check.sh

# The partner API's OpenAPI document (served at /v1/openapi.json, linted and checked against every answer by
# the tests): api/openapi/base.json and each resource file's fragment, merged (again when one is added or removed)
all: build/openapi.json
build/openapi.json: api/openapi $(wildcard api/openapi/*.json) scripts/openapi_build.py
	@mkdir -p build
	@scripts/openapi_build.py --out $@ api/openapi

# Rebuild everything when the flags change (e.g. SAN=1 after a normal build).
build/flags: FORCE
	@mkdir -p build/tpl build/domain build/api bin po
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
# tests/cluster/db_*.c test db.c against the test cluster's Galera nodes: tests/cluster/run.sh builds and runs them.
bin/cluster_%: tests/cluster/%.c build/libcc.a
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

# the loopback cluster: channel.conf with the cluster's keys overriding it, in var/cluster/channel.conf
run-cluster: deps
	@$(MAKE) --no-print-directory all
	@conf=$$(scripts/ctl.sh cluster-conf) && scripts/ctl.sh --conf "$$conf" start && \
		scripts/ctl.sh --conf "$$conf" seed && . "$$conf" && echo && \
		echo "Channel Center (cluster layout) is running at http://$$HTTP_HOST:$$HTTP_PORT/  (make stop to stop it)"

# both layouts
stop:
	@scripts/ctl.sh stop
	@conf=$$(scripts/ctl.sh cluster-conf-path); [ ! -f "$$conf" ] || scripts/ctl.sh --conf "$$conf" stop

test:
	@scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory all $(UNIT_TESTS)
	@SAN=$(SAN) tests/run-all.sh

test-cluster:
	@scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory all
	@tests/cluster/run.sh

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
	@! grep -n 'mysql_query\|mysql_real_query' cgi-src/*.c cgi-src/domain/*.c cgi-src/api/*.c cgi-src/tpl/*.c || { echo "lint: SQL must go through db.c's prepared statements"; exit 1; }
	@! grep -n 'mysql_stmt_prepare' cgi-src/*.c cgi-src/domain/*.c cgi-src/api/*.c cgi-src/tpl/*.c | grep -v '^cgi-src/db.c:' || { echo "lint: only db.c prepares statements"; exit 1; }
	@! grep -n ':none' templates/*.tpl || { echo "lint: unescaped template output"; exit 1; }
	@for t in $$(grep -oh '"[a-z][a-z_0-9]*\.tpl"' cgi-src/*.c cgi-src/domain/*.c cgi-src/api/*.c cgi-src/tpl/*.c | tr -d '"' | sort -u); do \
		[ -f templates/$$t ] || { echo "lint: cgi-src names templates/$$t, which does not exist"; exit 1; }; done
	@for t in templates/*.tpl; do case $$t in templates/mail_*) continue;; esac; \
		head -c 31 $$t | grep -q '^{{%AUTOESCAPE context="HTML"}}' || { echo "lint: $$t does not start with the HTML auto-escape pragma"; exit 1; }; done
	@scripts/lint_writes.py
	@echo "lint: ok"

clean:
	rm -rf build bin tests/out

-include $(LIB_OBJ:.o=.d) $(wildcard build/*_main.d build/tpl/*_main.d)

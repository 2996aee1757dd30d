#!/usr/bin/env bash
# install-deps.sh: install the Debian packages Channel Center needs (only those missing); run as root
set -euo pipefail
RUNTIME="nginx-light mariadb-server mariadb-client memcached curl libzxcvbn0"
# the cluster layout (make run-cluster): Galera's provider, and what its SST (wsrep_sst_mariabackup, see
# scripts/galera.sh) runs: mariabackup, socat to stream the copy, ss (iproute2) to see the joiner listen
RUNTIME="$RUNTIME galera-4 mariadb-backup socat iproute2"
BUILD="gcc make pkg-config gettext locales iso-codes python3 libfcgi-dev libmariadb-dev libmemcached-dev libsodium-dev libjson-c-dev libcurl4-openssl-dev libzxcvbn-dev"
TEST="libcmocka-dev libctemplate-dev g++ nodejs npm chromium wrk"
TEST="$TEST python3-aiosmtpd openssl"  # the mail tests: an SMTP server on loopback (aiosmtpd), its TLS certificate
TEST="$TEST clang libclang-rt-14-dev"  # make fuzz: clang's libFuzzer and sanitizers
TEST="$TEST procps"  # the fault tests find processes with pgrep
TEST="$TEST default-jre-headless"  # java for the Nu Html Checker (npm vnu-jar) that validates the pages the tests render
want="$RUNTIME $BUILD"
[ "${1:-}" = "--test" ] && want="$want $TEST"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# npm may come with a node that is not Debian's: accept any working one
if command -v node >/dev/null && command -v npm >/dev/null; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
if [ -n "${missing// /}" ]; then
	echo "Installing:$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: need root to apt-get install:$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q $missing >/dev/null 2>&1 || {
		apt-get update -q >/dev/null
		apt-get install -y -q $missing
	}
fi
# after apt: vnu-jar's install step looks for java and fetches a runtime of its own only when there is none
if [ "${1:-}" = "--test" ] && { [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/vnu-jar ] ||
	[ ! -d tests/node_modules/axe-core ] || [ ! -d tests/node_modules/@redocly/cli ] || [ ! -d tests/node_modules/ajv ] ||
	[ ! -d tests/node_modules/ajv-formats ]; }; then
	(cd tests && npm install --no-audit --no-fund --loglevel=error)
fi
exit 0

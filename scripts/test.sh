#!/usr/bin/env bash
# Runs every test: once on SQLite, once on a throwaway PostgreSQL server, with a headless Chromium for the pages.
# Installs what is missing (Debian: postgresql, chromium, wrk, nginx, openssl; npm packages through the build) and cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)     # the production layout's tests
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# A developer who is not root runs the installs and the database server's commands through sudo.
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== build"
dotnet build Pantau.slnx -c Release -nologo -v q

# The browser scripts' type check (JSDoc, // @ts-check): seconds, so before the long .NET run. A node_modules from
# before typescript was a devDependency is brought up to the lock file first.
echo "== type check of the browser scripts"
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund
node_modules/.bin/tsc --noEmit -p tsconfig.json

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d)
cleanup() {
  $SUDO runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  $SUDO rm -rf "$PGTMP"
}
trap cleanup EXIT
$SUDO chown postgres:postgres "$PGTMP"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$SUDO runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
$SUDO runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c fsync=off -c max_connections=300" start >/dev/null
export PANTAU_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

status=0
summary=()
for provider in Sqlite Postgres; do
  echo "== tests on $provider"
  log="artifacts/test-$provider.log"
  mkdir -p artifacts
  if PANTAU_TEST_PROVIDER=$provider dotnet test Pantau.slnx -c Release --no-build -nologo \
       --logger "console;verbosity=normal" 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then :; else status=1; fi
  summary+=("$provider: $(grep -E '^\s*(Total tests|Passed|Failed|Total time):' "$log" | tr -s ' \n' ' ')")
  # The failed tests' names, so that the last lines of a long run say what to look at.
  while IFS= read -r failed; do summary+=("  $provider failed:$failed"); done \
    < <(grep -E '^\s+Failed [A-Za-z]' "$log" | sed -E 's/^\s+Failed//' | sort -u)
done
echo "== screenshots in tests/Pantau.Tests/bin/Release/net10.0/screenshots"
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status

#!/usr/bin/env bash
# Runs every test: once on SQLite, once on a throwaway PostgreSQL server, with a headless Chromium for the pages.
# Installs what is missing (Debian: postgresql, chromium; npm packages through the build) and cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
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
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
chown postgres:postgres "$PGTMP"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c fsync=off -c max_connections=300" start >/dev/null
export PANTAU_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# Both providers at once: the suite waits on browsers, processes and streams more than it computes, so the two runs
# share the machine's cores well. Each writes its own log; failures and the summary are printed at the end.
mkdir -p artifacts
echo "== tests on Sqlite and Postgres at once (logs: artifacts/test-Sqlite.log, artifacts/test-Postgres.log)"
start=$(date +%s)
for provider in Sqlite Postgres; do
  ( PANTAU_TEST_PROVIDER=$provider dotnet test Pantau.slnx -c Release --no-build -nologo \
      --logger "console;verbosity=normal" > "artifacts/test-$provider.log" 2>&1
    echo $? > "artifacts/test-$provider.rc"
    echo "== $provider done after $(( $(date +%s) - start )) s" ) &
done
wait

status=0
for provider in Sqlite Postgres; do
  log="artifacts/test-$provider.log"
  if [ "$(cat "artifacts/test-$provider.rc")" != 0 ]; then
    status=1
    echo "== failures on $provider"
    grep -E -A30 '^\s+Failed [A-Za-z]' "$log" | head -400 || tail -50 "$log"
  fi
done
echo "== screenshots in tests/Pantau.Tests/bin/Release/net10.0/screenshots"
echo "== summary"
for provider in Sqlite Postgres; do
  echo "$provider: $(grep -A4 '^Total tests' "artifacts/test-$provider.log" | tr -s ' \n' ' ')"
  grep -E '^(Passed|Failed)!' "artifacts/test-$provider.log" || true
done
echo "== wall $(( $(date +%s) - start )) s"
exit $status

#!/usr/bin/env bash
# Benchmark of issue 5: event latency from an accepted report to 500 connected console streams (GET /api/events),
# on one instance (SQLite, then PostgreSQL) and across two instances on one PostgreSQL database (streams split over
# both, reports submitted to one). The app runs in Release; `Pantau.Bench events` opens the streams, submits the
# reports one at a time at a fixed pace and measures every (report, stream) pair. Writes the event latency section
# of docs/benchmarks.md; raw results in bench/.run/events/.
#
#   bench/events.sh
#   CONNECTIONS=500 REPORTS=200 INTERVAL_MS=100 bench/events.sh
#   POSTGRES='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' bench/events.sh   # an existing server
#   ONLY="sqlite" bench/events.sh          # some runs only: sqlite, postgres, two
#
# Without POSTGRES it starts a throwaway PostgreSQL server (as scripts/test.sh does) and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. "$ROOT/bench/secrets.sh"

CONNECTIONS=${CONNECTIONS:-500}
REPORTS=${REPORTS:-200}
INTERVAL_MS=${INTERVAL_MS:-100}
ONLY=${ONLY:-}
RUN=$ROOT/bench/.run/events
APP=$ROOT/src/Pantau.Web/bin/Release/net10.0/Pantau.Web.dll
BENCH=$ROOT/bench/Pantau.Bench/bin/Release/net10.0/Pantau.Bench.dll

echo "== build (Release)"
dotnet build bench/Pantau.Bench/Pantau.Bench.csproj -c Release -nologo -v q

rm -rf "$RUN"; mkdir -p "$RUN"
PIDS=()
PGTMP=""
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$PGTMP" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT
stop_apps() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; PIDS=(); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wanted() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }

# provider connection-string name: starts an instance and sets URL once /health answers (not in $(…): PIDS must be
# this shell's, so that the instances are stopped).
start_app() {
  local provider=$1 cs=$2 name=$3 port
  port=$(free_port)
  # The per-address and per-reporter limits lifted: one client submits every report.
  ASPNETCORE_ENVIRONMENT=Production dotnet "$APP" --urls "http://127.0.0.1:$port" --Database:Provider="$provider" \
    --ConnectionStrings:Pantau="$cs" --Demo:Seed=true --Demo:SeedOutsideDevelopment=true --Demo:Foreigners=0 --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:Pantau.Web.Features.LiveEvents=Information --Reports:Limits:PerAddressPerHour=100000000 \
    --Reports:Limits:PerPhonePerDay=100000000 --Reports:Limits:UnverifiedPerAddressPerHour=100000000 \
    --Reports:Sms:PerHour=100000000 --Reports:Sms:PerPrefixPerHour=100000000 --Reports:Challenge:FreeCodesPerAddressPerHour=100000000 \
    --Reports:CodeKey=bench-phone-code-key-shared-by-the-instances-0123456789 > "$RUN/app-$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the app did not start:" >&2; cat "$RUN/app-$name.log" >&2; exit 1; }
  URL="http://127.0.0.1:$port"
}

measure() { # file label streams submit
  dotnet "$BENCH" events --streams "$3" --submit "$4" --connections "$CONNECTIONS" --reports "$REPORTS" \
    --interval-ms "$INTERVAL_MS" --label "$2" --out "$RUN/$1"
}

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src)')"
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB memory, shared with other work; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Load: $CONNECTIONS streams of \`GET /api/events\` (petugas.jaksel@pantau.test, one login per instance), $REPORTS verified reports (rt.setiabudi@pantau.test, JSON, Idempotency-Key) one at a time, one every $INTERVAL_MS ms; app, database and client on this machine"
  echo "Command: \`bench/events.sh\`$( [ "$CONNECTIONS$REPORTS$INTERVAL_MS" = "500200100" ] || echo " with CONNECTIONS=$CONNECTIONS REPORTS=$REPORTS INTERVAL_MS=$INTERVAL_MS")"
} > "$RUN/machine.txt"

if wanted sqlite; then
  echo "== one instance, SQLite"
  start_app Sqlite "Data Source=$RUN/events.db" sqlite
  measure events-1-sqlite.json "one instance, SQLite" "$URL" "$URL"
  stop_apps
fi

if wanted postgres || wanted two; then
  if [ -z "${POSTGRES:-}" ]; then
    echo "== starting a throwaway PostgreSQL"
    PGTMP=$(mktemp -d); chown postgres:postgres "$PGTMP"
    PGPORT=$(free_port)
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c fsync=off -c max_connections=300" start >/dev/null
    POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
  fi
  DB="pantau_events_$(date +%s)"
  CS=$(python3 -c 'import sys; print(";".join(p for p in sys.argv[1].split(";") if not p.lower().startswith("database=")) + ";Database=" + sys.argv[2])' "$POSTGRES" "$DB")
  start_app Postgres "$CS" postgres-a   # creates and seeds the database alone, before B starts
  A=$URL
  if wanted postgres; then
    echo "== one instance, PostgreSQL"
    measure events-2-postgres.json "one instance, PostgreSQL" "$A" "$A"
  fi
  if wanted two; then
    echo "== two instances, PostgreSQL (streams on both, reports to A)"
    start_app Postgres "$CS" postgres-b
    B=$URL
    measure events-3-two.json "two instances, PostgreSQL (streams split, reports to one)" "$A,$B" "$A"
  fi
  stop_apps
  # psql takes the server from the same connection string (key=value; Npgsql's names lower-cased match libpq's but Username).
  PSQL_CONN=$(python3 -c 'import sys; kv={k.strip().lower(): v for k, v in (p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)}; print("host=%s port=%s user=%s dbname=postgres" % (kv.get("host", "127.0.0.1"), kv.get("port", "5432"), kv.get("username", "postgres")))' "$POSTGRES")
  psql "$PSQL_CONN" -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
fi

dotnet "$BENCH" events-report --results "$RUN" --machine "$RUN/machine.txt" --out docs/benchmarks.md > /dev/null
echo "== docs/benchmarks.md updated; raw results in $RUN"

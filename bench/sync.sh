#!/usr/bin/env bash
# Benchmarks of issue 6 (the central sync), on each provider in PROVIDERS:
#  1. the import of a ROWS-row central snapshot (default 1,000,000) into an empty registry with the
#     `import-snapshot` command: wall time and peak memory (maximum resident set size, /usr/bin/time -v);
#  2. the change feed: the app (Release, Production) started on that registry, and `simulate-central feed --url`
#     pushing EVENTS signed events (default 100,000) about PEOPLE new people (creations, extensions, moves, renewals,
#     conversions, full records, departures) in batches of BATCH, one request after another, after a warm-up feed of
#     WARMUP events (default 60,000) about other people; events applied per
#     second, end to end (signing, HTTP, JSON, the batch transaction with its ledger rows and audit entries).
# Prints the results (bench/.run/sync/results.txt); docs/benchmarks.md, "Central sync", holds the runs written up.
#
#   bench/sync.sh
#   PROVIDERS=Sqlite ROWS=100000 EVENTS=20000 bench/sync.sh
#   PG='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres' bench/sync.sh   # the PostgreSQL server to use
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. "$ROOT/bench/secrets.sh"
PROVIDERS=${PROVIDERS:-"Sqlite Postgres"}
ROWS=${ROWS:-1000000}
EVENTS=${EVENTS:-100000}
PEOPLE=${PEOPLE:-20000}
BATCH=${BATCH:-1000}
WARMUP=${WARMUP:-60000}
PG=${PG:-"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"}
KEY=bench-shared-key-0123456789abcdef0123
DATA=$ROOT/bench/.data
RUN=${RUN_DIR:-$ROOT/bench/.run}/sync
APP=$ROOT/src/Pantau.Web/bin/Release/net10.0/Pantau.Web.dll
TODAY=$(date -u +%F)

echo "== build (Release)"
dotnet build src/Pantau.Web/Pantau.Web.csproj -c Release -nologo -v q
mkdir -p "$DATA" "$RUN"
rm -f "$RUN"/*.txt

APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap stop_app EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

SNAPSHOT=$DATA/snapshot-$ROWS.csv
if [ ! -f "$SNAPSHOT" ]; then
  echo "== generating $SNAPSHOT"
  rm -f "$RUN"/gen.db*
  dotnet "$APP" simulate-central snapshot --rows "$ROWS" --seed 2026 --today "$TODAY" --out "$SNAPSHOT.tmp" \
    --ConnectionStrings:Pantau="Data Source=$RUN/gen.db" > /dev/null
  mv "$SNAPSHOT.tmp" "$SNAPSHOT"
fi

{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB memory; .NET $(dotnet --version); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Snapshot: $ROWS rows, $(du -m "$SNAPSHOT" | cut -f1) MiB (\`simulate-central snapshot --rows $ROWS --seed 2026\`); feed: $EVENTS events about $PEOPLE new people in batches of $BATCH, after a warm-up of $WARMUP events"
} > "$RUN/machine.txt"

for PROVIDER in $PROVIDERS; do
  echo "== $PROVIDER"
  if [ "$PROVIDER" = Postgres ]; then
    NAME=pantau_sync_bench_$$
    CS=$(python3 -c "import sys; print(sys.argv[1].replace('Database=postgres', 'Database=$NAME'))" "$PG")
  else
    rm -f "$RUN"/bench.db*
    CS="Data Source=$RUN/bench.db"
  fi
  ARGS=(--Database:Provider="$PROVIDER" --ConnectionStrings:Pantau="$CS" --Logging:LogLevel:Default=Warning)
  # An empty registry with its regions: what a first import meets.
  dotnet "$APP" simulate-central snapshot --rows 1 --out "$RUN/one.csv" "${ARGS[@]}" > /dev/null

  echo "   import of $ROWS rows"
  /usr/bin/time -v -o "$RUN/time-$PROVIDER.txt" dotnet "$APP" import-snapshot "$SNAPSHOT" "${ARGS[@]}" > "$RUN/import-$PROVIDER.txt" 2>&1
  ELAPSED=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$RUN/time-$PROVIDER.txt")
  RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$RUN/time-$PROVIDER.txt")
  CPU=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.0f", u+s}' "$RUN/time-$PROVIDER.txt")
  echo "import|$PROVIDER|$ELAPSED|$((RSS / 1024))|$CPU|$(grep -o 'Completed in [0-9.,]* s' "$RUN/import-$PROVIDER.txt" | head -1)" >> "$RUN/results.txt"
  tail -n 12 "$RUN/import-$PROVIDER.txt"

  echo "   feed of $EVENTS events"
  PORT=$(free_port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$APP" --urls "http://127.0.0.1:$PORT" "${ARGS[@]}" --Demo:Seed=false --Sync:SharedKey="$KEY" \
    --Reports:CodeKey="bench-phone-code-key-$KEY" > "$RUN/app-$PROVIDER.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  # A warm-up feed about other people, then the measured feed (people numbered after the snapshot's). Code that runs
  # once per batch is compiled in full only after about 60 batches: a shorter warm-up measures the JIT compiler too
  # (42 % of the app's CPU over a 20-batch feed), which a service running for days pays once.
  dotnet "$APP" simulate-central feed --people $((WARMUP / 5)) --events "$WARMUP" --first-person $((ROWS + 5000000)) --batch "$BATCH" \
    --url "http://127.0.0.1:$PORT" --key "$KEY" "${ARGS[@]}" > /dev/null
  BEFORE=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  dotnet "$APP" simulate-central feed --people "$PEOPLE" --events "$EVENTS" --first-person $((ROWS + 1)) --batch "$BATCH" --seed 7 \
    --url "http://127.0.0.1:$PORT" --key "$KEY" "${ARGS[@]}" | tee "$RUN/feed-$PROVIDER.txt"
  # The app's CPU time over the feed (1/100 s): the cost per event whatever else the machine is doing.
  echo "feed|$PROVIDER|$(tr '\n' ' ' < "$RUN/feed-$PROVIDER.txt")|app CPU $(( ($(awk '{print $14 + $15}' "/proc/$APP_PID/stat") - BEFORE) / 100 )) s" >> "$RUN/results.txt"
  stop_app
  if [ "$PROVIDER" = Postgres ]; then
    python3 - "$PG" "$NAME" <<'PY' || true
import subprocess, sys
parts = dict(p.split('=', 1) for p in sys.argv[1].split(';') if p)
subprocess.run(['psql', '-h', parts.get('Host', '127.0.0.1'), '-p', parts.get('Port', '5432'), '-U', parts.get('Username', 'postgres'),
                '-d', 'postgres', '-c', f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)'], check=False)
PY
  else
    rm -f "$RUN"/bench.db*
  fi
done

echo "== results"
cat "$RUN/machine.txt" "$RUN/results.txt"

#!/usr/bin/env bash
# Registry search benchmark: wrk against the app running in Release on SQLite, at each registry size, against the
# bare JSON endpoint of the same app in the same run. Writes the results section of docs/benchmarks.md.
#
#   bench/run.sh [SIZE...]          default sizes: 10000 1000000
#   DURATION=20s WARMUP=5s CONNECTIONS=16 THREADS=1 TARGETS=1000 SLOW_DURATION=60s bench/run.sh
#
# An endpoint that answers fewer than 50 requests in DURATION with CONNECTIONS connections is measured again with two
# connections for SLOW_DURATION (the report says so). Between runs the script waits until the app is idle.
#
# Seeded databases are cached in bench/.data/pantau-SIZE.db (seeding a million takes about two minutes); each run
# works on a copy, because every search appends to the audit trail.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 1000000)
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
TARGETS=${TARGETS:-1000}
SLOW_DURATION=${SLOW_DURATION:-60s}
DATA=$ROOT/bench/.data
RESULTS=$DATA/results
APP=$ROOT/src/Pantau.Web/bin/Release/net10.0/Pantau.Web.dll
BENCH=$ROOT/bench/Pantau.Bench/bin/Release/net10.0/Pantau.Bench.dll

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

echo "== build (Release)"
dotnet build bench/Pantau.Bench/Pantau.Bench.csproj -c Release -nologo -v q

mkdir -p "$DATA"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
}
trap 'stop_app; rm -f "$DATA"/run.db*' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until the app has finished what the last run left in flight (a client that gives up does not stop a query
# already running), so that no run pays for the one before: until it uses under a tenth of a core for a second.
drain() {
  local before after
  for _ in $(seq 1 240); do
    before=$(app_cpu_ticks)
    sleep 1
    after=$(app_cpu_ticks)
    [ $((after - before)) -lt 10 ] && return 0
  done
  echo "   (the app was still busy after four minutes)"
}

app_cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }

# One measured wrk run into FILE, with the app's CPU time over the run (user + system, in 1/100 s) appended, which
# tells the cost of a request apart from how busy the machine was.
measure() { # file -tN -cN -dD url paths token
  local file=$1 t=$2 c=$3 d=$4 url=$5 paths=$6 token=$7 before
  before=$(app_cpu_ticks)
  wrk "$t" "$c" "$d" --timeout 60s --latency -s bench/wrk/rotate.lua "$url" -- "$paths" "$token" > "$file"
  echo "app-cpu-ticks: $(( $(app_cpu_ticks) - before ))" >> "$file"
  drain
}

wrk_run() { # name url paths [token]
  local name=$1 url=$2 paths=$3 token=${4:-}
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 60s -s bench/wrk/rotate.lua "$url" -- "$paths" "$token" >/dev/null
  drain
  measure "$OUT/wrk-$name.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url" "$paths" "$token"
  # Too slow for a percentile with this many connections: measure again with two, for longer.
  if [ "$(sed -n 's/^pantau: answers=\([0-9]*\).*/\1/p' "$OUT/wrk-$name.txt")" -lt 50 ]; then
    measure "$OUT/wrk-$name.txt" -t1 -c2 -d"$SLOW_DURATION" "$url" "$paths" "$token"
  fi
  printf '   %-10s %s\n' "$name" "$(grep -E '^Requests/sec' "$OUT/wrk-$name.txt")   p99 $(awk '$1=="99%"{print $2}' "$OUT/wrk-$name.txt")   $(grep -E '^pantau:' "$OUT/wrk-$name.txt")"
}

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src)')"
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB memory, $(. /etc/os-release; echo "$PRETTY_NAME"); .NET $(dotnet --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "App: Release build, SQLite (WAL), one process on the same machine as wrk, both at nice $(nice); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` after a $WARMUP warm-up, per endpoint (\`-c2 -d$SLOW_DURATION\` where that got under 50 answers), rotating over $TARGETS passport numbers / full names of people in Kanim Tangerang's jurisdiction (36.71, 36.03), signed in as petugas.tangerang@pantau.test"
  echo "Command: \`bench/run.sh ${SIZES[*]}\`"
} > "$RESULTS/machine.txt"

for SIZE in "${SIZES[@]}"; do
  DB=$DATA/pantau-$SIZE.db
  if [ ! -f "$DB" ]; then
    echo "== seeding $SIZE foreigners into $DB"
    rm -f "$DB.tmp"*
    dotnet "$APP" seed --foreigners "$SIZE" --ConnectionStrings:Pantau="Data Source=$DB.tmp"
    mv "$DB.tmp" "$DB"
  fi

  echo "== $SIZE foreigners"
  rm -f "$DATA"/run.db*
  cp "$DB" "$DATA/run.db"
  PORT=$(free_port)
  URL=http://127.0.0.1:$PORT
  ASPNETCORE_ENVIRONMENT=Production dotnet "$APP" --urls "$URL" --ConnectionStrings:Pantau="Data Source=$DATA/run.db" \
    --Logging:LogLevel:Default=Warning > "$DATA/app-$SIZE.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -sf "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$URL/health" >/dev/null || { echo "the app did not start:"; cat "$DATA/app-$SIZE.log"; exit 1; }

  OUT=$RESULTS/$SIZE; mkdir -p "$OUT"
  dotnet "$BENCH" prepare --url "$URL" --db "$DATA/run.db" --out "$OUT" --targets "$TARGETS"
  TOKEN=$(cat "$OUT/token")
  wrk_run ping "$URL" "$OUT/paths-ping.txt"
  wrk_run ping-auth "$URL" "$OUT/paths-ping.txt" "$TOKEN"
  wrk_run passport "$URL" "$OUT/paths-passport.txt" "$TOKEN"
  wrk_run name "$URL" "$OUT/paths-name.txt" "$TOKEN"
  stop_app
done

dotnet "$BENCH" report --results "$RESULTS" --out docs/benchmarks.md > /dev/null
echo "== docs/benchmarks.md updated; raw wrk output in $RESULTS"

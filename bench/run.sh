#!/usr/bin/env bash
# Benchmarks of issues 2, 3 and 4: wrk against the app running in Release on SQLite, at each registry size, against
# the bare JSON endpoint of the same app in the same run: registry search (passport, name), field checks by passport
# number, counts at district, village and RT level, and (at the sizes in SUBMIT_SIZES) verified public report
# submissions with and without a photo. Writes the results section of docs/benchmarks.md.
#
#   bench/run.sh [SIZE...]          default sizes: 10000 1000000
#   DURATION=20s WARMUP=5s CONNECTIONS=16 THREADS=1 TARGETS=1000 SLOW_DURATION=60s bench/run.sh
#   SUBMIT_SIZES="10000" REPORTERS=2000 ONLY="ping fieldcheck" bench/run.sh 10000
#
# An endpoint that answers fewer than 50 requests in DURATION with CONNECTIONS connections is measured again with two
# connections for SLOW_DURATION (the report says so). Between runs the script waits until the app is idle.
#
# Seeded databases are cached in bench/.data/pantau-SIZE.db (seeding a million takes about two minutes); each run
# works on a copy in bench/.run (RUN_DIR), with the raw results, because every search appends to the audit trail and
# the app migrates the copy to the current schema at start; the cached databases are only read.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. "$ROOT/bench/secrets.sh"

SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 1000000)
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
TARGETS=${TARGETS:-1000}
SLOW_DURATION=${SLOW_DURATION:-60s}
SUBMIT_SIZES=${SUBMIT_SIZES:-10000}
REPORTERS=${REPORTERS:-2000}
ONLY=${ONLY:-}
DATA=$ROOT/bench/.data
RUN=${RUN_DIR:-$ROOT/bench/.run}
RESULTS=$RUN/results
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

mkdir -p "$DATA" "$RUN"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi
}
trap 'stop_app; rm -f "$RUN"/run.db* "$RUN"/audit-checkpoints.jsonl' EXIT

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
measure() { # file -tN -cN -dD url script [script args...]
  local file=$1 t=$2 c=$3 d=$4 url=$5 script=$6 before
  shift 6
  before=$(app_cpu_ticks)
  wrk "$t" "$c" "$d" --timeout 60s --latency -s "$script" "$url" -- "$@" > "$file"
  echo "app-cpu-ticks: $(( $(app_cpu_ticks) - before ))" >> "$file"
  drain
}

wanted() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }

# name url script [script args...]: a warm-up, then the measured run.
wrk_script() {
  local name=$1 url=$2 script=$3
  shift 3
  wanted "$name" || return 0
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 60s -s "$script" "$url" -- "$@" >/dev/null
  drain
  measure "$OUT/wrk-$name.txt" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url" "$script" "$@"
  # Too slow for a percentile with this many connections: measure again with two, for longer.
  if [ "$(sed -n 's/^pantau: answers=\([0-9]*\).*/\1/p' "$OUT/wrk-$name.txt")" -lt 50 ]; then
    measure "$OUT/wrk-$name.txt" -t1 -c2 -d"$SLOW_DURATION" "$url" "$script" "$@"
  fi
  printf '   %-14s %s\n' "$name" "$(grep -E '^Requests/sec' "$OUT/wrk-$name.txt")   p99 $(awk '$1=="99%"{print $2}' "$OUT/wrk-$name.txt")   $(grep -E '^pantau:' "$OUT/wrk-$name.txt")"
}

wrk_run() { # name url paths [token]: GET the paths in turn
  wrk_script "$1" "$2" bench/wrk/rotate.lua "$3" "${4:-}"
}

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src)')"
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB memory, $(. /etc/os-release; echo "$PRETTY_NAME"); .NET $(dotnet --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "App: Release build, SQLite (WAL), one process on the same machine as wrk, both at nice $(nice); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` after a $WARMUP warm-up, per endpoint (\`-c2 -d$SLOW_DURATION\` where that got under 50 answers), rotating over $TARGETS passport numbers / full names / places of people in Kanim Tangerang's jurisdiction (36.71, 36.03) (field checks: as many outside it, alternating), signed in as petugas.tangerang@pantau.test; report submissions anonymous with $REPORTERS verified phones' reporter tokens in turn, at ${SUBMIT_SIZES// /, } foreigners"
  echo "Command: \`bench/run.sh ${SIZES[*]}\`"
} > "$RESULTS/machine.txt"

for SIZE in "${SIZES[@]}"; do
  DB=$DATA/pantau-$SIZE.db
  if [ ! -f "$DB" ]; then
    echo "== seeding $SIZE foreigners into $DB"
    rm -f "$DB.tmp"*
    dotnet "$APP" seed --foreigners "$SIZE" --Demo:SeedOutsideDevelopment=true --ConnectionStrings:Pantau="Data Source=$DB.tmp"
    mv "$DB.tmp" "$DB"
  fi

  echo "== $SIZE foreigners"
  rm -f "$RUN"/run.db* "$RUN"/audit-checkpoints.jsonl
  cp "$DB" "$RUN/run.db"
  PORT=$(free_port)
  URL=http://127.0.0.1:$PORT
  # The per-address limits lifted (wrk is one address) and the per-phone one raised, so that the load is what is
  # measured, not the 429s; the per-device limit applies only to requests with X-Device-Id, which wrk does not send.
  ASPNETCORE_ENVIRONMENT=Production dotnet "$APP" --urls "$URL" --ConnectionStrings:Pantau="Data Source=$RUN/run.db" --Demo:SeedOutsideDevelopment=true \
    --Audit:CheckpointPath="$RUN/audit-checkpoints.jsonl" \
    --Logging:LogLevel:Default=Warning --Reports:Limits:PerAddressPerHour=100000000 --Reports:Limits:CodesPerAddressPerHour=100000000 \
    --Reports:Limits:PerPhonePerDay=100000000 --Reports:Limits:UnverifiedPerAddressPerHour=100000000 \
    --Reports:Sms:PerHour=100000000 --Reports:Sms:PerPrefixPerHour=100000000 --Reports:Challenge:FreeCodesPerAddressPerHour=100000000 \
    --Reports:CodeKey="bench-phone-code-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" ${APP_ARGS:-} > "$RUN/app-$SIZE.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 600); do curl -sf "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "$URL/health" >/dev/null || { echo "the app did not start:"; cat "$RUN/app-$SIZE.log"; exit 1; }

  OUT=$RESULTS/$SIZE; mkdir -p "$OUT"
  SUBMIT=0; [[ " $SUBMIT_SIZES " == *" $SIZE "* ]] && SUBMIT=$REPORTERS
  dotnet "$BENCH" prepare --url "$URL" --db "$RUN/run.db" --out "$OUT" --targets "$TARGETS" --reporters "$SUBMIT"
  drain
  TOKEN=$(cat "$OUT/token")
  wrk_run ping "$URL" "$OUT/paths-ping.txt"
  wrk_run ping-auth "$URL" "$OUT/paths-ping.txt" "$TOKEN"
  wrk_run passport "$URL" "$OUT/paths-passport.txt" "$TOKEN"
  wrk_run name "$URL" "$OUT/paths-name.txt" "$TOKEN"
  wrk_script fieldcheck "$URL/api/field-checks" bench/wrk/post.lua "$OUT/bodies-fieldcheck.bin" application/json "$TOKEN"
  for level in district village rt; do wrk_run "count-$level" "$URL" "$OUT/paths-count-$level.txt" "$TOKEN"; done
  if [ "$SUBMIT" -gt 0 ]; then
    for kind in report report-photo; do
      wrk_script "$kind" "$URL/api/public/reports" bench/wrk/post.lua "$OUT/bodies-$kind.bin" \
        "multipart/form-data; boundary=pantau-bench-boundary" "" "$OUT/reporter-tokens.txt"
    done
  fi
  stop_app
done

dotnet "$BENCH" report --results "$RESULTS" --out docs/benchmarks.md > /dev/null
echo "== docs/benchmarks.md updated; raw wrk output in $RESULTS"

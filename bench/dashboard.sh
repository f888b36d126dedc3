#!/usr/bin/env bash
# Benchmark of issue 17 (the dashboard and the monthly report): the app in Release, Production, on SQLite with RESIDENTS
# foreigners (default 1,000,000) and REPORTS verified reports (default 100,000) spread over the demo offices and one
# local month; signed in as the national admin, each request RUNS times one after another (after one warm-up):
#   GET /api/ping                              the bare JSON endpoint of the same app, for the ratio
#   GET /api/dashboard?from=&to=               the national month's figures
#   GET /api/dashboard/heat?from=&to=          the national month's heat map
#   GET /api/dashboard/monthly.xlsx?month=     the national month's workbook (target: at most 5 s)
# Prints the median and the maximum of each (curl's total time) to bench/.run/dashboard/results.txt;
# docs/benchmarks.md, "Dashboard and monthly report", holds the run written up.
#
#   bench/dashboard.sh
#   RESIDENTS=10000 REPORTS=5000 RUNS=5 bench/dashboard.sh
#
# The registry is the one bench/run.sh caches (bench/.data/pantau-RESIDENTS.db, seeded with `seed --foreigners`); the
# reports are added to a copy of it with `seed --reports N --month YYYY-MM` and cached as
# bench/.data/pantau-RESIDENTS-reports-REPORTS-MONTH.db; each run works on a copy of that (the app migrates it at start).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. "$ROOT/bench/secrets.sh"
RESIDENTS=${RESIDENTS:-1000000}
REPORTS=${REPORTS:-100000}
RUNS=${RUNS:-7}
MONTH=${MONTH:-$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)}
DATA=$ROOT/bench/.data
RUN=${RUN_DIR:-$ROOT/bench/.run}/dashboard
APP=$RUN/app/Pantau.Web.dll
PASSWORD='Demo#2026'

echo "== build (Release)"
dotnet build src/Pantau.Web/Pantau.Web.csproj -c Release -nologo -v q
mkdir -p "$DATA" "$RUN"
rm -f "$RUN"/*.txt
# The app runs from a copy of the build, so that a build during the run does not change it underfoot.
rm -rf "$RUN/app"; cp -r src/Pantau.Web/bin/Release/net10.0 "$RUN/app"

APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap 'stop_app; rm -f "$RUN"/run.db*' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

REGISTRY=$DATA/pantau-$RESIDENTS.db
if [ ! -f "$REGISTRY" ]; then
  echo "== seeding $RESIDENTS foreigners into $REGISTRY"
  rm -f "$REGISTRY.tmp"*
  dotnet "$APP" seed --foreigners "$RESIDENTS" --Demo:SeedOutsideDevelopment=true --ConnectionStrings:Pantau="Data Source=$REGISTRY.tmp"
  mv "$REGISTRY.tmp" "$REGISTRY"
fi
DB=$DATA/pantau-$RESIDENTS-reports-$REPORTS-$MONTH.db
if [ ! -f "$DB" ]; then
  echo "== adding $REPORTS reports in $MONTH to a copy of $REGISTRY"
  rm -f "$DB.tmp"*
  cp "$REGISTRY" "$DB.tmp"
  /usr/bin/time -f "%e s" -o "$RUN/seed-time.txt" dotnet "$APP" seed --foreigners 0 --reports "$REPORTS" --month "$MONTH" \
    --Demo:SeedOutsideDevelopment=true --ConnectionStrings:Pantau="Data Source=$DB.tmp" --Logging:LogLevel:Default=Warning
  echo "   seeding the reports took $(cat "$RUN/seed-time.txt")"
  mv "$DB.tmp" "$DB"
fi

FIRST=$MONTH-01
LAST=$(date -u -d "$FIRST +1 month -1 day" +%F)
rm -f "$RUN"/run.db*
cp "$DB" "$RUN/run.db"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
ASPNETCORE_ENVIRONMENT=Production dotnet "$APP" --urls "$URL" --ConnectionStrings:Pantau="Data Source=$RUN/run.db" --Demo:SeedOutsideDevelopment=true \
  --Audit:CheckpointPath="$RUN/audit-checkpoints.jsonl" --Logging:LogLevel:Default=Warning \
  --Reports:CodeKey="bench-phone-code-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$RUN/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do curl -sf "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$URL/health" >/dev/null || { echo "the app did not start:"; cat "$RUN/app.log"; exit 1; }

TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"admin@pantau.test\",\"password\":\"$PASSWORD\"}" "$URL/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src)')"
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB memory; .NET $(dotnet --version); nice $(nice); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Data: $RESIDENTS foreigners, $REPORTS reports verified in $MONTH over the $(sqlite3 "$RUN/run.db" 'select count(*) from Offices' 2>/dev/null || echo '?') demo offices; database $(du -m "$RUN/run.db" | cut -f1) MiB"
  echo "- Requests: one after another, signed in as admin@pantau.test (national), 1 warm-up then $RUNS measured each; curl's total time"
} > "$RUN/machine.txt"
cat "$RUN/machine.txt"

# name path [expected content type]: the warm-up, then RUNS timed requests; median and maximum in seconds.
time_get() {
  local name=$1 path=$2 times=() code
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL$path"
  for _ in $(seq 1 "$RUNS"); do
    read -r code t < <(curl -s -o "$RUN/last-$name" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" "$URL$path")
    [ "$code" = 200 ] || { echo "$name: HTTP $code"; head -c 400 "$RUN/last-$name"; exit 1; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v size="$(stat -c %s "$RUN/last-$name")" \
    '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%s|%.3f|%.3f|%d\n", name, m, a[NR], size}' | tee -a "$RUN/results.txt"
}

echo "name|median s|max s|bytes"
time_get ping "/api/ping"
time_get dashboard "/api/dashboard?from=$FIRST&to=$LAST"
time_get heat "/api/dashboard/heat?from=$FIRST&to=$LAST"
time_get workbook "/api/dashboard/monthly.xlsx?month=$MONTH"
python3 - "$RUN/last-dashboard" <<'EOF' | tee -a "$RUN/machine.txt"
import json, sys
f = json.load(open(sys.argv[1]))
print(f"- The month's figures: {f['reports']} reports, {f['fieldChecks']} field checks, {sum(p['cancelled'] + p['lapsed'] for p in f['permitsEnded'])} permits ended, registry changes {f['registryChanges']}")
EOF
stop_app
echo "== results in $RUN/results.txt"

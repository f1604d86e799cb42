#!/usr/bin/env bash
# The reports page's first load right after a server restart (issue 13; docs/performance.md, "Page weight and the
# reports page's first load"), one command:
#   bench/cold-start.sh                      publish Release into a temp folder, then measure 3 restarts
#   bench/cold-start.sh --app DIR            measure an app folder already built or published (Lottery.Web.dll in it)
#   bench/cold-start.sh --runs 5 --environment Development --app Lottery.Web/bin/Debug/net10.0
#
# Like a node behind a load balancer: the app runs as its own process (`dotnet Lottery.Web.dll`, Production, SQLite file
# with the demo seeded by a first start that is not measured); each run starts it, waits until /health/ready answers 200
# (what a load balancer waits for; printed as "ready"), then a fresh Chromium (no cache, no cookies) opens the sign-in page
# with returnUrl=/reports, signs in as the demo manager and takes the milliseconds from the "Sign in" click's navigation
# start until the report figures and the chart are laid out ("shown"; bench/cold-start/measure.js). Then the app is
# stopped and started again. Prints every run and the medians.
#
# Port: LOTTERY_BENCH_APP_PORT (default 5096). Needs node + npm (playwright-core is installed into bench/cold-start by
# `npm ci` on the first run) and Chromium at /usr/bin/chromium (or CHROMIUM=...). The figure only means something on a
# quiet machine: the load average is printed with the result.
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=3
app=""
environment=Production
port=${LOTTERY_BENCH_APP_PORT:-5096}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --app) app=$(cd "$2" && pwd); shift 2 ;;
    --environment) environment=$2; shift 2 ;;
    *) echo "usage: bench/cold-start.sh [--app DIR] [--runs N] [--environment NAME]" >&2; exit 2 ;;
  esac
done

say() { printf 'cold-start: %s\n' "$*"; }
work=$(mktemp -d /tmp/lottery-cold-start.XXXXXX)
app_pid=""
stop_app() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
cleanup() { stop_app; rm -rf "$work"; }
trap cleanup EXIT

if [[ ! -d bench/cold-start/node_modules/playwright-core ]]; then
  (cd bench/cold-start && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi

if [[ -z "$app" ]]; then
  say "publishing Release into $work/app"
  dotnet publish Lottery.Web -c Release -o "$work/app" -tl:off -v q -nologo >/dev/null
  app="$work/app"
fi

base="http://127.0.0.1:$port"
start_app() {
  (cd "$app" && ASPNETCORE_ENVIRONMENT=$environment Demo__Seed=true Database__Provider=Sqlite \
    ConnectionStrings__Lottery="Data Source=$work/lottery.db" Logging__LogLevel__Default=Warning \
    exec dotnet Lottery.Web.dll --urls "$base" >>"$work/app.log" 2>&1) &
  app_pid=$!
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
wait_ready() {
  local started=$1
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)" == 200 ]]; do
    if ! kill -0 "$app_pid" 2>/dev/null; then say "the app exited; its log:"; tail -40 "$work/app.log" >&2; exit 1; fi
    if (( $(now_ms) - started > 120000 )); then say "not ready after 120 s"; tail -40 "$work/app.log" >&2; exit 1; fi
    sleep 0.05
  done
  echo $(( $(now_ms) - started ))
}

say "first start: migrate and seed the demo (not measured)"
start_app
wait_ready "$(now_ms)" >/dev/null
stop_app

shown=(); ready=()
for ((i = 1; i <= runs; i++)); do
  started=$(now_ms)
  start_app
  ready_ms=$(wait_ready "$started")
  result=$(node bench/cold-start/measure.js "$base" /reports)
  stop_app
  ms=$(node -e 'console.log(JSON.parse(process.argv[1]).shown)' "$result")
  shown+=("$ms"); ready+=("$ready_ms")
  say "run $i: ready ${ready_ms} ms after start; reports shown ${ms} ms after the sign-in click  $result"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
say "median of $runs: reports shown $(median "${shown[@]}") ms; ready $(median "${ready[@]}") ms after start" \
  "($environment, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"

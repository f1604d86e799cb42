#!/usr/bin/env bash
# The draw-path benchmark, one command:
#   bench/run.sh                                   every scenario, defaults (≈ 4½ min)
#   bench/run.sh --duration 15 --concurrency 128,256   extra arguments go to the load generator (see below)
#
# Starts a throwaway Redis (appendonly yes, appendfsync everysec, noeviction: "records durable") and a throwaway
# PostgreSQL cluster in a temp directory on private ports (LOTTERY_BENCH_REDIS_PORT, default 6391; LOTTERY_BENCH_PG_PORT,
# default 5438; the app listens on LOTTERY_BENCH_APP_PORT, default 5095), builds Release, runs bench/Lottery.Bench —
# HTTP draws against the real app in Redis mode, in embedded PostgreSQL mode and in embedded SQLite mode (the app's
# default; a throwaway database file in the temp directory), the in-process DrawService, and a raw EVALSHA loop of the
# draw script — writes the results into docs/performance.md (between its bench:begin/end markers) and always stops both
# servers and removes the temp directory on the way out.
#
# The numbers only mean something on a quiet machine: it first waits (up to LOTTERY_BENCH_WAIT seconds, default 600)
# until no test suite runs (no testhost process) and the machine uses under 0.3 cores, and refuses to measure otherwise
# unless LOTTERY_BENCH_IGNORE_BUSY=1. Other load that starts during the run shows as "other" in the CPU column.
#
# Load-generator arguments: --warmup S (5) --duration S (10) --concurrency 64,128,256 --players 1000
#   --scenarios http-redis,http-embedded,http-sqlite,in-process,raw-evalsha
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

redis_port=${LOTTERY_BENCH_REDIS_PORT:-6391}
pg_port=${LOTTERY_BENCH_PG_PORT:-5438}
app_port=${LOTTERY_BENCH_APP_PORT:-5095}
busy_wait=${LOTTERY_BENCH_WAIT:-600}
wait_seconds=30
command_line="bench/run.sh${*:+ $*}"

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: FAILED: %s\n' "$*" >&2; exit 1; }
# shellcheck source=scripts/throwaway-services.sh
. scripts/throwaway-services.sh

# --- 1. Services, installed only when missing ------------------------------------------------------------------------
# Only what is missing is asked for (as in test.sh): a package already present, or provided otherwise, is left alone.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
newest_pg_bin >/dev/null || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=300 update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y "${missing[@]}"
fi
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
command -v dotnet >/dev/null || die "dotnet is not on PATH (the .NET SDK from global.json is needed)"
newest_pg_bin >/dev/null || die "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- 2. Build Release (before the quiet-machine wait: building is not measured) ------------------------------------
say "building Release"
dotnet build bench/Lottery.Bench/Lottery.Bench.csproj -c Release -tl:off -v:q -nologo || die "the build failed"
app_dll=$PWD/Lottery.Web/bin/Release/net10.0/Lottery.Web.dll
bench_dll=$PWD/bench/Lottery.Bench/bin/Release/net10.0/Lottery.Bench.dll
[ -f "$app_dll" ] && [ -f "$bench_dll" ] || die "build output missing ($app_dll, $bench_dll)"

# --- 3. A quiet machine --------------------------------------------------------------------------------------------
# Busy CPU of the whole machine over two seconds, in hundredths of a core (from /proc/stat).
busy_centicores() {
  local a b c d e f g h t1 i1 t2 i2
  read -r _ a b c d e f g h _ </proc/stat; t1=$((a + b + c + d + e + f + g + h)); i1=$((d + e))
  sleep 2
  read -r _ a b c d e f g h _ </proc/stat; t2=$((a + b + c + d + e + f + g + h)); i2=$((d + e))
  echo $(( $(nproc) * 100 * ((t2 - t1) - (i2 - i1)) / (t2 - t1 > 0 ? t2 - t1 : 1) ))
}
deadline=$((SECONDS + busy_wait))
while :; do
  if pgrep -f testhost >/dev/null; then
    why="a test suite is running (pgrep -f testhost)"
  elif busy=$(busy_centicores) && [ "$busy" -gt 30 ]; then
    why="the machine is busy ($((busy / 100)).$(printf '%02d' $((busy % 100))) cores in use)"
  else
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    [ "${LOTTERY_BENCH_IGNORE_BUSY:-0}" = 1 ] || die "$why after ${busy_wait}s; set LOTTERY_BENCH_IGNORE_BUSY=1 to measure anyway"
    say "WARNING: measuring anyway while $why (the CPU column's 'other' shows its share)"
    break
  fi
  say "waiting: $why ($((deadline - SECONDS))s left)"
  sleep 3
done

# --- 4. Throwaway servers, stopped on every way out ----------------------------------------------------------------
for port in "$redis_port" "$pg_port" "$app_port"; do
  port_in_use "$port" && die "port $port is already in use: set LOTTERY_BENCH_REDIS_PORT / LOTTERY_BENCH_PG_PORT / LOTTERY_BENCH_APP_PORT"
done

# Durable as production must be (docs/decisions/005-stock-stores.md): every write in the append-only file, fsync'd
# every second, nothing evicted.
start_services bench "$redis_port" "$pg_port" --appendonly yes --appendfsync everysec --maxmemory-policy noeviction
mkdir -p "$work/logs"
say "Redis on 127.0.0.1:$redis_port (AOF everysec), PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$pg_port ($work)"

# --- 5. Measure -----------------------------------------------------------------------------------------------------
status=0
dotnet "$bench_dll" \
  --redis "127.0.0.1:$redis_port" \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres" \
  --app "$app_dll" --app-port "$app_port" \
  --work "$work/logs" \
  --redis-pid-file "$work/redis.pid" --postgres-pid-file "$work/data/postmaster.pid" \
  --report docs/performance.md --command "$command_line" \
  "$@" || status=$?

if [ "$status" -ne 0 ]; then
  for log in "$work"/logs/app-*.log; do
    [ -f "$log" ] && { say "last lines of $log:"; tail -n 20 "$log"; }
  done
  die "the load generator exited with $status"
fi
say "done: docs/performance.md"

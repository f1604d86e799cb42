#!/usr/bin/env bash
# Runs the whole test suite, on a fresh Debian machine too:
#   ./test.sh                      every test project
#   ./test.sh --filter Postgres    extra arguments go to `dotnet test`
#
# Installs Redis, PostgreSQL, Chromium, aiosmtpd and npm (the build bundles a browser library from npm) when missing,
# starts in a temp directory on private ports a throwaway Redis (LOTTERY_REDIS_PORT, default 6390), a three-primary Redis
# Cluster (LOTTERY_REDIS_CLUSTER_PORT, default 7390-7392, bus ports +10000), a PostgreSQL cluster (LOTTERY_PG_PORT,
# default 5439) and an SMTP server that keeps every message in a Maildir (LOTTERY_SMTP_PORT, default 2525), exports where
# they are (LOTTERY_TEST_REDIS, LOTTERY_TEST_REDIS_CLUSTER, LOTTERY_TEST_POSTGRES, LOTTERY_TEST_SMTP, LOTTERY_TEST_MAILDIR), builds the
# solution, runs the tests, and always stops every server and removes the temp directory on the way out. The last line
# is "Tests: N passed, N failed, N skipped"; the exit status is non-zero when the build fails, a test fails, or no test ran.
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

redis_port=${LOTTERY_REDIS_PORT:-6390}
pg_port=${LOTTERY_PG_PORT:-5439}
cluster_port=${LOTTERY_REDIS_CLUSTER_PORT:-7390}
smtp_port=${LOTTERY_SMTP_PORT:-2525}
wait_seconds=30

say() { printf 'test.sh: %s\n' "$*"; }
summary() { printf 'Tests: %d passed, %d failed, %d skipped\n' "$1" "$2" "$3"; }
# A failure before any test ran still ends with the summary line.
die() { printf 'test.sh: FAILED: %s\n' "$*" >&2; summary 0 0 0; exit 1; }

# shellcheck source=scripts/throwaway-services.sh
. scripts/throwaway-services.sh

# --- 1. Services and browser, installed only when missing -----------------------------------------------------------
# Only what is missing is asked for: where Node.js comes with its own npm, asking apt for Debian's npm conflicts with it.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
newest_pg_bin >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=300 update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y "${missing[@]}"
fi
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"   # dotnet needs one; a bare CI environment may lack it
command -v dotnet >/dev/null || die "dotnet is not on PATH (the .NET SDK from global.json is needed)"

# --- 2. Throwaway servers, stopped on every way out ----------------------------------------------------------------
port_in_use "$redis_port" && die "port $redis_port is already in use: set LOTTERY_REDIS_PORT to a free port"
port_in_use "$pg_port" && die "port $pg_port is already in use: set LOTTERY_PG_PORT to a free port"
start_services tests "$redis_port" "$pg_port" --appendonly no
start_redis_cluster "$cluster_port"
start_smtp "$smtp_port"
say "Redis on 127.0.0.1:$redis_port, Redis Cluster on 127.0.0.1:$cluster_port-$((cluster_port + 2)), PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$pg_port, SMTP on 127.0.0.1:$smtp_port ($work)"

export LOTTERY_TEST_REDIS="127.0.0.1:$redis_port"
export LOTTERY_TEST_REDIS_CLUSTER="127.0.0.1:$cluster_port,127.0.0.1:$((cluster_port + 1)),127.0.0.1:$((cluster_port + 2))"
export LOTTERY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
export LOTTERY_TEST_SMTP="127.0.0.1:$smtp_port"
export LOTTERY_TEST_MAILDIR="$work/maildir"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- 3. Build (zero warnings) and test -------------------------------------------------------------------------------
build_status=0
dotnet build Lottery.sln -tl:off 2>&1 | tee "$work/build.log" || build_status=$?
warnings=$(sed -nE 's/^ *([0-9]+) Warning\(s\)$/\1/p' "$work/build.log" | tail -n 1)
if [ "$build_status" -ne 0 ] || [ "${warnings:-0}" -ne 0 ]; then
  stop_services
  die "the build failed or had warnings (exit $build_status, ${warnings:-?} warning(s)); no test ran"
fi

test_status=0
# -m:1: one test project at a time. Each already saturates two cores (load tests, browsers, app hosts); running them
# side by side only adds contention and time-outs.
dotnet test Lottery.sln --no-build -m:1 --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$work/test.log" || test_status=$?

# Each test project that ran prints "Passed!/Failed!  - Failed: X, Passed: Y, Skipped: Z, Total: ..." (minimal console
# verbosity, the default here); a --logger "console;verbosity=normal" passed in prints a "Total tests:" block instead.
read -r passed failed skipped < <(sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$work/test.log" | awk '
  /^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:/ {
    lines = 1
    gsub(",", "")
    for (i = 1; i < NF; i++) {
      if ($i == "Failed:") f += $(i + 1)
      if ($i == "Passed:") p += $(i + 1)
      if ($i == "Skipped:") s += $(i + 1)
    }
  }
  /^[[:space:]]+(Passed|Failed|Skipped):[[:space:]]+[0-9]+[[:space:]]*$/ { block[$1] += $2 }
  END {
    if (!lines) { p = block["Passed:"]; f = block["Failed:"]; s = block["Skipped:"] }
    printf "%d %d %d\n", p, f, s
  }')

stop_services
status=0
if [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  say "FAILED: dotnet test exited with $test_status and $failed test(s) failed"
  status=1
elif [ $((passed + failed + skipped)) -eq 0 ]; then
  say "FAILED: no test ran"
  status=1
fi
summary "$passed" "$failed" "$skipped"
exit "$status"

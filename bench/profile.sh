#!/usr/bin/env bash
# Where the app's CPU goes under the bench's draw load, one command:
#   bench/profile.sh                       http-sqlite, 128 concurrent, 15 s sampled
#   bench/profile.sh http-embedded 20      another HTTP scenario, another sample length (seconds)
#   LOTTERY_PROFILE_DELAY=40 bench/profile.sh   sample from 40 s into the measured load (steady state: JIT tiering done)
#
# Runs bench/run.sh for one HTTP scenario with a measured run long enough to sample (its figures go to a scratch report,
# not docs/performance.md; the app runs a little slower while sampled), and while the measured load runs records the app
# process with `perf record -g` (on-CPU samples with call stacks, user and kernel; JIT-compiled .NET frames are named
# through the runtime's perf map, DOTNET_PerfMapEnabled=3). Needs perf (linux-perf) and the right to use it (root, or
# kernel.perf_event_paranoid ≤ 1).
#
# Writes into $LOTTERY_PROFILE_DIR (default /tmp/lottery-profile): perf.data, folded.txt (one line per distinct stack,
# "frame;frame;… count", outermost first: the input of flame-graph tools) and top.txt (the frames with the largest
# share of samples, inclusive and exclusive, and the share of a few groups of frames: see bench/profile-groups.txt).
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scenario=${1:-http-sqlite}
seconds=${2:-15}
delay=${LOTTERY_PROFILE_DELAY:-2}
out=${LOTTERY_PROFILE_DIR:-/tmp/lottery-profile}
app_port=${LOTTERY_BENCH_APP_PORT:-5095}
say() { printf 'profile: %s\n' "$*"; }
command -v perf >/dev/null || { say "FAILED: perf is not installed (apt-get install linux-perf)"; exit 1; }
mkdir -p "$out"
rm -f "$out/perf.data" "$out/folded.txt" "$out/top.txt"

# The perf map names JIT-compiled frames only in anonymous memory: W^X double mapping puts code in a memfd mapping.
export DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0
log=$out/bench.log
bench/run.sh --scenarios "$scenario" --concurrency 128 --warmup 3 --duration $((seconds + delay + 8)) --report "$out/performance.md" >"$log" 2>&1 &
bench=$!
trap 'kill "$bench" 2>/dev/null || true' EXIT

# The measured run has started: sample the app (the one listening on the bench's app port) for the given time.
until grep -q "128 concurrent, $((seconds + delay + 8)) s measured" "$log"; do
  kill -0 "$bench" 2>/dev/null || { say "FAILED: the bench stopped early"; tail -n 30 "$log"; exit 1; }
  sleep 1
done
sleep "$delay"
pid=$(pgrep -f "Lottery.Web.dll --urls http://127.0.0.1:$app_port" | head -n 1)
[ -n "$pid" ] || { say "FAILED: no app process on port $app_port"; exit 1; }
say "sampling app pid $pid for ${seconds}s ($scenario)"
perf record -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" 2>"$out/perf-record.log"
perf script -i "$out/perf.data" 2>/dev/null | python3 "bench/profile-fold.py" "$out/folded.txt" "$out/top.txt" bench/profile-groups.txt
wait "$bench" || { say "FAILED: the bench failed"; tail -n 30 "$log"; exit 1; }
trap - EXIT
grep -E "draws/s|cpu:" "$log" | sed 's/^/  /'
say "done: $out/top.txt"

#!/usr/bin/env bash
# Timed end-to-end runs of `tuoyu batch` on a million generated claims (JSON Lines and CSV),
# with peak memory, the parse / verify / serialize split, the ratio of the batch's CPU time to a
# parse-only run of the same file (the floor), the compute-only rate and the latency of a single
# `tuoyu assess`.
#
#   scripts/bench-cli.sh [COUNT]        # default 1000000
#
# Environment: CARGO_TARGET_DIR (default target), BENCH_DIR (default a fresh temp dir, removed at
# the end unless KEEP=1), SEED (default 7), REPEAT (runs of each floor comparison, default 3).
# Needs GNU time at /usr/bin/time for peak RSS.
# Targets (2-core machine): ≥ 200,000 claims/s end to end, CSV at least as fast, peak RSS < 64 MB.
set -euo pipefail

COUNT=${1:-1000000}
SEED=${SEED:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/tuoyu
DIR=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$DIR"
cleanup() { if [ "${KEEP:-0}" != 1 ] && [ -z "${BENCH_DIR:-}" ]; then rm -rf "$DIR"; fi; }
trap cleanup EXIT

echo "== build (release)"
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release -q -p tuoyu-cli)
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== generate $COUNT claims (seed $SEED)"
for ext in jsonl csv; do
  t0=$(date +%s.%N)
  "$BIN" gen-claims --count "$COUNT" --seed "$SEED" --output "$DIR/claims.$ext"
  t1=$(date +%s.%N)
  printf '  claims.%-5s %6.0f MB, generated in %.1f s\n' "$ext" \
    "$(echo "$(stat -c %s "$DIR/claims.$ext") / 1000000" | bc -l)" "$(echo "$t1 - $t0" | bc -l)"
done

# One timed run: prints rows, wall time, rate, peak RSS and CPU (user + sys) time, and leaves the
# CPU seconds in $CPU. Extra arguments go to `tuoyu batch`. With PROFILE=1 it also prints where
# the time went (--profile: four clock readings per claim, which cost CPU time of their own).
run() { # label input output [args…]
  local label=$1 in=$2 out=$3 log="$DIR/time.log"
  shift 3
  local prof=()
  if [ "${PROFILE:-0}" = 1 ]; then prof=(--profile); fi
  /usr/bin/time -v "$BIN" batch --input "$in" --output "$out" --force "${prof[@]}" "$@" 2>"$log" >/dev/null
  local rows secs rss user sys
  rows=$(grep -oP '^tuoyu batch: \K[0-9]+' "$log")
  secs=$(grep -oP 'claims in \K[0-9.]+' "$log")
  rss=$(grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$log")
  user=$(grep -oP 'User time \(seconds\): \K[0-9.]+' "$log")
  sys=$(grep -oP 'System time \(seconds\): \K[0-9.]+' "$log")
  CPU=$(echo "$user + $sys" | bc -l)
  printf '%-24s %8d claims  %6.2f s  %9.0f claims/s  peak RSS %5.1f MB  CPU %6.2f s\n' \
    "$label" "$rows" "$secs" "$(echo "$rows / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$CPU"
  grep -E 'by verdict|over-claimed|profile \(thread' "$log" | sed 's/^/    /'
}

# The batch against its floor: the same file parsed into claims and nothing else (same threads,
# same reader; neither profiled), CPU time side by side. Target: batch ≤ 1.5 × parse-only. The
# machine may be shared: each is run REPEAT times (default 3), alternating, and the least CPU
# time of each is compared (CPU time, not wall time: other processes slow both; the least is the
# least disturbed).
floor() { # label input output
  local label=$1 in=$2 out=$3 batch_cpu="" parse_cpu="" i
  for i in $(seq "${REPEAT:-3}"); do
    rm -f "$out"
    run "$label" "$in" "$out"
    if [ -z "$batch_cpu" ] || [ "$(echo "$CPU < $batch_cpu" | bc)" = 1 ]; then batch_cpu=$CPU; fi
    run "$label (parse only)" "$in" /dev/null --parse-only --output-format jsonl
    if [ -z "$parse_cpu" ] || [ "$(echo "$CPU < $parse_cpu" | bc)" = 1 ]; then parse_cpu=$CPU; fi
  done
  printf '  => %s: batch %.2f s CPU / parse-only %.2f s CPU = %.2f x the floor (least of %d runs each; target <= 1.5)\n' \
    "$label" "$batch_cpu" "$parse_cpu" "$(echo "$batch_cpu / $parse_cpu" | bc -l)" "${REPEAT:-3}"
}

echo "== batch, end to end (read, parse, verify, write), against the parse-only floor"
floor "jsonl -> jsonl" "$DIR/claims.jsonl" "$DIR/reports.jsonl"
floor "csv   -> csv" "$DIR/claims.csv" "$DIR/reports.csv"
PROFILE=1 run "csv   -> jsonl (profiled)" "$DIR/claims.csv" "$DIR/reports2.jsonl"
PROFILE=1 run "jsonl -> csv (profiled)" "$DIR/claims.jsonl" "$DIR/reports2.csv"
echo "  (one thread, for the per-claim cost:)"
/usr/bin/time -f '    jsonl -> jsonl --threads 1: %e s wall, %U s user' \
  "$BIN" batch --input "$DIR/claims.jsonl" --output /dev/null --output-format jsonl --threads 1 -q

echo "== compute only (claims in memory, no JSON, no explanation text) and in-process assess"
"$BIN" bench-compute --count 200000 --seed "$SEED" | sed 's/^/  /'

echo "== single assess (process start + parse + assess with explanations + JSON out)"
REQ="$DIR/request.json"
python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['request']))" \
  "$ROOT/fixtures/spec-example-2026.json" >"$REQ"
N=200
t0=$(date +%s.%N)
for _ in $(seq $N); do "$BIN" assess "$REQ" >/dev/null; done
t1=$(date +%s.%N)
printf '  %d runs: %.2f ms per assess\n' "$N" "$(echo "($t1 - $t0) * 1000 / $N" | bc -l)"

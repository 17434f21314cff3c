#!/usr/bin/env bash
# Benchmarks of the browser page (figures for the notes, not a pass/fail gate beyond the e2e
# suite's own limits): builds web/dist, serves it with scripts/serve.py as `make serve` does, and
# runs web/e2e/perf.test.mjs with the throttled first visit repeated TUOYU_THROTTLED_RUNS times
# (default 7): first result throttled (1.6 Mbit/s, 150 ms RTT, 4x CPU) and not, keystroke to
# total, page size. Usage: scripts/bench-web.sh   (or make bench-web)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/web-build.sh"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 "$ROOT/scripts/serve.py" --port "$PORT" "$ROOT/web/dist" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null; then break; fi
  sleep 0.1
done
mkdir -p "$ROOT/web/e2e/screenshots"
# TUOYU_KEYSTROKE_GOAL=1: the keystroke test asserts the goal (median ≤ 5 ms), not only the
# ten-times limit the e2e suite keeps on a busy machine.
BASE_URL="http://127.0.0.1:$PORT/" ROOT="$ROOT" TUOYU_THROTTLED_RUNS="${TUOYU_THROTTLED_RUNS:-7}" \
  TUOYU_KEYSTROKE_GOAL="${TUOYU_KEYSTROKE_GOAL:-1}" \
  node --test --test-concurrency=1 --test-reporter=spec \
  --test-name-pattern='gzipped|first result|keystroke' "$ROOT/web/e2e/perf.test.mjs"

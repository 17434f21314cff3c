#!/usr/bin/env bash
# The claim desk's bench in the browser (not part of make test): builds the site, serves it on a
# free loopback port and runs web/e2e/desk.bench.mjs — a generated 10⁶-claim JSON Lines file
# (about 1 GB, in a temporary folder, removed after) verified twice, then the same claims as CSV
# (about 150 MB; DESK_KINDS=jsonl for the first alone); prints time and memory.
# DESK_N=100000 scripts/bench-web-desk.sh for a quicker run; DESK_PICK_MS (default 3000) is how
# long after the desk opens the file is chosen (its workers warm up meanwhile; 0: cold workers).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/web-build.sh"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/web/dist" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null; then break; fi
  sleep 0.1
done
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
status=0
for kind in ${DESK_KINDS:-jsonl csv}; do
  echo "# $kind"
  DESK_KIND="$kind" BASE_URL="http://127.0.0.1:$PORT/" ROOT="$ROOT" node "$ROOT/web/e2e/desk.bench.mjs" || status=1
done
exit "$status"

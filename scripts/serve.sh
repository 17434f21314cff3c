#!/usr/bin/env bash
# Builds the browser app and serves web/dist on http://127.0.0.1:8080 (foreground; Ctrl-C stops).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/web-build.sh"
PORT="${PORT:-8080}"
echo "serving http://127.0.0.1:$PORT" >&2
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/web/dist"

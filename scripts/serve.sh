#!/usr/bin/env bash
# Builds the browser app and serves web/dist on http://127.0.0.1:8080 (foreground; Ctrl-C stops)
# with scripts/serve.py: Brotli or gzip as the browser accepts, the right MIME types, and no
# caching that would hide a new build from the page's service worker.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/web-build.sh"
PORT="${PORT:-8080}"
exec python3 "$ROOT/scripts/serve.py" --port "$PORT" --bind 127.0.0.1 "$ROOT/web/dist"

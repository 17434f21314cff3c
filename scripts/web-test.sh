#!/usr/bin/env bash
# Browser tests of the tuoyu web app:
#  1. component tests (wasm-bindgen-test) in headless Chromium through chromedriver;
#  2. the built site (scripts/web-build.sh) served by scripts/serve.py on a free loopback port,
#     driven end to end by node's test runner with playwright-core and /usr/bin/chromium.
# Installs Chromium, chromedriver and CJK fonts (for readable screenshots) with apt when missing.
# Exits non-zero on any failure and always stops the server it started.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
log() { printf '[web-test] %s\n' "$*" >&2; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Tools (wasm target, wasm-bindgen CLI, npm packages) and the site.
"$ROOT/scripts/web-build.sh"
WB_VER="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)"
export PATH="$HOME/.cache/tuoyu/wasm-bindgen-$WB_VER/bin:$PATH"

log "component tests in headless Chromium"
t0=$(date +%s)
# The runner by environment rather than a .cargo/config.toml, so other crates' builds are untouched.
CHROMEDRIVER=/usr/bin/chromedriver CARGO_PROFILE_DEV_DEBUG=0 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p web --target wasm32-unknown-unknown
log "component tests took $(( $(date +%s) - t0 )) s"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
# The server `make serve` runs (compressed, with the MIME types and cache headers a user gets).
python3 "$ROOT/scripts/serve.py" --port "$PORT" "$ROOT/web/dist" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html')" 2>/dev/null; then break; fi
  sleep 0.1
done

log "end-to-end tests against http://127.0.0.1:$PORT"
mkdir -p "$ROOT/web/e2e/screenshots"
BASE_URL="http://127.0.0.1:$PORT/" ROOT="$ROOT" \
  node --test --test-concurrency=1 --test-reporter=spec "$ROOT/web/e2e/"*.test.mjs

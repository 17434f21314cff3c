#!/usr/bin/env bash
# Builds the browser app into web/dist/ (index.html, style.css, web.js, web_bg.wasm, and for
# offline use sw.js, manifest.webmanifest, icons; the claim desk's own page desk.html, desk.css,
# desk.js, desk_bg.wasm and its worker's module; the one-claim page desk-claim.html, desk_claim.js,
# desk_claim_bg.wasm): cargo (profile release-web), wasm-bindgen,
# wasm-opt, scripts/web-shrink.mjs (short import names, comments and indentation out of web.js and
# style.css), then scripts/web-offline.mjs (icons, the service worker's build version, .gz/.br).
# Installs what is missing on a fresh machine: the wasm32 target, wasm-bindgen-cli of the exact
# version in Cargo.lock (cached under ~/.cache/tuoyu), and the npm tools in web/ (npm ci).
# Idempotent; quick when everything is cached.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
log() { printf '[web-build] %s\n' "$*" >&2; }
t0=$(date +%s)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WB_VER="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)"
[ -n "$WB_VER" ] || { log "wasm-bindgen not found in Cargo.lock"; exit 1; }
WB_ROOT="${HOME}/.cache/tuoyu/wasm-bindgen-${WB_VER}"
if [ ! -x "$WB_ROOT/bin/wasm-bindgen" ] || ! "$WB_ROOT/bin/wasm-bindgen" --version | grep -q "$WB_VER"; then
  log "installing wasm-bindgen-cli $WB_VER into $WB_ROOT (about 2 minutes, once)"
  mkdir -p "$WB_ROOT"
  cargo install wasm-bindgen-cli --version "=$WB_VER" --root "$WB_ROOT" --locked \
    || cargo install wasm-bindgen-cli --version "=$WB_VER" --root "$WB_ROOT"
fi
export PATH="$WB_ROOT/bin:$PATH"

if [ ! -x web/node_modules/.bin/wasm-opt ] || [ ! -d web/node_modules/playwright-core ] || [ ! -d web/node_modules/axe-core ] \
   || [ ! -d web/node_modules/@gfx/zopfli ] \
   || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  log "installing npm tools (npm ci)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

log "building the release wasm (profile release-web)"
# The calculator (web) and the claim desk's page (desk, src/bin/desk.rs: its own module, loaded
# only when the desk is opened, so the calculator page carries none of it).
# The one-claim page (desk-claim.html, src/bin/desk_claim.rs): calc-core's verification and the
# claim form, loaded only from the calculator's 核验 link.
cargo build -p web --bin web --bin desk --bin desk_claim --bin qr --target wasm32-unknown-unknown --profile release-web
# The claim desk's Web Worker (src/bin/desk_worker.rs): its own module, loaded only on the desk view.
# Its Excel worker (src/bin/desk_excel.rs: the same with calamine and rust_xlsxwriter), started only
# for .xlsx files, Excel reports and the Excel template.
cargo build -p web --bin desk_worker --bin desk_excel --target wasm32-unknown-unknown --profile release-worker

OUT="$ROOT/web/dist"
STAGE="$ROOT/web/.dist-tmp"
WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-web/web.wasm"
# Nothing changed since the last build: keep dist/ (wasm-opt is the slow step).
WORKER_WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-worker/desk_worker.wasm"
DESK_WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-web/desk.wasm"
CLAIM_WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-web/desk_claim.wasm"
EXCEL_WASM="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-worker/desk_excel.wasm"
STAMP="$(cat "$WASM" "$DESK_WASM" "$CLAIM_WASM" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-web/qr.wasm" "$WORKER_WASM" "$EXCEL_WASM" web/static/* scripts/web-build.sh scripts/web-shrink.mjs scripts/web-offline.mjs | sha256sum | cut -d' ' -f1)-$WB_VER"
if [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$STAMP" ] && [ -f "$OUT/web_bg.wasm" ]; then
  log "web/dist is up to date ($(( $(date +%s) - t0 )) s)"
  exit 0
fi
rm -rf "$STAGE"
mkdir -p "$STAGE"
# wasm-opt is the slow step (minutes for the Excel worker): its output is kept per input and
# flags, so a module whose code did not change (the workers, when only the page changed) is not
# optimised again.
OPT_CACHE="$CARGO_TARGET_DIR/wasm-opt-cache"
mkdir -p "$OPT_CACHE"
opt() { # opt FILE FLAGS...: optimises FILE in place
  local file="$1"; shift
  local key
  key="$( (cat "$file"; echo "$*"; web/node_modules/.bin/wasm-opt --version) | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$OPT_CACHE/$key.wasm" ]; then
    web/node_modules/.bin/wasm-opt "$@" "$file" -o "$OPT_CACHE/$key.tmp"
    mv "$OPT_CACHE/$key.tmp" "$OPT_CACHE/$key.wasm"
  fi
  cp "$OPT_CACHE/$key.wasm" "$file"
  touch "$OPT_CACHE/$key.wasm"
}
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name web \
  "$WASM"
# --low-memory-unused: nothing is stored in the first 1 KiB (Rust's stack grows down towards it and
# its data starts at 1 MiB), so constant offsets fold into loads and stores; --zero-filled-memory:
# the module's own memory starts zeroed (it is not imported), so zero bytes need no data segment.
# The producers and target-features sections are only for tools. About 2 KB gzipped in all.
# A function called from one place is inlined only when small (200 bytes), as for the desk's
# worker below: unlimited, -Oz merged calc-core's lines into one 167 KB `assess` and the request
# parser into one 58 KB function (each compiled whole, on the main thread, at its first call:
# about 0.1 s each under a 4x slower CPU), and the merged code gzips worse: limited, 3.2 KB
# smaller gzipped (2.6 KB Brotli). The functions are then ordered by name (the names
# wasm-bindgen's output still has, not written out): the copies of one generic function sit
# together, where gzip's 32 KB window finds what they share — 1.2 KB smaller gzipped.
opt "$STAGE/web_bg.wasm" -Oz --one-caller-inline-max-function-size=200 --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features \
  --reorder-functions-by-name
cp web/static/* "$STAGE/"
# The claim desk's page: desk.html loads desk.js and desk_bg.wasm (size-optimised like the page).
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name desk "$DESK_WASM"
opt "$STAGE/desk_bg.wasm" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features
# The one-claim page: desk-claim.html loads desk_claim.js and desk_claim_bg.wasm.
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name desk_claim "$CLAIM_WASM"
opt "$STAGE/desk_claim_bg.wasm" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features
# The printed sheet's QR code encoder (src/bin/qr.rs): qr.js and qr_bg.wasm, loaded by index.html
# only to print (index.html: tuoyuPrint, beforeprint); not part of the calculator's first load.
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name qr "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release-web/qr.wasm"
opt "$STAGE/qr_bg.wasm" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features
# The claim desk's worker: desk-worker.js (a module worker) loads desk_worker.js and
# desk_worker_bg.wasm; none of the three is part of the calculator page.
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name desk_worker "$WORKER_WASM"
# A function called from one place is inlined only when small (200 bytes): unlimited, -O3 merged
# the verification path into functions of up to 227 KB, which the browser's optimising compiler
# took 0.4 s (node) to 1.5 s (a loaded 2-core machine) each to compile while a run's first claims
# waited on baseline code; the largest is now 72 KB, the code 0.4% bigger, and a run of 10⁵
# claims on cold workers costs about 0.4 s less CPU (web/e2e/desk.probe.mjs).
opt "$STAGE/desk_worker_bg.wasm" -O3 --one-caller-inline-max-function-size=200 --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-producers --strip-target-features --strip-debug
wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name desk_excel "$EXCEL_WASM"
opt "$STAGE/desk_excel_bg.wasm" -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-producers --strip-target-features --strip-debug
# A module that cannot load (offline before the desk was ever opened) says so to the page.
cat > "$STAGE/desk-worker.js" <<'JS'
import init from './desk_worker.js';
init().catch((e) => postMessage({ error: '后台线程无法启动，请联网后重新打开本页。 / The worker could not start; reload this page online. (' + e + ')' }));
JS
sed 's/desk_worker/desk_excel/g' "$STAGE/desk-worker.js" > "$STAGE/desk-excel.js"
# Short import names, web.js and style.css without comments and indentation (no dependency).
node scripts/web-shrink.mjs "$STAGE"
# Offline and installable, last (it lists and hashes every file built above): icons, sw.js's
# version and file list, FILE.gz and FILE.br for scripts/serve.py.
node scripts/web-offline.mjs "$STAGE"
echo "$STAMP" > "$STAGE/.stamp"
# The cache keeps the dozen most recently used outputs.
ls -t "$OPT_CACHE"/*.wasm 2>/dev/null | tail -n +13 | xargs -r rm -f
rm -rf "$OUT"
mv "$STAGE" "$OUT"

# What the first visit loads: the page, then the service worker and what it keeps.
total=0; total_br=0
for f in index.html style.css web.js web_bg.wasm sw.js manifest.webmanifest icon.svg; do
  s=$(wc -c < "$OUT/$f.gz"); b=$(wc -c < "$OUT/$f.br"); total=$((total + s)); total_br=$((total_br + b))
  log "$(printf '%-20s %8d bytes, %7d gzipped, %7d Brotli' "$f" "$(wc -c < "$OUT/$f")" "$s" "$b")"
done
desk=0
for f in desk.html desk.css desk.js desk_bg.wasm; do desk=$((desk + $(wc -c < "$OUT/$f.gz"))); done
claim=0
for f in desk-claim.html style.css desk_claim.js desk_claim_bg.wasm; do claim=$((claim + $(wc -c < "$OUT/$f.gz"))); done
log "$(printf 'claim desk (desk.html, loaded only when opened): page %d bytes gzipped (desk_bg.wasm %d); its worker desk_worker_bg.wasm %d; the Excel worker desk_excel_bg.wasm %d; the one-claim page (desk-claim.html) %d' \
  "$desk" "$(wc -c < "$OUT/desk_bg.wasm.gz")" "$(wc -c < "$OUT/desk_worker_bg.wasm.gz")" "$(wc -c < "$OUT/desk_excel_bg.wasm.gz")" "$claim")"
log "$(printf "the printed sheet's QR code encoder (qr.js + qr_bg.wasm, loaded only to print): %d bytes gzipped" $(( $(wc -c < "$OUT/qr.js.gz") + $(wc -c < "$OUT/qr_bg.wasm.gz") )))"
log "whole page: $total bytes gzipped ($total_br Brotli); built in $(( $(date +%s) - t0 )) s"

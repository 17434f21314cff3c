#!/usr/bin/env bash
# The verification core's rate natively and in WebAssembly, on the same claims, without a browser:
# calc-core built for the host and for wasm32-wasip1 (run by Node's WASI), phase by phase (parse,
# verify, report). It separates what the desk's workers lose to WebAssembly itself from what they
# lose to the page's plumbing (scripts/bench-web-desk.sh measures the whole desk), and the input
# mix (the desk's bench file cycles the claim fixtures, half of which carry fees, utilities or
# overrides and take the full computation) from the command line's generated claims.
#
#   scripts/bench-wasm-core.sh [COUNT]     # claims per file, default 20000
#
# Environment: CARGO_TARGET_DIR (default target), PASSES (default 2). Installs the wasm32-wasip1
# target if it is missing. Not part of `make test`; run by `make bench-web`.
#
# Read the first two rows of the WebAssembly run: V8 runs a module first as baseline code
# (Liftoff) and compiles hot functions again, optimised, while they run; the warm-up pass shows
# that cost (2026-12-01, loaded 2-core machine: 12,000 claims/s cold against 35,000–75,000 warm,
# native 48,000–94,000) — a desk worker started for each run pays it on its first ~20,000 claims.
set -euo pipefail
COUNT=${1:-20000}
PASSES=${PASSES:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/verify-rate
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
echo "== build verify-rate (native and wasm32-wasip1, release)"
(cd "$ROOT/scripts/verify-rate" && CARGO_TARGET_DIR=$TARGET cargo build --release -q \
  && CARGO_TARGET_DIR=$TARGET cargo build --release -q --target wasm32-wasip1)
cat > "$DIR/run.mjs" <<'JS'
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const [wasm, passes] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: ['verify-rate', passes], env: {}, stdin: 0, stdout: 1, stderr: 2 });
const inst = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(wasm)), wasi.getImportObject());
wasi.start(inst);
JS
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version)"

echo "== generate $COUNT claims: the desk bench's file and the command line's"
(cd "$ROOT/web/e2e" && ROOT=$ROOT node -e "import('./desk-gen.mjs').then((m) => m.writeClaims('$DIR/desk.jsonl', $COUNT))")
(cd "$ROOT" && cargo run --release -q -p tuoyu-cli -- gen-claims --count "$COUNT" --seed 7 --output "$DIR/cli.jsonl")
for f in desk cli; do
  printf '\n== %s.jsonl: %s bytes a claim\n' "$f" "$(( $(stat -c %s "$DIR/$f.jsonl") / COUNT ))"
  echo "-- native"
  "$TARGET/release/verify-rate" "$PASSES" < "$DIR/$f.jsonl"
  echo "-- wasm32-wasip1 in node"
  # Node 20's WASI has crashed (SIGSEGV) once here on a loaded machine: say so, go on.
  node --no-warnings "$DIR/run.mjs" "$TARGET/wasm32-wasip1/release/verify-rate.wasm" "$PASSES" < "$DIR/$f.jsonl" \
    || echo "node exited with $? (rerun to measure)"
done

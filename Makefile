# tuoyu — the two commands a newcomer types:
#   make serve   build everything (installing what is missing) and serve the calculator on http://127.0.0.1:8080
#   make test    run every test: library, fixtures, command line, and the browser tests in headless Chromium
.PHONY: test test-rust test-hostile test-web serve lint bench bench-web

test: lint test-rust test-hostile test-web

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

# Host crates (default members); the web crate is tested in the browser by test-web.
test-rust:
	cargo test

# Hostile inputs and failing outputs (full disk, signals, closed pipes, injection, bad headers):
# one line per case, then "N passed, 0 failed". The 10⁶-row cases run in `make bench`.
test-hostile:
	scripts/hostile.sh

test-web:
	scripts/web-test.sh
	cargo clippy -p web --target wasm32-unknown-unknown --all-targets -- -D warnings

serve:
	scripts/serve.sh

bench:
	cargo bench -p calc-core
	scripts/hostile.sh --full

# The browser page: first result throttled and not, keystroke to total, page size; the
# verification core's rate natively and in WebAssembly (no browser); the claim desk with 10⁶
# claims (about 1 GB generated): time, the tab's memory peak (≤ 300 MB) and every row reported.
bench-web:
	scripts/bench-web.sh
	scripts/bench-wasm-core.sh
	scripts/bench-web-desk.sh

# tuoyu — the two commands a newcomer types:
#   make serve   build everything (installing what is missing) and serve the calculator on http://127.0.0.1:8080
#   make test    run every test: library, fixtures, command line, and the browser tests in headless Chromium
.PHONY: test test-rust test-web serve lint bench bench-web

test: lint test-rust test-web

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

# Host crates (default members); the web crate is tested in the browser by test-web.
test-rust:
	cargo test

test-web:
	scripts/web-test.sh
	cargo clippy -p web --target wasm32-unknown-unknown --all-targets -- -D warnings

serve:
	scripts/serve.sh

bench:
	cargo bench -p calc-core

# The browser page: first result throttled and not, keystroke to total, page size.
bench-web:
	scripts/bench-web.sh

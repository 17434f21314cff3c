# tuoyu — the two commands a newcomer types:
#   make serve   build everything (installing what is missing) and serve the calculator on http://127.0.0.1:8080
#   make test    run every test: library, fixtures, command line, and the browser tests in headless Chromium
.PHONY: test test-rust test-web serve lint bench

test: lint test-rust test-web

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test-rust:
	cargo test --workspace

test-web:
	@if [ -x scripts/web-test.sh ]; then scripts/web-test.sh; else echo "web: not built yet (no scripts/web-test.sh)"; fi

serve:
	@if [ -x scripts/serve.sh ]; then scripts/serve.sh; else echo "web: not built yet"; exit 2; fi

bench:
	cargo bench -p calc-core

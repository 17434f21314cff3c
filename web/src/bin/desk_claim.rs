//! The one-claim page (`desk-claim.html`): its own module (`desk_claim_bg.wasm`), loaded only
//! when an officer verifies one claim from the calculator's link (see `web::desk::page`).
#![forbid(unsafe_code)]

fn main() {
    web::desk::page::start_claim();
}

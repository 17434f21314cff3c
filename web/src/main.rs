//! Entry point of the browser build: mounts the app.

#![forbid(unsafe_code)]

fn main() {
    web::start();
}

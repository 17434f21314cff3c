//! Entry point of the browser build: mounts the app.

fn main() {
    web::start();
}

//! Lesson 01: the smallest useful server - one route, `GET /health`.

use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

// ANCHOR: main
#[tokio::main]
async fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    // 0.0.0.0, every interface: inside a container, 127.0.0.1 would be unreachable
    // from the published port.
    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}"))
        .await
        .expect("bind the port");
    let app = Router::new().route("/health", get(health));
    eprintln!("listening on http://0.0.0.0:{port}");
    axum::serve(listener, app)
        .with_graceful_shutdown(stopped())
        .await
        .expect("serve");
}

async fn health() -> Json<Value> {
    Json(json!({ "health": "ok" }))
}
// ANCHOR_END: main

/// `docker stop` sends SIGTERM; a program running as PID 1 must handle it itself,
/// or Docker kills it after 10 seconds.
async fn stopped() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("stopping");
}

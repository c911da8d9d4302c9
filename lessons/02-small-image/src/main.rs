//! Lesson 02: lesson 01's server, plus a `healthcheck` subcommand so that the image's
//! HEALTHCHECK needs no curl.

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::ExitCode,
    time::Duration,
};

use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> ExitCode {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck(&port);
    }
    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}"))
        .await
        .expect("bind the port");
    let app = Router::new().route("/health", get(health));
    eprintln!("listening on http://0.0.0.0:{port}");
    axum::serve(listener, app)
        .with_graceful_shutdown(stopped())
        .await
        .expect("serve");
    ExitCode::SUCCESS
}

async fn health() -> Json<Value> {
    Json(json!({ "health": "ok" }))
}

// ANCHOR: healthcheck
/// `small-image healthcheck`: exit 0 when `GET /health` answers 200 within two seconds.
fn healthcheck(port: &str) -> ExitCode {
    let ask = || -> std::io::Result<String> {
        let mut stream = TcpStream::connect(format!("127.0.0.1:{port}"))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        Ok(response)
    };
    match ask() {
        Ok(response)
            if response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200") =>
        {
            ExitCode::SUCCESS
        }
        Ok(response) => {
            eprintln!("unhealthy: {}", response.lines().next().unwrap_or_default());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("unhealthy: {error}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: healthcheck

async fn stopped() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("stopping");
}

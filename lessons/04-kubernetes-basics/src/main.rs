//! Lesson 04: lesson 03's server, plus what Kubernetes asks of it.
//!
//! - `GET /health` stays the **liveness** answer: the process works (restart it if not).
//! - `GET /ready` is the **readiness** answer: send it traffic. It turns false while draining.
//! - On SIGTERM it **drains**: Kubernetes takes a deleted Pod out of the Service's endpoints
//!   at the same moment it sends SIGTERM, and that change takes a while to reach every node.
//!   So requests are still served for `DRAIN_SECONDS` (default 5), `/ready` answering 503;
//!   then it stops accepting and finishes what is in flight.
//! - `APP_VERSION` (the image tag) shows at `/metadata`, so you can tell which image runs.

use std::{
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use axum::{Json, Router, extract::State, http::StatusCode, routing::get};
use model_in_image::{Config, StartupError, healthcheck, load, routes};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> ExitCode {
    model_in_image::init_logging();
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck::run();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env().map_err(StartupError::from)?;
    let drain = drain_seconds()?;
    let state = Arc::new(load(&config)?);
    tracing::info!(version = %state.version, "model loaded");
    // ANCHOR: ready
    let ready = Arc::new(AtomicBool::new(true));
    let app = Router::new()
        .route("/ready", get(readiness).with_state(ready.clone()))
        .merge(routes::app(state));
    // ANCHOR_END: ready
    model_in_image::listen(config.addr, app, drain_on_sigterm(ready, drain)).await?;
    Ok(())
}

async fn readiness(State(ready): State<Arc<AtomicBool>>) -> (StatusCode, Json<Value>) {
    if ready.load(Ordering::Relaxed) {
        (StatusCode::OK, Json(json!({ "ready": true })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "reason": "draining" })),
        )
    }
}

// ANCHOR: drain
/// SIGTERM: stop being ready, keep serving for `drain` while the Pod's removal from the
/// Service's endpoints reaches every node, then let axum finish in-flight requests and stop.
async fn drain_on_sigterm(ready: Arc<AtomicBool>, drain: Duration) {
    model_in_image::shutdown_signal().await;
    ready.store(false, Ordering::Relaxed);
    tracing::info!("SIGTERM: not ready, draining for {}s", drain.as_secs());
    tokio::time::sleep(drain).await;
}
// ANCHOR_END: drain

fn drain_seconds() -> Result<Duration, String> {
    match std::env::var("DRAIN_SECONDS") {
        Err(_) => Ok(Duration::from_secs(5)),
        Ok(value) => value
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| format!("DRAIN_SECONDS={value:?} is not a whole number of seconds")),
    }
}

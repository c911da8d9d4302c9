//! Lesson 04: lesson 03's server, plus what Kubernetes asks of it.
//!
//! - `GET /health` stays the **liveness** answer: the process works (restart it if not).
//! - `GET /ready` is the **readiness** answer: send it traffic. It turns false while draining.
//! - On SIGTERM it **drains**: Kubernetes takes a deleted Pod out of the Service's endpoints
//!   at the same moment it sends SIGTERM, and that change takes a while to reach every node.
//!   So requests are still served for `DRAIN_SECONDS` (default 5), `/ready` answering 503;
//!   then it stops accepting and finishes what is in flight.
//! - `APP_VERSION` (the image tag) shows at `/metadata` and in the startup log, so you can
//!   tell which image runs.
//!
//! The production lesson builds on this library: the same readiness switch, drain and
//! `DRAIN_SECONDS`.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use axum::{Json, Router, extract::State, http::StatusCode, routing::get};
use model_in_image::{AppState, Config, StartupError, load, routes};
use serde_json::{Value, json};

/// The readiness switch: false until the model is loaded, false again from SIGTERM on.
#[derive(Debug, Default)]
pub struct Readiness(AtomicBool);

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    pub fn set(&self, ready: bool) {
        self.0.store(ready, Ordering::Relaxed);
    }
}

/// Loads the model, says which version runs, and serves until SIGTERM has drained.
pub async fn serve(config: Config, drain: Duration) -> Result<(), StartupError> {
    let state = Arc::new(load(&config)?);
    tracing::info!(version = %state.version, "model loaded");
    let readiness = Arc::new(Readiness::default());
    readiness.set(true);
    let app = app(state, readiness.clone());
    model_in_image::listen(config.addr, app, drain_on_sigterm(readiness, drain)).await
}

// ANCHOR: ready
/// Lesson 03's routes, plus `/ready`.
pub fn app(state: Arc<AppState>, readiness: Arc<Readiness>) -> Router {
    Router::new()
        .route("/ready", get(ready).with_state(readiness))
        .merge(routes::app(state))
}

pub async fn ready(State(readiness): State<Arc<Readiness>>) -> (StatusCode, Json<Value>) {
    if readiness.is_ready() {
        (StatusCode::OK, Json(json!({ "ready": true })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "reason": "draining" })),
        )
    }
}
// ANCHOR_END: ready

// ANCHOR: drain
/// SIGTERM: stop being ready, keep serving for `drain` while the Pod's removal from the
/// Service's endpoints reaches every node, then return: axum stops accepting and finishes
/// in-flight requests.
pub async fn drain_on_sigterm(readiness: Arc<Readiness>, drain: Duration) {
    model_in_image::shutdown_signal().await;
    readiness.set(false);
    tracing::info!("SIGTERM: not ready, draining for {}s", drain.as_secs());
    tokio::time::sleep(drain).await;
}
// ANCHOR_END: drain

/// A variable set to something the server cannot use.
#[derive(Debug, thiserror::Error)]
#[error("{name}={value:?} is not {expected}")]
pub struct InvalidVariable {
    pub name: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// `DRAIN_SECONDS` (default 5): how long to keep serving, not ready, after SIGTERM.
pub fn drain_seconds() -> Result<Duration, InvalidVariable> {
    seconds("DRAIN_SECONDS", 5)
}

/// A whole number of seconds from 0 to 3600, or `default` when unset.
pub fn seconds(name: &'static str, default: u64) -> Result<Duration, InvalidVariable> {
    let Some(value) = var(name) else {
        return Ok(Duration::from_secs(default));
    };
    match value.parse::<u64>() {
        Ok(n) if n <= 3600 => Ok(Duration::from_secs(n)),
        _ => Err(InvalidVariable {
            name,
            value,
            expected: "a whole number of seconds (0-3600)",
        }),
    }
}

/// An unset, empty or non-UTF-8 variable is `None` (lesson 03's loader already refused the
/// non-UTF-8 ones it reads).
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

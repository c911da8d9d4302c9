//! Liveness and readiness, which Kubernetes asks different questions with.
//!
//! - **live**: the process can answer at all. A failing liveness probe restarts the container,
//!   so it must not depend on anything that a restart would not fix.
//! - **ready**: send this Pod traffic. True once the model is loaded and every session ran a
//!   warm-up inference; false again (503) from SIGTERM on, while the Pod drains. The switch
//!   and the drain are lesson 04's (`kubernetes_basics`).

use std::sync::Arc;

use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::server::Server;

#[derive(Serialize, ToSchema)]
pub struct Live {
    live: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Ready {
    ready: bool,
    /// Why not, when not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

// ANCHOR: probes
/// Open Inference Protocol v2 liveness: the server answers.
#[utoipa::path(get, path = "/v2/health/live", tag = "health", operation_id = "server_live",
    responses((status = 200, description = "The process is alive", body = Live)))]
pub async fn live() -> Json<Live> {
    Json(Live { live: true })
}

/// Open Inference Protocol v2 readiness: the model is loaded and warmed up, and the server is
/// not draining.
#[utoipa::path(get, path = "/v2/health/ready", tag = "health", operation_id = "server_ready", responses(
    (status = 200, description = "Ready for traffic", body = Ready),
    (status = 503, description = "Draining after SIGTERM", body = Ready)))]
pub async fn ready(State(server): State<Arc<Server>>) -> (StatusCode, Json<Ready>) {
    if server.readiness.is_ready() {
        let ready = Ready {
            ready: true,
            reason: None,
        };
        (StatusCode::OK, Json(ready))
    } else {
        let draining = Ready {
            ready: false,
            reason: Some("draining"),
        };
        (StatusCode::SERVICE_UNAVAILABLE, Json(draining))
    }
}
// ANCHOR_END: probes

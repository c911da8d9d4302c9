//! Every route behind its layers, and the server's life from startup to a bounded shutdown.

use std::{sync::Arc, time::Duration};

use axum::{Json, Router, routing::get};
use model_in_image::{StartupError, routes};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    config::Config,
    guide, health, layers, metrics, openapi,
    server::{Server, load},
    v2,
};

// ANCHOR: router
/// Every route, with the OpenAPI document built from the same handlers.
pub fn app(server: Arc<Server>, request_timeout: Duration) -> Router {
    let guide = OpenApiRouter::new()
        .routes(routes!(guide::health))
        .routes(routes!(guide::label))
        .routes(routes!(guide::metadata))
        .routes(routes!(guide::predict))
        .routes(routes!(guide::predict_label))
        .routes(routes!(guide::predict_test))
        .routes(routes!(guide::predict_test_label))
        .with_state(server.app.clone());
    let v2 = OpenApiRouter::new()
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
        .routes(routes!(v2::server_metadata))
        .routes(routes!(v2::metadata))
        .routes(routes!(v2::version_metadata))
        .routes(routes!(v2::model_ready))
        .routes(routes!(v2::version_ready))
        .routes(routes!(v2::infer))
        .routes(routes!(v2::version_infer))
        .with_state(server.clone());
    let (router, api) = OpenApiRouter::with_openapi(openapi::document())
        .merge(guide)
        .merge(v2)
        .split_for_parts();
    let api = openapi::fit(api, &server);
    let (metrics_layer, handle) = metrics::layer();
    metrics::describe_model(&server);
    let readiness = server.readiness.clone();
    let router = router
        .route("/ready", get(health::ready).with_state(server))
        .route(
            "/metrics",
            get(move || async move { metrics::render(&handle, &readiness) }),
        )
        .route("/openapi.json", get(move || async move { Json(api) }))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed);
    layers::wrap(router, metrics_layer, request_timeout)
}
// ANCHOR_END: router

// ANCHOR: serve
/// Loads, listens, and on SIGTERM drains as lesson 04 does (not ready, keep serving for
/// `drain`), then stops accepting and lets in-flight requests finish - but exits after
/// `shutdown_timeout` whatever still runs, so the process never outlives the Pod's grace period.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let server = Arc::new(load(&config)?);
    let signature = server.app.model.signature();
    tracing::info!(
        name = %server.name,
        version = %server.app.version,
        input = signature.input_name(),
        features = signature.features(),
        classes = signature.classes(),
        sessions = server.pool.sessions(),
        "model loaded and warmed up"
    );
    let app = app(server.clone(), config.request_timeout);
    server.readiness.set(true);
    let stopping = Arc::new(tokio::sync::Notify::new());
    let drain = {
        let (readiness, stopping, drain) =
            (server.readiness.clone(), stopping.clone(), config.drain);
        async move {
            kubernetes_basics::drain_on_sigterm(readiness, drain).await;
            tracing::info!("no longer accepting connections; finishing in-flight requests");
            stopping.notify_one();
        }
    };
    tokio::select! {
        served = model_in_image::listen(config.base.addr, app, drain) => served,
        () = async {
            stopping.notified().await;
            tokio::time::sleep(config.shutdown_timeout).await;
        } => {
            tracing::warn!("in-flight requests did not finish within SHUTDOWN_TIMEOUT_SECONDS; exiting");
            Ok(())
        }
    }
}
// ANCHOR_END: serve

//! Lesson 06: the production model server.
//!
//! Lesson 03's model and guide API, lesson 04's readiness and drain, and what a team needs to
//! run it for real: the Open Inference Protocol v2, liveness ≠ readiness, a bounded graceful
//! shutdown, timeouts and size limits, request IDs, JSON logs, Prometheus metrics, an OpenAPI
//! document generated from the handlers, and a pool of ONNX Runtime sessions for every core.

pub mod config;
pub mod guide;
pub mod health;
pub mod layers;
pub mod logging;
pub mod metrics;
pub mod openapi;
pub mod v2;

use std::{sync::Arc, time::Duration};

use axum::{Json, Router, http::StatusCode, routing::get};
use model_in_image::{AppState, StartupError, error::ApiError, routes};
use utoipa_axum::{router::OpenApiRouter, routes};

pub use config::Config;

/// What the handlers share: lesson 03's state (model, labels, version), the model's name and
/// the readiness switch.
pub struct Server {
    pub app: Arc<AppState>,
    pub name: String,
    pub readiness: health::Readiness,
}

impl Server {
    /// A v2 route names its model: this server has exactly one.
    pub fn check_name(&self, name: &str) -> Result<(), ApiError> {
        if name == self.name {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "no model named {name:?}; this server serves {:?}",
                    self.name
                ),
            ))
        }
    }

    /// A versioned v2 route names its model and version: this model has one version, the
    /// image's `APP_VERSION`.
    pub fn check_version(&self, name: &str, version: &str) -> Result<(), ApiError> {
        self.check_name(name)?;
        if version == self.app.version {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "model {name:?} has no version {version:?}; this server serves version {:?}",
                    self.app.version
                ),
            ))
        }
    }
}

// ANCHOR: load
/// Loads the model into a pool of sessions, warms every session up, then says ready.
pub fn load(config: &Config) -> Result<Server, StartupError> {
    let model = model_in_image::model::Classifier::load_with(
        &config.base.onnxruntime,
        &config.base.model_path,
        config.sessions,
    )?;
    let labels = model_in_image::labels::Labels::load(&config.base.label_path)?;
    labels.check_classes(&config.base.label_path, model.classes())?;
    let app = Arc::new(AppState {
        model,
        labels,
        version: config.base.version.clone(),
    });
    Ok(Server {
        app,
        name: config.model_name.clone(),
        readiness: health::Readiness::default(),
    })
}
// ANCHOR_END: load

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
    let (metrics_layer, metrics) = metrics::layer();
    metrics::describe_model(&server);
    let router = router
        .route("/ready", get(health::ready).with_state(server))
        .route("/metrics", get(move || async move { metrics.render() }))
        .route("/openapi.json", get(move || async move { Json(api) }))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed);
    layers::wrap(router, metrics_layer, request_timeout)
}
// ANCHOR_END: router

// ANCHOR: serve
/// Loads, listens, and on SIGTERM: not ready, keep serving for `drain`, stop accepting, let
/// in-flight requests finish - but exit after `shutdown_timeout` whatever still runs, so the
/// process never outlives the Pod's grace period.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let server = Arc::new(load(&config)?);
    let model = &server.app.model;
    tracing::info!(
        name = %server.name,
        version = %server.app.version,
        input = model.input_name(),
        features = model.features(),
        classes = model.classes(),
        sessions = model.sessions(),
        "model loaded and warmed up"
    );
    let app = app(server.clone(), config.request_timeout);
    server.readiness.set(true);
    let stopping = Arc::new(tokio::sync::Notify::new());
    let drain = {
        let (server, stopping, drain) = (server.clone(), stopping.clone(), config.drain);
        async move {
            model_in_image::shutdown_signal().await;
            server.readiness.set(false);
            tracing::info!(seconds = drain.as_secs(), "not ready; draining");
            tokio::time::sleep(drain).await;
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

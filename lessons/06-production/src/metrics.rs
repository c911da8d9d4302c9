//! Prometheus metrics at `GET /metrics`, in the text format Prometheus scrapes.
//!
//! - `axum_http_requests_total`, `axum_http_requests_duration_seconds` and
//!   `axum_http_requests_pending`, by route, method and status (axum-prometheus). Unknown paths
//!   are counted under one `endpoint="unmatched"`, so random URLs cannot grow the label set.
//! - `model_inference_duration_seconds`: time in ONNX Runtime per request, and
//!   `model_inference_rows_total`: rows predicted.
//! - `model_info{name, version, input, features, classes, sessions} 1` and `model_ready`.

use std::{future::Future, time::Duration};

use axum_prometheus::{
    AXUM_HTTP_REQUESTS_DURATION_SECONDS, EndpointLabel, PrometheusMetricLayer,
    PrometheusMetricLayerBuilder,
};
use kubernetes_basics::Readiness;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::time::Instant;

use crate::server::Server;

const INFERENCE_SECONDS: &str = "model_inference_duration_seconds";

// ANCHOR: recorder
/// The HTTP metrics layer and the handle `/metrics` renders, with histogram buckets for request
/// times (5 ms to 10 s) and for inference times (50 µs to 1 s).
pub fn layer() -> (PrometheusMetricLayer<'static>, PrometheusHandle) {
    PrometheusMetricLayerBuilder::new()
        .with_endpoint_label_type(EndpointLabel::MatchedPathWithFallbackFn(|_| {
            "unmatched".into()
        }))
        .with_ignore_patterns(&["/metrics"])
        .with_metrics_from_fn(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(AXUM_HTTP_REQUESTS_DURATION_SECONDS.into()),
                    axum_prometheus::utils::SECONDS_DURATION_BUCKETS,
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(INFERENCE_SECONDS.into()),
                        &[
                            0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.1, 1.0,
                        ],
                    )
                })
                .expect("histogram buckets are not empty")
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).expect("one metrics recorder per process");
            let upkeep = handle.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    upkeep.run_upkeep();
                }
            });
            handle
        })
        .build_pair()
}
// ANCHOR_END: recorder

// ANCHOR: timed
/// Runs an inference of `rows` rows and records how long it took and, if it succeeded, the rows.
pub async fn timed<T, E>(
    rows: usize,
    inference: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let started = Instant::now();
    let result = inference.await;
    metrics::histogram!(INFERENCE_SECONDS).record(started.elapsed().as_secs_f64());
    if result.is_ok() {
        metrics::counter!("model_inference_rows_total").increment(rows as u64);
    }
    result
}
// ANCHOR_END: timed

/// `model_info`: which model this Pod serves, as labels on a constant 1.
pub fn describe_model(server: &Server) {
    let signature = server.app.model.signature();
    metrics::gauge!("model_info",
        "name" => server.name.clone(),
        "version" => server.app.version.clone(),
        "input" => signature.input_name().to_owned(),
        "features" => signature.features().to_string(),
        "classes" => signature.classes().to_string(),
        "sessions" => server.pool.sessions().to_string(),
    )
    .set(1.0);
}

/// The text `/metrics` answers, with `model_ready` as lesson 04's switch stands right now.
pub fn render(handle: &PrometheusHandle, readiness: &Readiness) -> String {
    metrics::gauge!("model_ready").set(if readiness.is_ready() { 1.0 } else { 0.0 });
    handle.render()
}

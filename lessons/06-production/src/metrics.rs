//! Prometheus metrics at `GET /metrics`, in the text format Prometheus scrapes.
//!
//! - `axum_http_requests_total`, `axum_http_requests_duration_seconds` and
//!   `axum_http_requests_pending`, by route, method and status (`request_metrics`). Unknown
//!   paths are counted under one `endpoint="unmatched"`, so random URLs cannot grow the label
//!   set.
//! - `model_inference_duration_seconds`: time in ONNX Runtime per request, and
//!   `model_inference_rows_total`: rows predicted.
//! - `model_info{name, version, input, features, classes, sessions} 1` and `model_ready`.

use std::{future::Future, sync::OnceLock, time::Duration};

use kubernetes_basics::Readiness;
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::time::Instant;

use crate::{
    request_metrics::{DURATION_BUCKETS, REQUESTS_DURATION_SECONDS, RequestMetricsLayer},
    server::Server,
};

const INFERENCE_SECONDS: &str = "model_inference_duration_seconds";
const INFERENCE_ROWS: &str = "model_inference_rows_total";

// ANCHOR: recorder
/// The process's metrics recorder, with histogram buckets for request times (5 ms to 10 s) and
/// for inference times (50 µs to 1 s); the HTTP metrics layer; and the handle `/metrics`
/// renders.
pub fn layer() -> (RequestMetricsLayer, PrometheusHandle) {
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full(REQUESTS_DURATION_SECONDS.into()),
            &DURATION_BUCKETS,
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
    // Histograms keep their samples until upkeep folds them into the buckets.
    let upkeep = handle.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            upkeep.run_upkeep();
        }
    });
    (RequestMetricsLayer::new(), handle)
}
// ANCHOR_END: recorder

// ANCHOR: timed
/// Runs an inference of `rows` rows and records how long it took and, if it succeeded, the rows.
pub async fn timed<T, E>(
    rows: usize,
    inference: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    // Looked up once: a lookup by name hashes the name and takes the registry's lock.
    static HANDLES: OnceLock<(Histogram, Counter)> = OnceLock::new();
    let (seconds, rows_total) = HANDLES.get_or_init(|| {
        (
            metrics::histogram!(INFERENCE_SECONDS),
            metrics::counter!(INFERENCE_ROWS),
        )
    });
    let started = Instant::now();
    let result = inference.await;
    seconds.record(started.elapsed().as_secs_f64());
    if result.is_ok() {
        rows_total.increment(rows as u64);
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

//! The guide's API, unchanged (lesson 03's handlers), described for the OpenAPI document and
//! timed for `/metrics`. Existing clients of the Python original keep working.

use std::sync::Arc;

use axum::{Json, extract::State};
use model_in_image::{
    AppState,
    error::ApiError,
    input::Rows,
    labels::Labels,
    routes::{self, Metadata, Prediction},
};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::{metrics::timed, v2::ErrorBody};

/// `{"data": [[5.1, 3.5, 1.4, 0.2], ...]}`: one or more rows of features.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)] // documents the body that lesson 03's `Rows` extractor reads
pub struct PredictRequest {
    #[schema(example = json!([[5.1, 3.5, 1.4, 0.2]]))]
    data: Vec<Vec<f64>>,
}

#[utoipa::path(get, path = "/health", tag = "guide",
    responses((status = 200, description = "`{\"health\": \"ok\"}`", body = Object)))]
pub async fn health() -> Json<Value> {
    routes::health().await
}

#[utoipa::path(get, path = "/label", tag = "guide",
    responses((status = 200, description = "Class index to label name", body = Object)))]
pub async fn label(state: State<Arc<AppState>>) -> Json<Labels> {
    routes::label(state).await
}

#[utoipa::path(get, path = "/metadata", tag = "guide",
    responses((status = 200, description = "The model's input, output and a sample", body = Object)))]
pub async fn metadata(state: State<Arc<AppState>>) -> Result<Json<Metadata>, ApiError> {
    routes::metadata(state).await
}

/// Class probabilities: `{"prediction": [p0, p1, ...]}` for one row, a list of them for several.
#[utoipa::path(post, path = "/predict", tag = "guide", request_body = PredictRequest,
    responses((status = 200, body = Object), (status = 400, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn predict(
    state: State<Arc<AppState>>,
    rows: Rows,
) -> Result<Json<Prediction<Vec<f32>>>, ApiError> {
    timed(rows.0.len(), routes::predict(state, rows)).await
}

/// The most likely label: `{"prediction": "setosa"}` for one row, a list for several.
#[utoipa::path(post, path = "/predict/label", tag = "guide", request_body = PredictRequest,
    responses((status = 200, body = Object), (status = 400, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn predict_label(
    state: State<Arc<AppState>>,
    rows: Rows,
) -> Result<Json<Prediction<String>>, ApiError> {
    timed(rows.0.len(), routes::predict_label(state, rows)).await
}

#[utoipa::path(get, path = "/predict/test", tag = "guide",
    responses((status = 200, description = "`/predict` for the sample row", body = Object)))]
pub async fn predict_test(
    state: State<Arc<AppState>>,
) -> Result<Json<Prediction<Vec<f32>>>, ApiError> {
    timed(1, routes::predict_test(state)).await
}

#[utoipa::path(get, path = "/predict/test/label", tag = "guide",
    responses((status = 200, description = "`/predict/label` for the sample row", body = Object)))]
pub async fn predict_test_label(
    state: State<Arc<AppState>>,
) -> Result<Json<Prediction<String>>, ApiError> {
    timed(1, routes::predict_test_label(state)).await
}

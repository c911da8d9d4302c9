//! The HTTP API, with the guide's paths and JSON shapes.
//!
//! | route                     | answer                                              |
//! |---------------------------|-----------------------------------------------------|
//! | `GET  /health`            | `{"health": "ok"}`                                  |
//! | `GET  /metadata`          | input/output description and a sample               |
//! | `GET  /label`             | `{"0": "setosa", "1": "versicolor", ...}`           |
//! | `POST /predict`           | `{"prediction": [p0, p1, p2]}`                      |
//! | `POST /predict/label`     | `{"prediction": "setosa"}`                          |
//! | `GET  /predict/test`      | `/predict` for the sample row                       |
//! | `GET  /predict/test/label`| `/predict/label` for the sample row                 |
//!
//! One row in, one answer out, byte-compatible with the Python original. Several rows in
//! (the original silently used the first): one answer per row, in a list.

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    routing::{get, post},
};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{
    AppState,
    error::ApiError,
    input::{MAX_BODY_BYTES, Rows},
    model::{infer, most_likely},
};

/// The guide's sample: one iris flower (setosa). Models with another number of features get
/// a row of zeros as their sample.
pub const IRIS_SAMPLE: [f32; 4] = [5.1, 3.5, 1.4, 0.2];

// ANCHOR: router
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/metadata", get(metadata))
        .route("/label", get(label))
        .route("/predict", post(predict))
        .route("/predict/label", post(predict_label))
        .route("/predict/test", get(predict_test))
        .route("/predict/test/label", get(predict_test_label))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
// ANCHOR_END: router

/// One row gives the bare value, several rows a list of values.
#[derive(Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(mut values: Vec<T>) -> Self {
        if values.len() == 1 {
            OneOrMany::One(values.remove(0))
        } else {
            OneOrMany::Many(values)
        }
    }
}

#[derive(Serialize)]
pub struct Prediction<T> {
    pub prediction: OneOrMany<T>,
}

pub async fn health() -> Json<Value> {
    Json(json!({ "health": "ok" }))
}

pub async fn label(State(state): State<Arc<AppState>>) -> Json<crate::labels::Labels> {
    Json(state.labels.clone())
}

// ANCHOR: predict
pub async fn predict(
    State(state): State<Arc<AppState>>,
    Rows(rows): Rows,
) -> Result<Json<Prediction<Vec<f32>>>, ApiError> {
    let probabilities = infer(&state.model, rows).await?;
    Ok(Json(Prediction {
        prediction: probabilities.into(),
    }))
}

pub async fn predict_label(
    State(state): State<Arc<AppState>>,
    Rows(rows): Rows,
) -> Result<Json<Prediction<String>>, ApiError> {
    let probabilities = infer(&state.model, rows).await?;
    let names: Vec<String> = most_likely(&state.labels, &probabilities)
        .into_iter()
        .map(str::to_owned)
        .collect();
    Ok(Json(Prediction {
        prediction: names.into(),
    }))
}
// ANCHOR_END: predict

pub async fn predict_test(
    state: State<Arc<AppState>>,
) -> Result<Json<Prediction<Vec<f32>>>, ApiError> {
    let sample = Rows(vec![sample_row(&state)]);
    predict(state, sample).await
}

pub async fn predict_test_label(
    state: State<Arc<AppState>>,
) -> Result<Json<Prediction<String>>, ApiError> {
    let sample = Rows(vec![sample_row(&state)]);
    predict_label(state, sample).await
}

/// The Python original's fields first, then what this server adds.
#[derive(Serialize)]
pub struct Metadata {
    data_type: &'static str,
    data_structure: String,
    data_sample: [Vec<f32>; 1],
    prediction_type: &'static str,
    prediction_structure: String,
    prediction_sample: Vec<f32>,
    model: crate::model::Description,
    version: String,
}

pub async fn metadata(State(state): State<Arc<AppState>>) -> Result<Json<Metadata>, ApiError> {
    let sample = sample_row(&state);
    let prediction = infer(&state.model, vec![sample.clone()]).await?.remove(0);
    let signature = state.model.signature();
    let metadata = Metadata {
        data_type: "float32",
        data_structure: format!("(1,{})", signature.features()),
        data_sample: [sample],
        prediction_type: "float32",
        prediction_structure: format!("(1,{})", signature.classes()),
        prediction_sample: prediction,
        model: signature.description().clone(),
        version: state.version.clone(),
    };
    Ok(Json(metadata))
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such route; see GET /metadata")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route",
    )
}

fn sample_row(state: &AppState) -> Vec<f32> {
    match state.model.signature().features() {
        4 => IRIS_SAMPLE.to_vec(),
        n => vec![0.0; n],
    }
}

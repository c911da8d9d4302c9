//! Every error a client can cause is a 4xx with a JSON body `{"error": "..."}` that names the
//! problem. Nothing a client sends may produce a 5xx or a panic.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::json;

use crate::model::InferenceError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

/// An inference that gave no answer: the input's fault (422) or the server's (500).
impl From<InferenceError> for ApiError {
    fn from(error: InferenceError) -> Self {
        let status = match error {
            InferenceError::NotFinite { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            InferenceError::Model(_) | InferenceError::Panicked(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        ApiError::new(status, error.to_string())
    }
}

//! The request body of `/predict`: `{"data": [[5.1, 3.5, 1.4, 0.2], ...]}`.
//!
//! Checked here, before it reaches the model, so every mistake gets a 4xx that says what is
//! wrong: 415 without a JSON content type, 413 for an oversized body, 400 for text that is not
//! JSON, 422 for JSON of the wrong shape (as FastAPI answers the Python original's clients).

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{StatusCode, header},
};
use serde::Deserialize;

use crate::{AppState, error::ApiError};

/// Bodies above this get 413; a thousand-row batch is about 30 KB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Rows of features, each exactly as long as the model's input, every value a finite f32.
#[derive(Debug)]
pub struct Rows(pub Vec<Vec<f32>>);

#[derive(Deserialize)]
struct Body {
    data: Vec<Vec<f64>>,
}

// ANCHOR: extractor
impl FromRequest<Arc<AppState>> for Rows {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<AppState>) -> Result<Self, ApiError> {
        if !is_json(req.headers().get(header::CONTENT_TYPE)) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected a JSON body with the header Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("request body is too large (the limit is {MAX_BODY_BYTES} bytes); send fewer rows per request"),
                ),
                status => ApiError::new(status, rejection.body_text()),
            })?;
        let body: Body = serde_json::from_slice(&bytes).map_err(|e| {
            use serde_json::error::Category;
            match e.classify() {
                Category::Data => ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("expected {{\"data\": [[number, ...], ...]}}: {e}"),
                ),
                _ => {
                    let hint =
                        if contains_word(&bytes, b"NaN") || contains_word(&bytes, b"Infinity") {
                            " (NaN and Infinity are not JSON numbers)"
                        } else {
                            ""
                        };
                    ApiError::bad_request(format!("body is not valid JSON: {e}{hint}"))
                }
            }
        })?;
        validate(body.data, state.model.signature().features()).map(Rows)
    }
}
// ANCHOR_END: extractor

fn is_json(content_type: Option<&header::HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mime = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

fn contains_word(haystack: &[u8], word: &[u8]) -> bool {
    haystack.windows(word.len()).any(|w| w == word)
}

/// At least one row; every row `features` long; every value representable as a finite f32.
pub fn validate(data: Vec<Vec<f64>>, features: usize) -> Result<Vec<Vec<f32>>, ApiError> {
    let unprocessable = |message: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message);
    if data.is_empty() {
        return Err(unprocessable(
            "\"data\" has no rows; send at least one row of features".into(),
        ));
    }
    data.into_iter()
        .enumerate()
        .map(|(i, row)| {
            if row.len() != features {
                return Err(unprocessable(format!(
                    "data[{i}] has {} values; the model expects {features} features per row",
                    row.len()
                )));
            }
            row.into_iter()
                .enumerate()
                .map(|(j, value)| {
                    if value.is_finite() && value.abs() <= f64::from(f32::MAX) {
                        Ok(value as f32)
                    } else {
                        Err(unprocessable(format!(
                            "data[{i}][{j}] = {value:e} is outside the float32 range"
                        )))
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rows_of_the_right_width() {
        let rows = validate(vec![vec![5.1, 3.5, 1.4, 0.2]], 4).unwrap();
        assert_eq!(rows, vec![vec![5.1f32, 3.5, 1.4, 0.2]]);
    }

    #[test]
    fn names_the_row_and_value_at_fault() {
        let ragged = validate(vec![vec![1.0; 4], vec![1.0; 3]], 4).unwrap_err();
        assert_eq!(ragged.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            ragged.message,
            "data[1] has 3 values; the model expects 4 features per row"
        );
        let huge = validate(vec![vec![1.0, 1e39, 1.0, 1.0]], 4).unwrap_err();
        assert_eq!(
            huge.message,
            "data[0][1] = 1e39 is outside the float32 range"
        );
        assert!(validate(vec![], 4).unwrap_err().message.contains("no rows"));
    }

    #[test]
    fn recognises_json_content_types() {
        let json = |v: &'static str| is_json(Some(&header::HeaderValue::from_static(v)));
        assert!(json("application/json"));
        assert!(json("Application/JSON; charset=utf-8"));
        assert!(json("application/vnd.api+json"));
        assert!(!json("text/plain"));
        assert!(!json("application/x-www-form-urlencoded"));
        assert!(!is_json(None));
    }
}

//! The Open Inference Protocol v2 (KServe, Triton, Seldon MLServer): the same model behind the
//! REST API that model-serving platforms and their clients already speak.
//!
//! | route                               | answer                                    |
//! |-------------------------------------|-------------------------------------------|
//! | `GET  /v2/models/{name}`            | inputs and outputs with types and shapes  |
//! | `GET  /v2/models/{name}/ready`      | `{"name": ..., "ready": true}`            |
//! | `POST /v2/models/{name}/infer`      | `label` (BYTES) and `probabilities` (FP32) |
//!
//! Every mistake is a 400 with `{"error": "..."}` (404 for another model's name).

use std::sync::Arc;

use axum::{
    Json,
    extract::{FromRequest, Path, Request, State, rejection::JsonRejection},
    http::StatusCode,
};
use model_in_image::{error::ApiError, input::validate, routes::argmax};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::{Server, metrics::timed};

#[derive(Serialize, ToSchema)]
pub struct TensorMetadata {
    name: String,
    datatype: &'static str,
    /// `-1`: any number of rows.
    shape: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ModelMetadata {
    name: String,
    platform: &'static str,
    inputs: Vec<TensorMetadata>,
    outputs: Vec<TensorMetadata>,
}

#[derive(Serialize, ToSchema)]
pub struct ModelReady {
    name: String,
    ready: bool,
}

/// One input tensor: rows × features, FP32, `data` flat in row-major order or nested.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InputTensor {
    name: String,
    shape: Vec<i64>,
    datatype: String,
    #[schema(value_type = Vec<f64>)]
    data: Value,
    /// Accepted, as the protocol allows, and ignored.
    #[serde(default, rename = "parameters")]
    #[schema(value_type = Option<Object>)]
    _parameters: Option<Value>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestedOutput {
    name: String,
    /// Accepted, as the protocol allows, and ignored.
    #[serde(default, rename = "parameters")]
    #[schema(value_type = Option<Object>)]
    _parameters: Option<Value>,
}

// ANCHOR: infer_request
/// `POST /v2/models/{name}/infer`'s body.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InferRequest {
    /// Echoed back in the response.
    #[serde(default)]
    id: Option<String>,
    inputs: Vec<InputTensor>,
    /// Which outputs to return; all of them when absent.
    #[serde(default)]
    outputs: Option<Vec<RequestedOutput>>,
    /// Accepted, as the protocol allows, and ignored.
    #[serde(default, rename = "parameters")]
    #[schema(value_type = Option<Object>)]
    _parameters: Option<Value>,
}
// ANCHOR_END: infer_request

#[derive(Serialize, ToSchema)]
pub struct OutputTensor {
    name: &'static str,
    datatype: &'static str,
    shape: Vec<usize>,
    #[schema(value_type = Vec<Object>)]
    data: Value,
}

#[derive(Serialize, ToSchema)]
pub struct InferResponse {
    model_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    outputs: Vec<OutputTensor>,
}

/// The outputs this server offers for every classifier.
const OUTPUTS: [&str; 2] = ["label", "probabilities"];

/// The `{"error": ...}` body of every failed request.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: String,
}

#[utoipa::path(get, path = "/v2/models/{name}", tag = "v2", operation_id = "model_metadata",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    responses((status = 200, body = ModelMetadata), (status = 404, body = ErrorBody)))]
pub async fn metadata(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
) -> Result<Json<ModelMetadata>, ApiError> {
    server.check_name(&name)?;
    let model = &server.app.model;
    Ok(Json(ModelMetadata {
        name,
        platform: "onnxruntime_onnx",
        inputs: vec![TensorMetadata {
            name: model.input_name().to_owned(),
            datatype: "FP32",
            shape: vec![-1, model.features() as i64],
        }],
        outputs: vec![
            TensorMetadata {
                name: OUTPUTS[0].into(),
                datatype: "BYTES",
                shape: vec![-1],
            },
            TensorMetadata {
                name: OUTPUTS[1].into(),
                datatype: "FP32",
                shape: vec![-1, model.classes() as i64],
            },
        ],
    }))
}

#[utoipa::path(get, path = "/v2/models/{name}/ready", tag = "v2",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    responses((status = 200, body = ModelReady), (status = 404, body = ErrorBody)))]
pub async fn model_ready(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
) -> Result<Json<ModelReady>, ApiError> {
    server.check_name(&name)?;
    Ok(Json(ModelReady {
        name,
        ready: server.readiness.is_ready(),
    }))
}

// ANCHOR: infer
#[utoipa::path(post, path = "/v2/models/{name}/infer", tag = "v2", operation_id = "model_infer",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    request_body = InferRequest,
    responses((status = 200, body = InferResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody)))]
pub async fn infer(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    V2Json(request): V2Json<InferRequest>,
) -> Result<Json<InferResponse>, ApiError> {
    server.check_name(&name)?;
    let model = &server.app.model;
    let rows = rows(request.inputs, model.input_name(), model.features())?;
    let wanted = requested_outputs(request.outputs)?;
    let count = rows.len();
    let probabilities = timed(count, model_in_image::routes::infer(&server.app, rows))
        .await
        .map_err(|e| match e.status.is_client_error() {
            true => ApiError::bad_request(e.message),
            false => e,
        })?;
    let mut outputs = Vec::new();
    if wanted.contains(&OUTPUTS[0]) {
        let labels: Vec<&str> = probabilities
            .iter()
            .map(|p| server.app.labels.name(argmax(p)))
            .collect();
        outputs.push(OutputTensor {
            name: OUTPUTS[0],
            datatype: "BYTES",
            shape: vec![count],
            data: labels.into(),
        });
    }
    if wanted.contains(&OUTPUTS[1]) {
        let flat: Vec<f32> = probabilities.iter().flatten().copied().collect();
        outputs.push(OutputTensor {
            name: OUTPUTS[1],
            datatype: "FP32",
            shape: vec![count, model.classes()],
            data: flat.into(),
        });
    }
    Ok(Json(InferResponse {
        model_name: name,
        id: request.id,
        outputs,
    }))
}
// ANCHOR_END: infer

// ANCHOR: tensor
/// The one FP32 input tensor as rows: its shape must be `[rows, features]`, and its data hold
/// exactly rows × features numbers, flat or nested.
fn rows(inputs: Vec<InputTensor>, name: &str, features: usize) -> Result<Vec<Vec<f32>>, ApiError> {
    let bad = |message: String| Err(ApiError::bad_request(message));
    let [input] = <[InputTensor; 1]>::try_from(inputs).map_err(|inputs| {
        ApiError::bad_request(format!(
            "expected exactly one input tensor ({name:?}), got {}",
            inputs.len()
        ))
    })?;
    if input.name != name {
        return bad(format!(
            "unknown input {:?}; this model's input is {name:?}",
            input.name
        ));
    }
    if input.datatype != "FP32" {
        return bad(format!(
            "input datatype {:?} is not supported; send FP32",
            input.datatype
        ));
    }
    let [rows, columns] = input.shape[..] else {
        return bad(format!(
            "input shape {:?} is not [rows, features]; this model takes [n, {features}]",
            input.shape
        ));
    };
    if columns != features as i64 {
        return bad(format!(
            "input shape {:?} has {columns} features per row; this model takes {features}",
            input.shape
        ));
    }
    // No more rows than a body within the size limit can hold (which also rules out overflow).
    let most = model_in_image::input::MAX_BODY_BYTES as i64;
    if !(1..=most).contains(&rows) {
        return bad(format!(
            "input shape {:?} has {rows} rows; send 1 to {most}",
            input.shape
        ));
    }
    let rows = rows as usize;
    let mut flat = Vec::new();
    flatten(&input.data, &mut flat)?;
    if flat.len() != rows * features {
        return bad(format!(
            "input data holds {} numbers; shape {:?} needs {}",
            flat.len(),
            input.shape,
            rows * features
        ));
    }
    let data = flat.chunks(features).map(<[f64]>::to_vec).collect();
    validate(data, features).map_err(|e| ApiError::bad_request(e.message))
}
// ANCHOR_END: tensor

/// Numbers in row-major order from nested arrays (serde_json already limits nesting depth).
fn flatten(value: &Value, out: &mut Vec<f64>) -> Result<(), ApiError> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .map(|x| out.push(x))
            .ok_or_else(|| ApiError::bad_request(format!("input data value {n} is not a number"))),
        Value::Array(items) => items.iter().try_for_each(|item| flatten(item, out)),
        other => Err(ApiError::bad_request(format!(
            "input data must hold only numbers (FP32), found {}",
            kind(other)
        ))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::String(_) => "a string",
        Value::Object(_) => "an object",
        Value::Number(_) | Value::Array(_) => "an array",
    }
}

fn requested_outputs(outputs: Option<Vec<RequestedOutput>>) -> Result<Vec<&'static str>, ApiError> {
    let Some(outputs) = outputs else {
        return Ok(OUTPUTS.to_vec());
    };
    outputs
        .iter()
        .map(|o| {
            OUTPUTS
                .into_iter()
                .find(|&known| known == o.name)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "unknown output {:?}; this model offers {OUTPUTS:?}",
                        o.name
                    ))
                })
        })
        .collect()
}

/// `Json`, with every rejection as `{"error": ...}`: 415 without a JSON content type, 413 for
/// an oversized body, 400 for anything else (the protocol's status for a bad request).
pub struct V2Json<T>(pub T);

impl<S, T> FromRequest<S> for V2Json<T>
where
    S: Send + Sync,
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(V2Json(value)),
            Err(rejection) => {
                let status = match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    _ => StatusCode::BAD_REQUEST,
                };
                Err(ApiError::new(status, rejection.body_text()))
            }
        }
    }
}

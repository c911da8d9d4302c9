//! The Open Inference Protocol v2 (KServe, Triton, Seldon MLServer): the same model behind the
//! REST API that model-serving platforms and their clients already speak, complete for one model
//! with one version (the image's `APP_VERSION`: the model is baked into the image).
//!
//! | route                                                  | answer                                   |
//! |--------------------------------------------------------|------------------------------------------|
//! | `GET  /v2`                                             | server name, version and extensions      |
//! | `GET  /v2/models/{name}[/versions/{version}]`          | inputs and outputs with types and shapes |
//! | `GET  /v2/models/{name}[/versions/{version}]/ready`    | `{"name": ..., "ready": true}`           |
//! | `POST /v2/models/{name}[/versions/{version}]/infer`    | `label` (BYTES), `probabilities` (FP32)  |
//!
//! An infer request is JSON (with `Content-Type: application/json`, or none, as Triton's client
//! sends it), or, with the **binary tensor data extension**, a JSON header of
//! `Inference-Header-Content-Length` bytes followed by the raw tensors it declares with
//! `binary_data_size`. Outputs come back as binary too when asked (`binary_data`, or
//! `binary_data_output` for all of them).
//!
//! Every mistake is a 400 with `{"error": "..."}` (404 for another model's name or version, 413
//! for a body over the limit, 415 for another content type).

use std::sync::Arc;

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use model_in_image::{
    error::ApiError,
    input::validate,
    model::{infer as predict, most_likely},
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use crate::{metrics::timed, server::Server};

/// The extensions `GET /v2` advertises.
pub const EXTENSIONS: [&str; 1] = ["binary_tensor_data"];

/// The binary tensor data extension's header: how many bytes of the body are the JSON.
pub const HEADER_LENGTH: &str = "inference-header-content-length";

/// The outputs this server offers for every classifier.
const OUTPUTS: [&str; 2] = ["label", "probabilities"];

#[derive(Serialize, ToSchema)]
pub struct ServerMetadata {
    name: &'static str,
    /// The image's `APP_VERSION`.
    version: String,
    /// `binary_tensor_data`: tensors may travel as raw bytes after the JSON.
    extensions: Vec<&'static str>,
}

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
    /// The one version this server has: the image's `APP_VERSION`.
    versions: Vec<String>,
    platform: &'static str,
    inputs: Vec<TensorMetadata>,
    outputs: Vec<TensorMetadata>,
}

#[derive(Serialize, ToSchema)]
pub struct ModelReady {
    name: String,
    ready: bool,
}

/// One input tensor: rows × features, FP32; `data` flat in row-major order or nested, or, with
/// the binary tensor data extension, `parameters.binary_data_size` bytes after the JSON header.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InputTensor {
    name: String,
    shape: Vec<i64>,
    datatype: String,
    #[serde(default)]
    #[schema(value_type = Option<Vec<f64>>)]
    data: Option<Value>,
    /// `binary_data_size`: the tensor's bytes follow the JSON (little-endian FP32, row-major);
    /// other parameters are accepted and ignored.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Object>)]
    parameters: Option<Map<String, Value>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestedOutput {
    name: String,
    /// `binary_data: true`: this output comes back as raw bytes after the JSON; other
    /// parameters are accepted and ignored.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Object>)]
    parameters: Option<Map<String, Value>>,
}

// ANCHOR: infer_request
/// `POST /v2/models/{name}/infer`'s JSON (all of the body, or its first
/// `Inference-Header-Content-Length` bytes).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InferRequest {
    /// Echoed back in the response.
    #[serde(default, deserialize_with = "present")]
    id: Option<String>,
    inputs: Vec<InputTensor>,
    /// Which outputs to return, in this order; all of them when absent or empty.
    #[serde(default, deserialize_with = "present")]
    outputs: Option<Vec<RequestedOutput>>,
    /// `binary_data_output: true`: every output as raw bytes unless it says otherwise; other
    /// parameters (`priority`, `timeout`, your own) are accepted and ignored.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Object>)]
    parameters: Option<Map<String, Value>>,
}
// ANCHOR_END: infer_request

#[derive(Serialize, ToSchema)]
pub struct OutputTensor {
    name: &'static str,
    datatype: &'static str,
    shape: Vec<usize>,
    /// Absent when the output is binary: `parameters.binary_data_size` bytes after the JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    parameters: Option<Value>,
}

#[derive(Serialize, ToSchema)]
pub struct InferResponse {
    model_name: String,
    model_version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    outputs: Vec<OutputTensor>,
}

/// The `{"error": ...}` body of every failed request.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: String,
}

/// An optional field may be left out, but not sent as `null` (which the protocol never sends).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

fn bad<T>(message: String) -> Result<T, ApiError> {
    Err(ApiError::bad_request(message))
}

/// Server metadata: who answers, and which protocol extensions it speaks.
#[utoipa::path(get, path = "/v2", tag = "v2", operation_id = "server_metadata",
    responses((status = 200, body = ServerMetadata)))]
pub async fn server_metadata(State(server): State<Arc<Server>>) -> Json<ServerMetadata> {
    Json(ServerMetadata {
        name: "model-in-image",
        version: server.app.version.clone(),
        extensions: EXTENSIONS.to_vec(),
    })
}

#[utoipa::path(get, path = "/v2/models/{name}", tag = "v2", operation_id = "model_metadata",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    responses((status = 200, body = ModelMetadata), (status = 404, body = ErrorBody)))]
pub async fn metadata(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
) -> Result<Json<ModelMetadata>, ApiError> {
    server.check_name(&name)?;
    Ok(Json(model_metadata(&server, name)))
}

#[utoipa::path(get, path = "/v2/models/{name}/versions/{version}", tag = "v2",
    operation_id = "model_version_metadata",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)"),
        ("version" = String, Path, description = "The model's version (APP_VERSION)")),
    responses((status = 200, body = ModelMetadata), (status = 404, body = ErrorBody)))]
pub async fn version_metadata(
    State(server): State<Arc<Server>>,
    Path((name, version)): Path<(String, String)>,
) -> Result<Json<ModelMetadata>, ApiError> {
    server.check_version(&name, &version)?;
    Ok(Json(model_metadata(&server, name)))
}

fn model_metadata(server: &Server, name: String) -> ModelMetadata {
    let model = server.app.model.signature();
    ModelMetadata {
        name,
        versions: vec![server.app.version.clone()],
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
    }
}

/// Model readiness: 200 when ready, 503 while draining (as `/v2/health/ready`), so that a
/// client that reads only the status (Triton's `is_model_ready`) sees the truth.
#[utoipa::path(get, path = "/v2/models/{name}/ready", tag = "v2",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    responses((status = 200, body = ModelReady), (status = 404, body = ErrorBody),
        (status = 503, description = "Draining after SIGTERM", body = ModelReady)))]
pub async fn model_ready(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
) -> Result<(StatusCode, Json<ModelReady>), ApiError> {
    server.check_name(&name)?;
    Ok(readiness(&server, name))
}

#[utoipa::path(get, path = "/v2/models/{name}/versions/{version}/ready", tag = "v2",
    operation_id = "model_version_ready",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)"),
        ("version" = String, Path, description = "The model's version (APP_VERSION)")),
    responses((status = 200, body = ModelReady), (status = 404, body = ErrorBody),
        (status = 503, description = "Draining after SIGTERM", body = ModelReady)))]
pub async fn version_ready(
    State(server): State<Arc<Server>>,
    Path((name, version)): Path<(String, String)>,
) -> Result<(StatusCode, Json<ModelReady>), ApiError> {
    server.check_version(&name, &version)?;
    Ok(readiness(&server, name))
}

fn readiness(server: &Server, name: String) -> (StatusCode, Json<ModelReady>) {
    let ready = server.readiness.is_ready();
    let status = match ready {
        true => StatusCode::OK,
        false => StatusCode::SERVICE_UNAVAILABLE,
    };
    (status, Json(ModelReady { name, ready }))
}

// ANCHOR: infer
#[utoipa::path(post, path = "/v2/models/{name}/infer", tag = "v2", operation_id = "model_infer",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)")),
    request_body = InferRequest,
    responses((status = 200, body = InferResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn infer(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    server.check_name(&name)?;
    run(&server, name, &headers, &body).await
}

#[utoipa::path(post, path = "/v2/models/{name}/versions/{version}/infer", tag = "v2",
    operation_id = "model_version_infer",
    params(("name" = String, Path, description = "The model's name (MODEL_NAME)"),
        ("version" = String, Path, description = "The model's version (APP_VERSION)")),
    request_body = InferRequest,
    responses((status = 200, body = InferResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn version_infer(
    State(server): State<Arc<Server>>,
    Path((name, version)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    server.check_version(&name, &version)?;
    run(&server, name, &headers, &body).await
}

/// Unframes the body, checks the tensor, runs the model, and answers with the outputs asked for.
async fn run(
    server: &Server,
    name: String,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    let (request, binary) = unframe(headers, body)?;
    let model = server.app.model.signature();
    let chunks = binary_inputs(&request.inputs, binary)?;
    let wanted = requested_outputs(request.outputs.as_deref(), request.parameters.as_ref())?;
    let rows = rows(
        &request.inputs,
        &chunks,
        model.input_name(),
        model.features(),
    )?;
    let count = rows.len();
    let probabilities = timed(count, predict(&server.app.model, rows))
        .await
        .map_err(ApiError::from)
        .map_err(|e| match e.status.is_client_error() {
            true => ApiError::bad_request(e.message),
            false => e,
        })?;
    let labels = most_likely(&server.app.labels, &probabilities);
    let mut outputs = Vec::new();
    let mut tail = Vec::new();
    for Wanted { name, binary } in wanted {
        let (datatype, shape, data, bytes) = if name == OUTPUTS[0] {
            let bytes = binary.then(|| bytes_tensor(&labels));
            ("BYTES", vec![count], json!(labels), bytes)
        } else {
            let flat: Vec<f32> = probabilities.iter().flatten().copied().collect();
            let bytes = binary.then(|| {
                flat.iter()
                    .flat_map(|x| x.to_le_bytes())
                    .collect::<Vec<u8>>()
            });
            ("FP32", vec![count, model.classes()], json!(flat), bytes)
        };
        let (data, parameters) = match bytes {
            Some(bytes) => {
                let size = bytes.len();
                tail.extend(bytes);
                (None, Some(json!({ "binary_data_size": size })))
            }
            None => (Some(data), None),
        };
        outputs.push(OutputTensor {
            name,
            datatype,
            shape,
            data,
            parameters,
        });
    }
    let response = InferResponse {
        model_name: name,
        model_version: server.app.version.clone(),
        id: request.id,
        outputs,
    };
    if tail.is_empty() {
        return Ok(Json(response).into_response());
    }
    // The binary tensor data extension's answer: the JSON, then the outputs' bytes in order.
    let mut body = serde_json::to_vec(&response).expect("a response serializes");
    let json_length = body.len();
    body.extend(tail);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (
                header::HeaderName::from_static(HEADER_LENGTH),
                HeaderValue::from(json_length),
            ),
        ],
        body,
    )
        .into_response())
}
// ANCHOR_END: infer

// ANCHOR: framing
/// Splits the body into the JSON request and the binary data after it. Nothing is allocated
/// from a declared size: every length is checked against the bytes that really arrived (the
/// body itself is capped by the body-size limit).
fn unframe<'a>(headers: &HeaderMap, body: &'a [u8]) -> Result<(InferRequest, &'a [u8]), ApiError> {
    let octets = match headers.get(header::CONTENT_TYPE).map(mime) {
        None => false,
        Some(mime) if mime == "application/json" => false,
        Some(mime) if mime == "application/octet-stream" => true,
        Some(mime) => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Content-Type {mime:?} is not accepted: send JSON (application/json, or no \
                     Content-Type), or binary tensors (application/octet-stream with \
                     Inference-Header-Content-Length)"
                ),
            ));
        }
    };
    let json_length = match headers.get(HEADER_LENGTH) {
        None if octets => {
            return bad(
                "an application/octet-stream body needs Inference-Header-Content-Length: the \
                 length of the JSON before the binary data"
                    .into(),
            );
        }
        None => body.len(),
        Some(value) => match value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            Some(length) => length,
            None => {
                return bad(format!(
                    "Inference-Header-Content-Length {value:?} is not a whole number of bytes"
                ));
            }
        },
    };
    if json_length > body.len() {
        return bad(format!(
            "Inference-Header-Content-Length is {json_length} bytes, but the body has only {}",
            body.len()
        ));
    }
    let (json, binary) = body.split_at(json_length);
    let request = serde_json::from_slice(json).map_err(|e| {
        use serde_json::error::Category;
        ApiError::bad_request(match e.classify() {
            Category::Data => format!("not an inference request: {e}"),
            _ => format!("the inference request is not valid JSON: {e}"),
        })
    })?;
    Ok((request, binary))
}

/// Each input's binary data, in the order the inputs declare it; every byte must be claimed.
fn binary_inputs<'a>(
    inputs: &[InputTensor],
    binary: &'a [u8],
) -> Result<Vec<Option<&'a [u8]>>, ApiError> {
    let mut rest = binary;
    let mut chunks = Vec::new();
    for input in inputs {
        let parameters = input.parameters.as_ref();
        check_parameters(parameters, &format!("input {:?}", input.name))?;
        let Some(size) = parameters.and_then(|p| p.get("binary_data_size")) else {
            chunks.push(None);
            continue;
        };
        let Some(size) = size.as_u64().and_then(|s| usize::try_from(s).ok()) else {
            return bad(format!(
                "input {:?}: binary_data_size {size} is not a whole number of bytes",
                input.name
            ));
        };
        if size > rest.len() {
            return bad(format!(
                "input {:?}: binary_data_size is {size} bytes, but only {} bytes of binary data \
                 follow the JSON (is Inference-Header-Content-Length the JSON's length?)",
                input.name,
                rest.len()
            ));
        }
        let (chunk, after) = rest.split_at(size);
        chunks.push(Some(chunk));
        rest = after;
    }
    if !rest.is_empty() {
        return bad(format!(
            "{} bytes follow the JSON that no input's binary_data_size accounts for",
            rest.len()
        ));
    }
    Ok(chunks)
}
// ANCHOR_END: framing

/// Parameters are the protocol's extension point: strings, numbers and booleans, ignored unless
/// known. Those of extensions this server does not have are refused rather than ignored, since
/// ignoring them would answer a different question.
fn check_parameters(parameters: Option<&Map<String, Value>>, what: &str) -> Result<(), ApiError> {
    for (key, value) in parameters.into_iter().flatten() {
        if !(value.is_string() || value.is_number() || value.is_boolean()) {
            return bad(format!(
                "{what}: parameter {key:?} must be a string, a number or a boolean"
            ));
        }
        if key.starts_with("shared_memory_") {
            return bad(format!(
                "{what}: {key} needs the shared-memory extension, which this server does not \
                 have; send the data in the request"
            ));
        }
        if key == "classification" {
            return bad(format!(
                "{what}: the classification extension is not supported; ask for the \"label\" \
                 and \"probabilities\" outputs"
            ));
        }
    }
    Ok(())
}

fn mime(value: &HeaderValue) -> String {
    let text = String::from_utf8_lossy(value.as_bytes());
    text.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

// ANCHOR: tensor
/// The one FP32 input tensor as rows: its shape must be `[rows, features]`, and its data - JSON
/// numbers, flat or nested, or little-endian FP32 bytes - hold exactly rows × features values.
fn rows(
    inputs: &[InputTensor],
    binary: &[Option<&[u8]>],
    name: &str,
    features: usize,
) -> Result<Vec<Vec<f32>>, ApiError> {
    let ([input], [binary]) = (inputs, binary) else {
        return bad(format!(
            "expected exactly one input tensor ({name:?}), got {}",
            inputs.len()
        ));
    };
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
    let values = rows as usize * features;
    let flat = match (&input.data, binary) {
        (Some(_), Some(_)) => {
            return bad(format!(
                "input {name:?} has both data and binary_data_size; send one of them"
            ));
        }
        (None, None) => {
            return bad(format!(
                "input {name:?} has no data: send \"data\", or binary data after the JSON with \
                 parameters.binary_data_size"
            ));
        }
        (Some(data), None) => {
            let flat = numbers(data, features)?;
            if flat.len() != values {
                return bad(format!(
                    "input data holds {} numbers; shape {:?} needs {values}",
                    flat.len(),
                    input.shape
                ));
            }
            flat
        }
        (None, Some(bytes)) => {
            if bytes.len() != values * 4 {
                return bad(format!(
                    "input {name:?}: binary_data_size is {} bytes; shape {:?} of FP32 (4 bytes \
                     each) needs {}",
                    bytes.len(),
                    input.shape,
                    values * 4
                ));
            }
            bytes
                .chunks_exact(4)
                .map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])))
                .collect()
        }
    };
    let data = flat.chunks(features).map(<[f64]>::to_vec).collect();
    validate(data, features).map_err(|e| ApiError::bad_request(e.message))
}
// ANCHOR_END: tensor

/// The numbers of `data`, in row-major order: flat, or one array of `features` numbers per row.
fn numbers(data: &Value, features: usize) -> Result<Vec<f64>, ApiError> {
    let form = "input data must be an array of numbers, flat or one array per row";
    let Value::Array(items) = data else {
        return bad(format!("{form}; found {}", kind(data)));
    };
    let number = |value: &Value| match value {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| ApiError::bad_request(format!("input data value {n} is not a number"))),
        other => bad(format!("{form}; found {}", kind(other))),
    };
    if !items.first().is_some_and(Value::is_array) {
        return items.iter().map(number).collect();
    }
    let mut flat = Vec::with_capacity(items.len() * features);
    for (i, row) in items.iter().enumerate() {
        let Value::Array(row) = row else {
            return bad(format!("{form}; data[{i}] is {}", kind(row)));
        };
        if row.len() != features {
            return bad(format!(
                "data[{i}] has {} values; this model takes {features} per row",
                row.len()
            ));
        }
        for value in row {
            flat.push(number(value)?);
        }
    }
    Ok(flat)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::String(_) => "a string",
        Value::Object(_) => "an object",
        Value::Number(_) => "a number",
        Value::Array(_) => "an array",
    }
}

/// BYTES as binary data: each element is its length (4 bytes, little-endian) and its bytes.
fn bytes_tensor(items: &[&str]) -> Vec<u8> {
    items
        .iter()
        .flat_map(|s| (s.len() as u32).to_le_bytes().into_iter().chain(s.bytes()))
        .collect()
}

struct Wanted {
    name: &'static str,
    binary: bool,
}

/// The outputs asked for, in order (all when none are named), each as JSON or binary.
fn requested_outputs(
    outputs: Option<&[RequestedOutput]>,
    parameters: Option<&Map<String, Value>>,
) -> Result<Vec<Wanted>, ApiError> {
    check_parameters(parameters, "request")?;
    let all_binary = flag(parameters, "binary_data_output", "request")?.unwrap_or(false);
    let outputs = outputs.unwrap_or_default();
    if outputs.is_empty() {
        return Ok(OUTPUTS
            .into_iter()
            .map(|name| Wanted {
                name,
                binary: all_binary,
            })
            .collect());
    }
    let mut wanted: Vec<Wanted> = Vec::new();
    for output in outputs {
        let what = format!("output {:?}", output.name);
        let Some(name) = OUTPUTS.into_iter().find(|&known| known == output.name) else {
            return bad(format!(
                "unknown output {:?}; this model offers {OUTPUTS:?}",
                output.name
            ));
        };
        if wanted.iter().any(|w| w.name == name) {
            return bad(format!("{what} is asked for twice"));
        }
        let parameters = output.parameters.as_ref();
        check_parameters(parameters, &what)?;
        let binary = flag(parameters, "binary_data", &what)?.unwrap_or(all_binary);
        wanted.push(Wanted { name, binary });
    }
    Ok(wanted)
}

fn flag(
    parameters: Option<&Map<String, Value>>,
    key: &str,
    what: &str,
) -> Result<Option<bool>, ApiError> {
    match parameters.and_then(|p| p.get(key)) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => bad(format!("{what}: {key} must be true or false, got {other}")),
    }
}

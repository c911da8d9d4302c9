//! The OpenAPI document: its frame here, the paths and schemas from the handlers'
//! `#[utoipa::path]` attributes (see `app()`), so the document cannot drift from the code - and
//! then fitted to the model the server loaded, so that it states exactly the language the server
//! accepts: rows of exactly the model's feature count, finite numbers in the f32 range, integer
//! shapes, the one input's name, and the parameters and content types the server takes.

use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::server::Server;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Model-in-Image server",
        description = "A scikit-learn classifier baked into its image: the guide's API and the Open Inference Protocol v2."
    ),
    tags(
        (name = "guide", description = "The guide's API, compatible with its FastAPI original"),
        (name = "health", description = "Probes: liveness and readiness"),
        (name = "v2", description = "Open Inference Protocol v2 (KServe, Triton)")
    )
)]
struct Document;

pub fn document() -> utoipa::openapi::OpenApi {
    Document::openapi()
}

// ANCHOR: fit
/// The generated document, with the request schemas stated for the loaded model.
pub fn fit(api: utoipa::openapi::OpenApi, server: &Server) -> Value {
    let model = server.app.model.signature();
    let features = model.features();
    let limit = model_in_image::input::MAX_BODY_BYTES;
    let number = json!({ "type": "number", "minimum": -f64::from(f32::MAX), "maximum": f64::from(f32::MAX) });
    let row =
        json!({ "type": "array", "items": number, "minItems": features, "maxItems": features });
    let rows = json!({ "type": "array", "items": row, "minItems": 1 });
    let scalar = json!({ "type": ["string", "number", "boolean"] });
    // Parameters are the protocol's extension point: scalars, except those of extensions this
    // server does not have (shared memory, classification), which it refuses.
    let parameters = |known: Value, refused: &[&str]| {
        let mut names = vec![
            json!({ "pattern": "^shared_memory_" }),
            json!({ "const": "classification" }),
        ];
        names.extend(refused.iter().map(|n| json!({ "const": n })));
        json!({ "type": "object", "properties": known, "additionalProperties": scalar,
                "propertyNames": { "not": { "anyOf": names } } })
    };
    let mut doc = serde_json::to_value(api).expect("the OpenAPI document serializes");
    let schemas = &mut doc["components"]["schemas"];
    schemas["PredictRequest"] = json!({
        "type": "object", "required": ["data"],
        "description": format!("One or more rows of {features} features, each a finite number in the float32 range. \
            The body must be sent with Content-Type: application/json and be at most {limit} bytes (else 413)."),
        "properties": { "data": rows },
    });
    schemas["InputTensor"] = json!({
        "type": "object", "additionalProperties": false,
        "required": ["name", "shape", "datatype", "data"],
        "description": "The model's one input: `data` holds shape[0] × shape[1] numbers, flat in row-major order or one array per row \
            (the one rule JSON Schema cannot state).",
        "properties": {
            "name": { "const": model.input_name() },
            "shape": { "type": "array", "minItems": 2, "items": false, "prefixItems": [
                { "type": "integer", "minimum": 1, "maximum": limit }, { "const": features } ] },
            "datatype": { "const": "FP32" },
            "data": { "anyOf": [ { "type": "array", "items": number, "minItems": features }, rows ] },
            "parameters": parameters(json!({}), &["binary_data_size"]),
        },
    });
    let output = json!({ "type": "object", "additionalProperties": false, "required": ["name"],
        "properties": {
            "name": { "enum": ["label", "probabilities"] },
            "parameters": parameters(json!({ "binary_data": { "type": "boolean" } }), &[]),
        } });
    let named = |name: &str| json!({ "properties": { "name": { "const": name } } });
    schemas["RequestedOutput"] = output;
    schemas["OutputTensor"]["properties"]["data"] =
        json!({ "type": "array", "items": { "type": ["string", "number"] } });
    schemas["InferRequest"] = json!({
        "type": "object", "additionalProperties": false, "required": ["inputs"],
        "description": format!("The inference request as JSON, sent with Content-Type: application/json or none, at most {limit} bytes. \
            With the binary tensor data extension the body is this JSON followed by the tensors' bytes, \
            Inference-Header-Content-Length is the JSON's length and Content-Type may be application/octet-stream."),
        "properties": {
            "id": { "type": "string" },
            "inputs": { "type": "array", "minItems": 1, "maxItems": 1,
                "items": { "$ref": "#/components/schemas/InputTensor" } },
            "outputs": { "type": "array", "maxItems": 2,
                "items": { "$ref": "#/components/schemas/RequestedOutput" },
                "not": { "anyOf": [
                    { "minItems": 2, "prefixItems": [named("label"), named("label")] },
                    { "minItems": 2, "prefixItems": [named("probabilities"), named("probabilities")] } ] } },
            "parameters": parameters(json!({ "binary_data_output": { "type": "boolean" } }), &[]),
        },
    });
    // The one model's name and version are the only ones a v2 route answers (others: 404).
    let only = [
        ("name", server.name.clone()),
        ("version", server.app.version.clone()),
    ];
    for item in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for operation in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            let parameters = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut);
            for parameter in parameters.into_iter().flatten() {
                if let Some((_, value)) = only.iter().find(|(n, _)| parameter["name"] == *n) {
                    parameter["schema"] = json!({ "type": "string", "enum": [value] });
                }
            }
        }
    }
    // A binary answer (outputs asked for with binary_data) is the JSON, then the bytes.
    for path in [
        "/v2/models/{name}/infer",
        "/v2/models/{name}/versions/{version}/infer",
    ] {
        let ok = &mut doc["paths"][path]["post"]["responses"]["200"]["content"];
        ok["application/octet-stream"] =
            json!({ "schema": { "type": "string", "format": "binary" } });
    }
    doc
}
// ANCHOR_END: fit

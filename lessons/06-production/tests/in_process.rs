//! Lesson 06's API in-process: the router `production::app` builds, with the real model loaded
//! on the host, asked without a container or a socket - the guide's answers, the Open Inference
//! Protocol v2 (discovery, JSON and binary tensors, errors naming the model) and the OpenAPI
//! document. What only the final image shows (APP_VERSION, JSON logs, request IDs in the logs,
//! sessions per CPU limit, configuration errors, Prometheus counts, the chapter's recorded
//! requests) stays in tests/api.rs and the other container tests.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use serde_json::{Value, json};
use workbook_harness::in_process;

const FLOWERS: [([f64; 4], &str); 3] = [
    ([5.1, 3.5, 1.4, 0.2], "setosa"),
    ([5.9, 3.0, 4.2, 1.5], "versicolor"),
    ([6.3, 2.9, 5.6, 1.8], "virginica"),
];

fn infer_request(shape: [usize; 2], data: Value) -> Value {
    json!({
        "id": "request-1",
        "inputs": [{ "name": "float_input", "shape": shape, "datatype": "FP32", "data": data }]
    })
}

#[tokio::test]
async fn the_guides_clients_get_the_same_answers_as_from_the_python_original() {
    let app = in_process::lesson_06();
    let health = app.get("/health").await;
    assert_eq!(health.text(), r#"{"health":"ok"}"#);
    let label = app.get("/label").await;
    assert_eq!(
        label.text(),
        r#"{"0":"setosa","1":"versicolor","2":"virginica"}"#
    );
    for (row, name) in FLOWERS {
        let answer = app
            .post_json("/predict/label", &json!({ "data": [row] }))
            .await;
        assert_eq!(answer.json(), json!({ "prediction": name }));
    }
}

#[tokio::test]
async fn a_kserve_or_triton_client_can_discover_the_model_and_infer_with_the_v2_protocol() {
    let app = in_process::lesson_06();
    assert_eq!(
        app.get("/v2/health/live").await.json(),
        json!({ "live": true })
    );
    assert_eq!(
        app.get("/v2/health/ready").await.json(),
        json!({ "ready": true })
    );
    assert_eq!(
        app.get("/v2/models/iris_svc/ready").await.json(),
        json!({ "name": "iris_svc", "ready": true })
    );
    let metadata = app.get("/v2/models/iris_svc").await.json();
    assert_eq!(
        metadata["inputs"],
        json!([{ "name": "float_input", "datatype": "FP32", "shape": [-1, 4] }])
    );

    // Nested rows and the same numbers flat, row-major, give the same answer.
    let rows: Vec<[f64; 4]> = FLOWERS.iter().map(|(row, _)| *row).collect();
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let nested = app
        .post_json(
            "/v2/models/iris_svc/infer",
            &infer_request([3, 4], json!(rows)),
        )
        .await
        .json();
    let flat = app
        .post_json(
            "/v2/models/iris_svc/infer",
            &infer_request([3, 4], json!(flat)),
        )
        .await
        .json();
    assert_eq!(nested, flat);
    assert_eq!(nested["model_name"], "iris_svc");
    assert_eq!(nested["id"], "request-1");
    let outputs = nested["outputs"].as_array().unwrap();
    assert_eq!(
        outputs[0],
        json!({ "name": "label", "datatype": "BYTES", "shape": [3], "data": ["setosa", "versicolor", "virginica"] })
    );
    assert_eq!(outputs[1]["shape"], json!([3, 3]));
    let probabilities: Vec<f64> = serde_json::from_value(outputs[1]["data"].clone()).unwrap();
    for row in probabilities.chunks(3) {
        assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-4, "{row:?}");
    }

    // Asking for one output returns only that one.
    let mut only_labels = infer_request([1, 4], json!([FLOWERS[2].0]));
    only_labels["outputs"] = json!([{ "name": "label" }]);
    let answer = app
        .post_json("/v2/models/iris_svc/infer", &only_labels)
        .await
        .json();
    assert_eq!(
        answer["outputs"],
        json!([{ "name": "label", "datatype": "BYTES", "shape": [1], "data": ["virginica"] }])
    );

    // Another model's name is a 404 that says which model this server has.
    let other = app
        .post_json(
            "/v2/models/resnet/infer",
            &infer_request([1, 4], json!([FLOWERS[0].0])),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.json()["error"].as_str().unwrap().contains("iris_svc"));
}

#[tokio::test]
async fn the_v2_server_metadata_versions_and_binary_tensors_work_without_a_client_library() {
    let app = in_process::lesson_06();
    assert_eq!(
        app.get("/v2").await.json(),
        json!({ "name": "model-in-image", "version": "v1.0", "extensions": ["binary_tensor_data"] })
    );
    let metadata = app.get("/v2/models/iris_svc/versions/v1.0").await.json();
    assert_eq!(metadata["versions"], json!(["v1.0"]));
    let ready = app.get("/v2/models/iris_svc/versions/v1.0/ready").await;
    assert_eq!(ready.json(), json!({ "name": "iris_svc", "ready": true }));
    let other = app.get("/v2/models/iris_svc/versions/v0.1").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.json()["error"].as_str().unwrap().contains("v1.0"));

    // Binary in, binary out: the JSON header, then 2 rows × 4 little-endian FP32.
    let header = json!({
        "id": "raw-1",
        "inputs": [{ "name": "float_input", "shape": [2, 4], "datatype": "FP32",
            "parameters": { "binary_data_size": 32 } }],
        "outputs": [{ "name": "label", "parameters": { "binary_data": true } },
            { "name": "probabilities" }]
    })
    .to_string();
    let mut body = header.clone().into_bytes();
    for value in FLOWERS[0].0.iter().chain(&FLOWERS[2].0) {
        body.extend((*value as f32).to_le_bytes());
    }
    let request = Request::post("/v2/models/iris_svc/versions/v1.0/infer")
        .header("inference-header-content-length", header.len())
        .body(Body::from(body))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "application/octet-stream");
    let length: usize = answer.headers["inference-header-content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = &answer.body;
    let head: Value = serde_json::from_slice(&bytes[..length]).unwrap();
    assert_eq!(head["id"], "raw-1");
    assert_eq!(head["model_version"], "v1.0");
    // The label comes as BYTES (a 4-byte length, then the text), the probabilities as JSON.
    let labels = &head["outputs"][0];
    assert_eq!(labels["parameters"]["binary_data_size"], 8 + 6 + 9);
    assert!(labels.get("data").is_none());
    let mut expected = Vec::new();
    for name in ["setosa", "virginica"] {
        expected.extend((name.len() as u32).to_le_bytes());
        expected.extend(name.as_bytes());
    }
    assert_eq!(&bytes[length..], &expected[..]);
    assert_eq!(head["outputs"][1]["shape"], json!([2, 3]));
    assert_eq!(head["outputs"][1]["data"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_the_server_answers() {
    let app = in_process::lesson_06();
    let document = app.get("/openapi.json").await.json();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let paths = document["paths"].as_object().unwrap();
    for route in [
        "/health",
        "/label",
        "/metadata",
        "/predict",
        "/predict/label",
        "/v2/health/live",
        "/v2/health/ready",
        "/v2/models/{name}",
        "/v2/models/{name}/ready",
        "/v2/models/{name}/infer",
        "/v2",
        "/v2/models/{name}/versions/{version}",
        "/v2/models/{name}/versions/{version}/ready",
        "/v2/models/{name}/versions/{version}/infer",
    ] {
        assert!(paths.contains_key(route), "{route} is not documented");
    }
    // The request schemas follow the model the server loaded: rows of exactly 4 features,
    // finite float32 numbers, an integer shape [rows, 4], the input's own name.
    let schemas = &document["components"]["schemas"];
    let row = &schemas["PredictRequest"]["properties"]["data"]["items"];
    assert_eq!((&row["minItems"], &row["maxItems"]), (&json!(4), &json!(4)));
    assert_eq!(row["items"]["maximum"], json!(f64::from(f32::MAX)));
    let input = &schemas["InputTensor"]["properties"];
    assert_eq!(input["name"], json!({ "const": "float_input" }));
    assert_eq!(input["shape"]["prefixItems"][0]["type"], "integer");
    assert_eq!(input["shape"]["prefixItems"][1], json!({ "const": 4 }));
    // Every documented GET answers (the document does not describe routes that do not exist).
    for (path, item) in paths {
        if item.get("get").is_some() {
            let path = path
                .replace("{name}", "iris_svc")
                .replace("{version}", "v1.0");
            let response = app.get(&path).await;
            assert_eq!(response.status, StatusCode::OK, "GET {path}");
        }
    }
    let mut operation_ids: Vec<&str> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let count = operation_ids.len();
    operation_ids.sort();
    operation_ids.dedup();
    assert_eq!(operation_ids.len(), count, "operationIds must be unique");
}

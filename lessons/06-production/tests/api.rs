//! Lesson 06's server as its users meet it: the final image, built from the top-level
//! Dockerfile, asked over HTTP by a guide client, a KServe/Triton client, Prometheus and an
//! operator reading its logs.

use serde_json::{Value, json};
use workbook::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, StatusCode, WaitFor, app_request, json,
    recorded_output, replay_requests, spawn_app, spawn_app_with,
};

const LESSON: Lesson = Lesson::new("lesson-06", "Dockerfile");

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
    let app = spawn_app(&LESSON).await;
    let health = app.get("/health").await;
    assert_eq!(health.text().await.unwrap(), r#"{"health":"ok"}"#);
    let label = app.get("/label").await;
    assert_eq!(
        label.text().await.unwrap(),
        r#"{"0":"setosa","1":"versicolor","2":"virginica"}"#
    );
    for (row, name) in FLOWERS {
        let answer = app
            .post_json("/predict/label", &json!({ "data": [row] }))
            .await;
        assert_eq!(json(answer).await, json!({ "prediction": name }));
    }
    let metadata = json(app.get("/metadata").await).await;
    assert_eq!(metadata["version"], "v1.0", "the image's APP_VERSION");
}

#[tokio::test]
async fn a_kserve_or_triton_client_can_discover_the_model_and_infer_with_the_v2_protocol() {
    let app = spawn_app(&LESSON).await;
    assert_eq!(
        json(app.get("/v2/health/live").await).await,
        json!({ "live": true })
    );
    assert_eq!(
        json(app.get("/v2/health/ready").await).await,
        json!({ "ready": true })
    );
    assert_eq!(
        json(app.get("/v2/models/iris_svc/ready").await).await,
        json!({ "name": "iris_svc", "ready": true })
    );
    let metadata = json(app.get("/v2/models/iris_svc").await).await;
    assert_eq!(
        metadata["inputs"],
        json!([{ "name": "float_input", "datatype": "FP32", "shape": [-1, 4] }])
    );

    // Nested rows and the same numbers flat, row-major, give the same answer.
    let rows: Vec<[f64; 4]> = FLOWERS.iter().map(|(row, _)| *row).collect();
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let nested = json(
        app.post_json(
            "/v2/models/iris_svc/infer",
            &infer_request([3, 4], json!(rows)),
        )
        .await,
    )
    .await;
    let flat = json(
        app.post_json(
            "/v2/models/iris_svc/infer",
            &infer_request([3, 4], json!(flat)),
        )
        .await,
    )
    .await;
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
    let answer = json(
        app.post_json("/v2/models/iris_svc/infer", &only_labels)
            .await,
    )
    .await;
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
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    assert!(
        json(other).await["error"]
            .as_str()
            .unwrap()
            .contains("iris_svc")
    );
}

#[tokio::test]
async fn the_v2_server_metadata_versions_and_binary_tensors_work_without_a_client_library() {
    let app = spawn_app(&LESSON).await;
    assert_eq!(
        json(app.get("/v2").await).await,
        json!({ "name": "model-in-image", "version": "v1.0", "extensions": ["binary_tensor_data"] })
    );
    let metadata = json(app.get("/v2/models/iris_svc/versions/v1.0").await).await;
    assert_eq!(metadata["versions"], json!(["v1.0"]));
    let ready = app.get("/v2/models/iris_svc/versions/v1.0/ready").await;
    assert_eq!(
        json(ready).await,
        json!({ "name": "iris_svc", "ready": true })
    );
    let other = app.get("/v2/models/iris_svc/versions/v0.1").await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    assert!(
        json(other).await["error"]
            .as_str()
            .unwrap()
            .contains("v1.0")
    );

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
    let answer = app
        .client
        .post(format!(
            "{}/v2/models/iris_svc/versions/v1.0/infer",
            app.address
        ))
        .header("inference-header-content-length", header.len())
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "application/octet-stream");
    let length: usize = answer.headers()["inference-header-content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = answer.bytes().await.unwrap();
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
async fn prometheus_sees_requests_by_route_and_status_inference_time_and_the_model() {
    let app = spawn_app(&LESSON).await;
    app.post_json("/predict", &json!({ "data": [FLOWERS[0].0] }))
        .await;
    app.post_json("/predict", &json!({ "data": "not rows" }))
        .await;
    app.get("/no/such/page/1").await;
    app.get("/no/such/page/2").await;
    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status(), StatusCode::OK);
    let text = metrics.text().await.unwrap();
    for expected in [
        r#"axum_http_requests_total{method="POST",status="200",endpoint="/predict"} 1"#,
        r#"axum_http_requests_total{method="POST",status="422",endpoint="/predict"} 1"#,
        // Unknown paths share one label, so random URLs cannot grow the metrics without bound.
        r#"axum_http_requests_total{method="GET",status="404",endpoint="unmatched"} 2"#,
        r#"model_info{name="iris_svc",version="v1.0",input="float_input",features="4",classes="3""#,
        "model_ready 1",
        "model_inference_rows_total 1",
        "model_inference_duration_seconds_bucket",
        "axum_http_requests_duration_seconds_bucket",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_the_server_answers() {
    let app = spawn_app(&LESSON).await;
    let document = json(app.get("/openapi.json").await).await;
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
            assert_eq!(response.status(), StatusCode::OK, "GET {path}");
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

#[tokio::test]
async fn every_answer_carries_a_request_id_that_the_logs_repeat() {
    let app = spawn_app(&LESSON).await;
    let generated = app.get("/health").await;
    let id = generated.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");

    // A caller's own ID (e.g. from an ingress) is kept, and the log line of a refused request
    // names it.
    let refused = app
        .client
        .post(format!("{}/predict", app.address))
        .header("x-request-id", "trace-me-42")
        .header("content-type", "application/json")
        .body(r#"{"data": [[1, 2]]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.headers()["x-request-id"], "trace-me-42");
    let logs = app.logs().await;
    let line = logs
        .lines()
        .find(|l| l.contains("trace-me-42"))
        .unwrap_or_else(|| panic!("no log line names the request ID:\n{logs}"));
    let line: Value = serde_json::from_str(line).unwrap();
    assert_eq!(line["status"], 422);
    assert_eq!(line["message"], "request refused");
}

#[tokio::test]
async fn logs_are_one_json_object_per_line_for_a_log_collector() {
    let app = spawn_app(&LESSON).await;
    app.get("/predict/test").await;
    let logs = app.logs().await;
    assert!(logs.lines().count() >= 2, "{logs}");
    for line in logs.lines() {
        let entry: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        assert!(entry["timestamp"].is_string() && entry["level"].is_string());
    }
    assert!(logs.contains(r#""message":"model loaded and warmed up""#));
}

#[tokio::test]
async fn requests_are_served_in_parallel_by_one_session_per_cpu() {
    // Two CPUs for the container: two sessions, unless SESSIONS says otherwise.
    let app = spawn_app_with(&LESSON, |r| {
        r.with_host_config_modifier(|host| host.nano_cpus = Some(2_000_000_000))
    })
    .await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(r#"sessions="2""#), "{metrics}");
    let app = spawn_app_with(&LESSON, |r| r.with_env_var("SESSIONS", "3")).await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(r#"sessions="3""#), "{metrics}");
}

/// A configuration mistake stops the server at once with one line that names the variable.
#[tokio::test]
async fn bad_configuration_exits_non_zero_naming_the_variable() {
    for (name, value) in [
        ("SESSIONS", "0"),
        ("ORT_INTRA_THREADS", "many"),
        ("DRAIN_SECONDS", "-1"),
        ("MODEL_NAME", "../etc"),
        ("LOG_FORMAT", "xml"),
    ] {
        let container = app_request(&LESSON)
            .with_env_var(name, value)
            .with_ready_conditions(vec![WaitFor::exit(
                ExitWaitStrategy::new().with_exit_code(1),
            )])
            .start()
            .await
            .unwrap_or_else(|e| panic!("{name}={value}: the container did not exit with 1: {e}"));
        let stderr = container.stderr_to_vec().await.unwrap();
        let stderr = String::from_utf8_lossy(&stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{name}={value}: {stderr}");
        assert!(lines[0].contains(name), "{name}={value}: {stderr}");
    }
}

#[tokio::test]
async fn the_chapters_requests_give_the_output_the_book_shows() {
    let app = spawn_app(&LESSON).await;
    assert_eq!(
        replay_requests("lessons/06-production", &app),
        recorded_output("lessons/06-production"),
        "the book's output is stale: run `just outputs`"
    );
}

//! Lesson 03, as a learner meets it: the image built from lessons/03-model-in-image/Dockerfile,
//! run as a container, asked over HTTP.

use insta::{assert_json_snapshot, rounded_redaction};
use serde_json::{Value, json};
use workbook::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, Mount, StatusCode, WaitFor, app_request,
    inspect, json, recorded_output, replay_requests, repo_root, spawn_app, spawn_app_with,
};

const LESSON: Lesson = Lesson::new("lesson-03", "lessons/03-model-in-image/Dockerfile");

const SETOSA: [f64; 4] = [5.1, 3.5, 1.4, 0.2];
const VERSICOLOR: [f64; 4] = [5.9, 3.0, 4.2, 1.5];
const VIRGINICA: [f64; 4] = [6.3, 2.9, 5.6, 1.8];

#[tokio::test]
async fn health_label_and_metadata_answer_like_the_python_original() {
    let app = spawn_app(&LESSON).await;

    let health = app.get("/health").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.text().await.unwrap(), r#"{"health":"ok"}"#);

    let label = app.get("/label").await;
    assert_eq!(
        label.text().await.unwrap(),
        r#"{"0":"setosa","1":"versicolor","2":"virginica"}"#
    );

    let metadata = json(app.get("/metadata").await).await;
    assert_json_snapshot!("metadata", metadata, {
        ".prediction_sample[]" => rounded_redaction(4),
    });
}

#[tokio::test]
async fn the_three_canonical_flowers_are_named_correctly() {
    let app = spawn_app(&LESSON).await;
    for (row, name) in [
        (SETOSA, "setosa"),
        (VERSICOLOR, "versicolor"),
        (VIRGINICA, "virginica"),
    ] {
        let body = json!({ "data": [row] });
        let label = app.post_json("/predict/label", &body).await;
        assert_eq!(label.status(), StatusCode::OK);
        assert_eq!(json(label).await, json!({ "prediction": name }));

        let probabilities = json(app.post_json("/predict", &body).await).await;
        let p: Vec<f64> = serde_json::from_value(probabilities["prediction"].clone()).unwrap();
        assert_eq!(p.len(), 3);
        assert!(
            (p.iter().sum::<f64>() - 1.0).abs() < 1e-4,
            "{p:?} should sum to 1"
        );
    }
}

#[tokio::test]
async fn the_test_endpoints_predict_the_sample_row() {
    let app = spawn_app(&LESSON).await;
    let probabilities = json(app.get("/predict/test").await).await;
    assert_json_snapshot!("predict_test", probabilities, { ".prediction[]" => rounded_redaction(4) });
    let label = json(app.get("/predict/test/label").await).await;
    assert_eq!(label, json!({ "prediction": "setosa" }));
}

#[tokio::test]
async fn a_batch_gets_one_answer_per_row_in_order() {
    let app = spawn_app(&LESSON).await;
    let body = json!({ "data": [VIRGINICA, SETOSA, VERSICOLOR, SETOSA] });
    let labels = json(app.post_json("/predict/label", &body).await).await;
    assert_eq!(
        labels,
        json!({ "prediction": ["virginica", "setosa", "versicolor", "setosa"] })
    );
    let probabilities = json(app.post_json("/predict", &body).await).await;
    assert_json_snapshot!("batch", probabilities, { ".prediction[][]" => rounded_redaction(4) });

    // A thousand rows in one request.
    let rows: Vec<[f64; 4]> = (0..1000)
        .map(|i| [SETOSA, VERSICOLOR, VIRGINICA][i % 3])
        .collect();
    let big = json(
        app.post_json("/predict/label", &json!({ "data": rows }))
            .await,
    )
    .await;
    assert_eq!(big["prediction"].as_array().unwrap().len(), 1000);
    assert_eq!(big["prediction"][997], "versicolor");
}

/// Every kind of bad input gets a 4xx with a JSON error naming the problem - never a 5xx.
#[tokio::test]
async fn bad_requests_get_a_4xx_json_error_that_names_the_problem() {
    let app = spawn_app(&LESSON).await;
    let json_type = Some("application/json");
    let cases: Vec<(&str, Option<&str>, Vec<u8>)> = vec![
        ("not JSON", json_type, b"data=5.1".to_vec()),
        (
            "no content type",
            None,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "form content type",
            Some("application/x-www-form-urlencoded"),
            br#"{"data": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        ("empty body", json_type, b"".to_vec()),
        (
            "missing data",
            json_type,
            br#"{"rows": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        ("data not a list", json_type, br#"{"data": 5.1}"#.to_vec()),
        (
            "flat row",
            json_type,
            br#"{"data": [5.1, 3.5, 1.4, 0.2]}"#.to_vec(),
        ),
        ("no rows", json_type, br#"{"data": []}"#.to_vec()),
        ("empty row", json_type, br#"{"data": [[]]}"#.to_vec()),
        (
            "ragged rows",
            json_type,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2], [5.1, 3.5]]}"#.to_vec(),
        ),
        (
            "too many features",
            json_type,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2, 9.9]]}"#.to_vec(),
        ),
        (
            "a string",
            json_type,
            br#"{"data": [["5.1", 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "null",
            json_type,
            br#"{"data": [[null, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "NaN",
            json_type,
            br#"{"data": [[NaN, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "Infinity",
            json_type,
            br#"{"data": [[Infinity, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "beyond f64",
            json_type,
            br#"{"data": [[1e400, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "beyond f32",
            json_type,
            br#"{"data": [[1e39, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "deep nesting",
            json_type,
            format!("{{\"data\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        ),
        ("invalid UTF-8", json_type, b"{\"data\": [[\xff]]}".to_vec()),
    ];
    let mut answers = Vec::new();
    for (case, content_type, body) in cases {
        let response = app.post_raw("/predict", content_type, body).await;
        let status = response.status();
        assert!(status.is_client_error(), "{case}: {status}");
        let body = json(response).await;
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{case}: {body}"
        );
        answers.push(json!({ "case": case, "status": status.as_u16(), "body": body }));
    }
    assert_json_snapshot!("bad_requests", answers);

    // Oversized body: 413, not a dropped connection.
    let huge = format!("{{\"data\": [{}[1,2,3,4]]}}", "[1,2,3,4],".repeat(300_000));
    let response = app.post_raw("/predict", json_type, huge.into_bytes()).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        json(response).await["error"]
            .as_str()
            .unwrap()
            .contains("too large")
    );

    // Wrong method, unknown route: JSON too.
    let wrong_method = app.get("/predict").await;
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(json(wrong_method).await["error"].is_string());
    let unknown = app.get("/predictions").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(json(unknown).await["error"].is_string());

    // And the server is still up.
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_healthcheck_turns_healthy_without_curl_and_the_server_runs_as_non_root() {
    let app = spawn_app_with(&LESSON, |r| {
        r.with_ready_conditions(vec![WaitFor::healthcheck()])
    })
    .await;
    let container = app.inspect();
    assert_eq!(container["State"]["Health"]["Status"], "healthy");
    assert_eq!(container["Config"]["User"], "10001:10001");
    let image = inspect(container["Image"].as_str().unwrap());
    assert_eq!(
        image["Config"]["Healthcheck"]["Test"],
        json!(["CMD", "model-in-image", "healthcheck"])
    );
    // The process really runs as that user, and there is no curl in the image.
    let status = std::fs::read_to_string(format!("/proc/{}/status", container["State"]["Pid"]))
        .expect("read the server's /proc status");
    let uid = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    assert!(
        uid.split_whitespace().skip(1).all(|id| id == "10001"),
        "{uid}"
    );
    let curl = std::process::Command::new("docker")
        .args(["exec", app.container.id(), "sh", "-c", "command -v curl"])
        .output()
        .unwrap();
    assert!(!curl.status.success(), "the image should not need curl");
}

#[tokio::test]
async fn a_zipmap_export_serves_the_same_predictions() {
    let fixtures = repo_root().join("tests/fixtures");
    let app = spawn_app_with(&LESSON, |r| {
        r.with_mount(Mount::bind_mount(fixtures.to_string_lossy(), "/fixtures"))
            .with_env_var("MODEL_FILEPATH", "/fixtures/iris_svc_zipmap.onnx")
    })
    .await;
    let metadata = json(app.get("/metadata").await).await;
    assert_eq!(metadata["model"]["probability_form"], "zip_map_int");
    let body = json!({ "data": [SETOSA, VERSICOLOR, VIRGINICA] });
    let labels = json(app.post_json("/predict/label", &body).await).await;
    assert_eq!(
        labels,
        json!({ "prediction": ["setosa", "versicolor", "virginica"] })
    );
}

#[tokio::test]
async fn another_classifier_with_its_own_input_name_and_width_is_served_too() {
    let fixtures = repo_root().join("tests/fixtures");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("expected.json")).unwrap())
            .unwrap();
    let wine = expected["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["model"].as_str().unwrap().contains("wine"))
        .unwrap()
        .clone();
    let app = spawn_app_with(&LESSON, |r| {
        r.with_mount(Mount::bind_mount(fixtures.to_string_lossy(), "/fixtures"))
            .with_env_var("MODEL_FILEPATH", "/fixtures/wine_logreg_zipmap.onnx")
            .with_env_var("LABEL_FILEPATH", "/fixtures/wine_label.json")
    })
    .await;
    let metadata = json(app.get("/metadata").await).await;
    assert_eq!(metadata["model"]["input_name"], "input");
    assert_eq!(metadata["data_structure"], "(1,13)");

    let rows: Vec<Value> = wine["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["input"].clone())
        .collect();
    let names: Vec<Value> = wine["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["class_label"].clone())
        .collect();
    let labels = json(
        app.post_json("/predict/label", &json!({ "data": rows }))
            .await,
    )
    .await;
    assert_eq!(labels["prediction"], Value::Array(names));

    // An iris-sized row is refused with the model's real width.
    let iris = app
        .post_json("/predict", &json!({ "data": [SETOSA] }))
        .await;
    assert_eq!(iris.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(iris).await["error"]
            .as_str()
            .unwrap()
            .contains("expects 13 features")
    );
}

/// Startup failures: exit code 1 and one log line naming the file or variable and what to do.
#[tokio::test]
async fn bad_configuration_stops_the_container_with_one_line_naming_the_culprit() {
    let scratch = repo_root().join("target/test-scratch/startup");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(scratch.join("corrupt.onnx"), b"not an onnx model").unwrap();
    std::fs::write(
        scratch.join("two-labels.json"),
        br#"{"0": "setosa", "1": "versicolor"}"#,
    )
    .unwrap();
    std::fs::write(scratch.join("broken.json"), b"{\"0\": ").unwrap();
    let cases = [
        (
            "MODEL_FILEPATH",
            "/app/models/missing.onnx",
            "model file \"/app/models/missing.onnx\" not found; set MODEL_FILEPATH",
        ),
        (
            "MODEL_FILEPATH",
            "/scratch/corrupt.onnx",
            "model file \"/scratch/corrupt.onnx\" is not a usable ONNX model",
        ),
        (
            "LABEL_FILEPATH",
            "/app/models/missing.json",
            "label file \"/app/models/missing.json\" not found; set LABEL_FILEPATH",
        ),
        (
            "LABEL_FILEPATH",
            "/scratch/two-labels.json",
            "label file \"/scratch/two-labels.json\" names 2 classes but the model predicts 3",
        ),
        (
            "LABEL_FILEPATH",
            "/scratch/broken.json",
            "label file \"/scratch/broken.json\" is not a JSON object",
        ),
        (
            "ORT_DYLIB_PATH",
            "/usr/lib/libonnxruntime.so",
            "cannot load the ONNX Runtime library \"/usr/lib/libonnxruntime.so\"",
        ),
        ("PORT", "eighty", "PORT=\"eighty\" is not a port number"),
    ];
    for (variable, value, message) in cases {
        let container = app_request(&LESSON)
            .with_ready_conditions(vec![WaitFor::exit(ExitWaitStrategy::new())])
            .with_mount(Mount::bind_mount(scratch.to_string_lossy(), "/scratch"))
            .with_env_var(variable, value)
            .start()
            .await
            .unwrap();
        assert_eq!(
            container.exit_code().await.unwrap(),
            Some(1),
            "{variable}={value}"
        );
        let logs = String::from_utf8(container.stderr_to_vec().await.unwrap()).unwrap();
        let lines: Vec<&str> = logs.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{variable}={value}: expected one line, got {logs}"
        );
        assert!(
            lines[0].contains("ERROR") && lines[0].contains(message),
            "{variable}={value}: {logs}"
        );
    }
}

#[tokio::test]
async fn docker_stop_shuts_the_server_down_cleanly_at_once() {
    let app = spawn_app(&LESSON).await;
    let started = std::time::Instant::now();
    app.container.stop().await.unwrap();
    // Without a SIGTERM handler, PID 1 would be killed after Docker's 10 s grace period.
    assert!(
        started.elapsed().as_secs() < 5,
        "stop took {:?}",
        started.elapsed()
    );
    assert_eq!(app.container.exit_code().await.unwrap(), Some(0));
    assert!(app.logs().await.contains("shut down"));
}

/// The book shows `output.txt` as the output of the chapter's requests; here they run again
/// against a fresh container and must print exactly that. (`just outputs` re-records it.)
#[tokio::test]
async fn the_chapters_requests_print_what_the_book_shows() {
    let app = spawn_app(&LESSON).await;
    let transcript = replay_requests("lessons/03-model-in-image", &app);
    assert_eq!(
        transcript,
        recorded_output("lessons/03-model-in-image"),
        "the book's output is stale: run `just outputs`"
    );
}

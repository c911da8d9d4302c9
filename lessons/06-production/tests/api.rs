//! Lesson 06's server as its users meet it: the final image, built from the top-level
//! Dockerfile, asked over HTTP by a guide client, a KServe/Triton client, Prometheus and an
//! operator reading its logs. The API's answers that need no container (the guide's routes,
//! the v2 protocol, the OpenAPI document) are asked in-process in tests/in_process.rs.

use serde_json::{Value, json};
use workbook_harness::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, StatusCode, WaitFor, json,
};

const LESSON: Lesson = Lesson::number(6);

const FLOWERS: [([f64; 4], &str); 3] = [
    ([5.1, 3.5, 1.4, 0.2], "setosa"),
    ([5.9, 3.0, 4.2, 1.5], "versicolor"),
    ([6.3, 2.9, 5.6, 1.8], "virginica"),
];

/// The version /metadata reports is the image's APP_VERSION (the Dockerfile's default, v1.0);
/// the guide's answers themselves are checked in-process (tests/in_process.rs).
#[tokio::test]
async fn metadata_reports_the_images_app_version() {
    let app = LESSON.spawn().await;
    let metadata = json(app.get("/metadata").await).await;
    assert_eq!(metadata["version"], "v1.0", "the image's APP_VERSION");
}

#[tokio::test]
async fn prometheus_sees_requests_by_route_and_status_inference_time_and_the_model() {
    let app = LESSON.spawn().await;
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
async fn every_answer_carries_a_request_id_that_the_logs_repeat() {
    let app = LESSON.spawn().await;
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
    let line = app.log_line("trace-me-42").await;
    let line: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(line["status"], 422);
    assert_eq!(line["message"], "request refused");
}

#[tokio::test]
async fn logs_are_one_json_object_per_line_for_a_log_collector() {
    let app = LESSON.spawn().await;
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
    let app = LESSON
        .spawn_with(|r| r.with_host_config_modifier(|host| host.nano_cpus = Some(2_000_000_000)))
        .await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(r#"sessions="2""#), "{metrics}");
    let app = LESSON.spawn_with(|r| r.with_env_var("SESSIONS", "3")).await;
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
        let container = LESSON
            .request()
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
    let app = LESSON.spawn().await;
    assert_eq!(
        LESSON.replay_requests(&app),
        LESSON.recorded_output(),
        "the book's output is stale: run `just outputs`"
    );
}

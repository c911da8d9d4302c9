//! Lesson 03, as a learner meets it: the image built from lessons/03-model-in-image/Dockerfile,
//! run as a container, asked over HTTP - what only a container shows (its user and
//! healthcheck, models chosen by env, startup failures, `docker stop`, the chapter's recorded
//! requests). The API's own answers are asked in-process in tests/in_process.rs.

use serde_json::{Value, json};
use workbook_harness::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, Mount, StatusCode, WaitFor, inspect, json,
    repo_root,
};

const LESSON: Lesson = Lesson::number(3);

const SETOSA: [f64; 4] = [5.1, 3.5, 1.4, 0.2];
const VERSICOLOR: [f64; 4] = [5.9, 3.0, 4.2, 1.5];
const VIRGINICA: [f64; 4] = [6.3, 2.9, 5.6, 1.8];

#[tokio::test]
async fn the_healthcheck_turns_healthy_without_curl_and_the_server_runs_as_non_root() {
    let app = LESSON
        .spawn_with(|r| r.with_ready_conditions(vec![WaitFor::healthcheck()]))
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
    let app = LESSON
        .spawn_with(|r| {
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
    let app = LESSON
        .spawn_with(|r| {
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
        let container = LESSON
            .request()
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
    let app = LESSON.spawn().await;
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
    let app = LESSON.spawn().await;
    let transcript = LESSON.replay_requests(&app);
    assert_eq!(
        transcript,
        LESSON.recorded_output(),
        "the book's output is stale: run `just outputs`"
    );
}

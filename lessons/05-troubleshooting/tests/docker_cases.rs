//! The Docker cases of the troubleshooting lab, for real: each broken image is built from its
//! Dockerfile in `cases/NN-*/broken/` and shows the symptom a learner meets (an exit code and
//! the server's one log line, Docker's own error text, a published port that answers
//! nothing); each fixed image from `cases/NN-*/fixed/` works. Every case's builder stage is the
//! same, so BuildKit compiles the server once for all of them.
//!
//! The book shows the symptoms as `scripts/troubleshoot record` wrote them from real runs
//! (`cases/NN-*/symptom.txt`); each test also checks that the recorded text still says what it
//! sees here.

use std::{process::Command, time::Duration};

use workbook_harness::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, StatusCode, WaitFor, app_request, build_image,
    inspect, repo_root, spawn_app, spawn_app_with,
};

macro_rules! case {
    ($broken:ident, $fixed:ident, $n:literal, $dir:literal) => {
        const $broken: Lesson = Lesson::new(
            concat!("trouble-", $n, "-broken"),
            concat!(
                "lessons/05-troubleshooting/cases/",
                $dir,
                "/broken/Dockerfile"
            ),
        );
        const $fixed: Lesson = Lesson::new(
            concat!("trouble-", $n, "-fixed"),
            concat!(
                "lessons/05-troubleshooting/cases/",
                $dir,
                "/fixed/Dockerfile"
            ),
        );
    };
}

case!(ORT_BROKEN, ORT_FIXED, "01", "01-onnxruntime-missing");
case!(MODEL_BROKEN, MODEL_FIXED, "02", "02-model-not-copied");
case!(
    ENTRYPOINT_BROKEN,
    ENTRYPOINT_FIXED,
    "03",
    "03-wrong-entrypoint"
);
case!(
    LOCALHOST_BROKEN,
    LOCALHOST_FIXED,
    "04",
    "04-listening-on-localhost"
);
case!(PORT_BROKEN, PORT_FIXED, "05", "05-wrong-port");
case!(SIZE_BROKEN, SIZE_FIXED, "06", "06-image-too-large");
case!(ARCH_BROKEN, ARCH_FIXED, "07", "07-exec-format-error");

/// The recorded symptom the book shows for a case.
fn recorded(case: &str) -> String {
    let path = repo_root()
        .join("lessons/05-troubleshooting/cases")
        .join(case)
        .join("symptom.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record it with `scripts/troubleshoot record`)",
            path.display()
        )
    })
}

fn assert_recorded(case: &str, text: &str) {
    assert!(
        recorded(case).contains(text),
        "cases/{case}/symptom.txt no longer shows {text:?}: run `scripts/troubleshoot record`"
    );
}

/// Runs the image until it exits (it is expected to) and returns its exit code and logs.
async fn run_to_exit(lesson: &Lesson) -> (Option<i64>, String) {
    let container = app_request(lesson)
        .with_ready_conditions(vec![WaitFor::exit(ExitWaitStrategy::new())])
        .start()
        .await
        .expect("the container starts");
    let code = container.exit_code().await.unwrap();
    let stdout = container.stdout_to_vec().await.unwrap();
    let stderr = container.stderr_to_vec().await.unwrap();
    (
        code,
        String::from_utf8_lossy(&[stdout, stderr].concat()).into_owned(),
    )
}

/// The fixed image serves a prediction.
async fn assert_serves(lesson: &Lesson) {
    let app = spawn_app(lesson).await;
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
    let label = app.get("/predict/test/label").await;
    assert_eq!(label.text().await.unwrap(), r#"{"prediction":"setosa"}"#);
}

/// `docker run --rm IMAGE` as a learner types it: exit code and everything it printed.
fn docker_run(image: &str) -> (Option<i32>, String) {
    let out = Command::new("docker")
        .args(["run", "--rm", image])
        .output()
        .expect("docker run");
    let text = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
    (out.status.code(), text)
}

#[tokio::test]
async fn case_01_without_the_onnx_runtime_library_the_server_exits_1_with_one_line() {
    let (code, logs) = run_to_exit(&ORT_BROKEN).await;
    assert_eq!(code, Some(1), "{logs}");
    let lines: Vec<&str> = logs.lines().collect();
    let expected =
        "ERROR cannot load the ONNX Runtime library \"/usr/local/lib/libonnxruntime.so.1.32.0\"";
    assert!(
        lines.len() == 1 && lines[0].contains(expected),
        "expected one line with {expected:?}, got:\n{logs}"
    );
    assert_recorded("01-onnxruntime-missing", expected);
    assert_serves(&ORT_FIXED).await;
}

#[tokio::test]
async fn case_02_without_the_model_the_server_exits_1_naming_model_filepath() {
    let (code, logs) = run_to_exit(&MODEL_BROKEN).await;
    assert_eq!(code, Some(1), "{logs}");
    let lines: Vec<&str> = logs.lines().collect();
    let expected = "ERROR model file \"/app/models/iris_svc.onnx\" not found; set MODEL_FILEPATH";
    assert!(
        lines.len() == 1 && lines[0].contains(expected),
        "expected one line with {expected:?}, got:\n{logs}"
    );
    assert_recorded("02-model-not-copied", expected);
    assert_serves(&MODEL_FIXED).await;
}

#[tokio::test]
async fn case_03_a_wrong_entrypoint_is_refused_by_docker_with_exit_code_127() {
    let image = build_image(&ENTRYPOINT_BROKEN);
    let (code, text) = docker_run(&image);
    assert_eq!(code, Some(127), "{text}");
    let expected = "exec: \"model-in-image\": executable file not found in $PATH";
    assert!(text.contains(expected), "{text}");
    assert_recorded("03-wrong-entrypoint", expected);
    assert_serves(&ENTRYPOINT_FIXED).await;
}

/// What a client gets from a published port: a response, or the error text.
async fn ask(address: &str) -> Result<StatusCode, String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    match client.get(format!("{address}/health")).send().await {
        Ok(response) => Ok(response.status()),
        Err(error) => {
            let mut text = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                text += &format!(": {cause}");
                source = cause.source();
            }
            Err(text)
        }
    }
}

#[tokio::test]
async fn case_04_a_server_on_127_0_0_1_is_healthy_inside_yet_its_published_port_answers_nothing() {
    // The server says it listens, and its HEALTHCHECK (run inside the container, on
    // 127.0.0.1) even turns healthy...
    let app = spawn_app_with(&LOCALHOST_BROKEN, |r| {
        r.with_ready_conditions(vec![
            WaitFor::message_on_stderr("listening on http://127.0.0.1:8000"),
            WaitFor::healthcheck(),
        ])
    })
    .await;
    assert_eq!(app.inspect()["State"]["Health"]["Status"], "healthy");
    // ...but through the published port no HTTP answer comes back.
    let answer = ask(&app.address).await;
    assert!(answer.is_err(), "{answer:?}");
    eprintln!("through the published port: {answer:?}");
    assert_recorded(
        "04-listening-on-localhost",
        "listening on http://127.0.0.1:8000",
    );
    assert_recorded("04-listening-on-localhost", "curl: (");
    drop(app);

    let fixed = spawn_app(&LOCALHOST_FIXED).await;
    assert!(
        fixed
            .logs()
            .await
            .contains("listening on http://0.0.0.0:8000")
    );
    assert_eq!(ask(&fixed.address).await, Ok(StatusCode::OK));
}

#[tokio::test]
async fn case_05_the_server_listens_on_8080_while_8000_is_published_and_answers_nothing() {
    let app = spawn_app_with(&PORT_BROKEN, |r| {
        r.with_ready_conditions(vec![WaitFor::message_on_stderr(
            "listening on http://0.0.0.0:8080",
        )])
    })
    .await;
    let image = inspect(&build_image(&PORT_BROKEN));
    assert!(
        image["Config"]["ExposedPorts"]
            .as_object()
            .unwrap()
            .contains_key("8000/tcp")
    );
    let answer = ask(&app.address).await;
    assert!(answer.is_err(), "{answer:?}");
    assert_recorded("05-wrong-port", "listening on http://0.0.0.0:8080");
    assert_recorded("05-wrong-port", "curl: (");
    drop(app);
    assert_serves(&PORT_FIXED).await;
}

const MB: f64 = 1e6;

/// Lesson 02 measures the naive-to-slim ladder on a hello server; here it is the model
/// server itself: the single-stage image carries the Rust toolchain and the sources.
#[tokio::test]
async fn case_06_a_single_stage_image_is_ten_times_the_multi_stage_one_and_both_serve() {
    let size = |lesson: &Lesson| inspect(&build_image(lesson))["Size"].as_f64().unwrap() / MB;
    let (broken, fixed) = (size(&SIZE_BROKEN), size(&SIZE_FIXED));
    eprintln!("single stage {broken:.0} MB, multi-stage {fixed:.0} MB");
    assert!(broken > 500.0, "{broken:.0} MB");
    assert!(fixed < 150.0, "{fixed:.0} MB");
    assert!(broken > 5.0 * fixed, "{broken:.0} MB vs {fixed:.0} MB");
    // The size is the only problem: both images serve the same model.
    assert_serves(&SIZE_BROKEN).await;
    assert_serves(&SIZE_FIXED).await;
    assert_recorded("06-image-too-large", "trouble-06-broken");
}

/// Whether this machine runs arm64 programs itself, or through an emulator registered
/// with the kernel (binfmt_misc, as `docker run --privileged tonistiigi/binfmt` sets up).
fn runs_arm64() -> bool {
    std::env::consts::ARCH == "aarch64"
        || std::fs::read_to_string("/proc/sys/fs/binfmt_misc/qemu-aarch64")
            .is_ok_and(|s| s.starts_with("enabled"))
}

#[test]
fn case_07_a_program_for_the_other_architecture_fails_with_exec_format_error() {
    let broken = build_image(&ARCH_BROKEN);
    let (code, text) = docker_run(&broken);
    if runs_arm64() {
        // An arm64 machine, or an emulator: the "wrong" program runs. The fixed image is
        // what a machine of the other architecture needs.
        assert_eq!(code, Some(0), "{text}");
    } else {
        assert_eq!(code, Some(1), "{text}");
        let expected = "exec /busybox: exec format error";
        assert!(text.contains(expected), "{text}");
        assert_recorded("07-exec-format-error", expected);
    }
    let (code, text) = docker_run(&build_image(&ARCH_FIXED));
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(text.trim(), "hello from the right architecture");
}

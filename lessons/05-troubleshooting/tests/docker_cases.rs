//! The Docker cases of the troubleshooting lab, for real: each broken image is built from its
//! Dockerfile in `cases/NN-*/broken/` (the cases as `cases.toml` lists them) and shows the symptom a learner meets (an exit code and
//! the server's one log line, Docker's own error text, a published port that answers
//! nothing); each fixed image from `cases/NN-*/fixed/` works. Every case's builder stage is the
//! same, so BuildKit compiles the server once for all of them.
//!
//! The book shows the symptoms as `scripts/troubleshoot record` wrote them from real runs
//! (`cases/NN-*/symptom.txt`); each test also checks that the recorded text still says what it
//! sees here.

use std::{process::Command, time::Duration};

use workbook_cli::cases;
use workbook_harness::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, StatusCode, WaitFor, app_request, build_image,
    inspect, ready_line, repo_root, spawn_app, spawn_app_with,
};

/// A case's variant (`broken` or `fixed`) as the image the tests build, tagged
/// `trouble-NN-VARIANT`, from the case's folder the manifest (`cases.toml`) names.
fn variant(number: u32, variant: &str) -> Lesson {
    let case = cases::get(number).unwrap_or_else(|| panic!("case {number} is not in cases.toml"));
    assert!(case.is_docker(), "case {number} is not a Docker case");
    let dockerfile = case.variant(variant).join("Dockerfile");
    // A Lesson names its image and Dockerfile with 'static texts: a test's few are leaked.
    Lesson::new(
        Box::leak(format!("trouble-{number:02}-{variant}").into_boxed_str()),
        Box::leak(dockerfile.to_string_lossy().into_owned().into_boxed_str()),
    )
}

fn broken(number: u32) -> Lesson {
    variant(number, "broken")
}

fn fixed(number: u32) -> Lesson {
    variant(number, "fixed")
}

/// The recorded symptom the book shows for a case.
fn recorded(number: u32) -> String {
    let path = repo_root()
        .join(cases::get(number).unwrap().dir())
        .join("symptom.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record it with `scripts/troubleshoot record`)",
            path.display()
        )
    })
}

fn assert_recorded(number: u32, text: &str) {
    assert!(
        recorded(number).contains(text),
        "case {number:02}'s symptom.txt no longer shows {text:?}: run `scripts/troubleshoot record`"
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
    let (code, logs) = run_to_exit(&broken(1)).await;
    assert_eq!(code, Some(1), "{logs}");
    let lines: Vec<&str> = logs.lines().collect();
    let expected =
        "ERROR cannot load the ONNX Runtime library \"/usr/local/lib/libonnxruntime.so.1.32.0\"";
    assert!(
        lines.len() == 1 && lines[0].contains(expected),
        "expected one line with {expected:?}, got:\n{logs}"
    );
    assert_recorded(1, expected);
    assert_serves(&fixed(1)).await;
}

#[tokio::test]
async fn case_02_without_the_model_the_server_exits_1_naming_model_filepath() {
    let (code, logs) = run_to_exit(&broken(2)).await;
    assert_eq!(code, Some(1), "{logs}");
    let lines: Vec<&str> = logs.lines().collect();
    let expected = "ERROR model file \"/app/models/iris_svc.onnx\" not found; set MODEL_FILEPATH";
    assert!(
        lines.len() == 1 && lines[0].contains(expected),
        "expected one line with {expected:?}, got:\n{logs}"
    );
    assert_recorded(2, expected);
    assert_serves(&fixed(2)).await;
}

#[tokio::test]
async fn case_03_a_wrong_entrypoint_is_refused_by_docker_with_exit_code_127() {
    let image = build_image(&broken(3));
    let (code, text) = docker_run(&image);
    assert_eq!(code, Some(127), "{text}");
    let expected = "exec: \"model-in-image\": executable file not found in $PATH";
    assert!(text.contains(expected), "{text}");
    assert_recorded(3, expected);
    assert_serves(&fixed(3)).await;
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
    let app = spawn_app_with(&broken(4), |r| {
        r.with_ready_conditions(vec![
            WaitFor::message_on_stderr(ready_line::line("127.0.0.1:8000")),
            WaitFor::healthcheck(),
        ])
    })
    .await;
    assert_eq!(app.inspect()["State"]["Health"]["Status"], "healthy");
    // ...but through the published port no HTTP answer comes back.
    let answer = ask(&app.address).await;
    assert!(answer.is_err(), "{answer:?}");
    eprintln!("through the published port: {answer:?}");
    assert_recorded(4, &ready_line::line("127.0.0.1:8000"));
    assert_recorded(4, "curl: (");
    drop(app);

    let fixed = spawn_app(&fixed(4)).await;
    assert!(
        fixed
            .logs()
            .await
            .contains(&ready_line::line("0.0.0.0:8000"))
    );
    assert_eq!(ask(&fixed.address).await, Ok(StatusCode::OK));
}

#[tokio::test]
async fn case_05_the_server_listens_on_8080_while_8000_is_published_and_answers_nothing() {
    let app = spawn_app_with(&broken(5), |r| {
        r.with_ready_conditions(vec![WaitFor::message_on_stderr(ready_line::line(
            "0.0.0.0:8080",
        ))])
    })
    .await;
    let image = inspect(&build_image(&broken(5)));
    assert!(
        image["Config"]["ExposedPorts"]
            .as_object()
            .unwrap()
            .contains_key("8000/tcp")
    );
    let answer = ask(&app.address).await;
    assert!(answer.is_err(), "{answer:?}");
    assert_recorded(5, &ready_line::line("0.0.0.0:8080"));
    assert_recorded(5, "curl: (");
    drop(app);
    assert_serves(&fixed(5)).await;
}

const MB: f64 = 1e6;

/// Lesson 02 measures the naive-to-slim ladder on a hello server; here it is the model
/// server itself: the single-stage image carries the Rust toolchain and the sources.
#[tokio::test]
async fn case_06_a_single_stage_image_is_ten_times_the_multi_stage_one_and_both_serve() {
    let size = |lesson: &Lesson| inspect(&build_image(lesson))["Size"].as_f64().unwrap() / MB;
    let (broken, fixed) = (size(&broken(6)), size(&fixed(6)));
    eprintln!("single stage {broken:.0} MB, multi-stage {fixed:.0} MB");
    assert!(broken > 500.0, "{broken:.0} MB");
    // The largest image the manifest (and `workbook trouble check 6`) lets pass.
    let max = cases::get(6).unwrap().max_image_mb.unwrap();
    assert!(fixed < max, "{fixed:.0} MB, more than {max} MB");
    assert!(broken > 5.0 * fixed, "{broken:.0} MB vs {fixed:.0} MB");
    // The size is the only problem: both images serve the same model.
    assert_serves(&variant(6, "broken")).await;
    assert_serves(&variant(6, "fixed")).await;
    assert_recorded(6, "trouble-06-broken");
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
    let broken = build_image(&broken(7));
    let (code, text) = docker_run(&broken);
    if runs_arm64() {
        // An arm64 machine, or an emulator: the "wrong" program runs. The fixed image is
        // what a machine of the other architecture needs.
        assert_eq!(code, Some(0), "{text}");
    } else {
        assert_eq!(code, Some(1), "{text}");
        let expected = "exec /busybox: exec format error";
        assert!(text.contains(expected), "{text}");
        assert_recorded(7, expected);
    }
    let (code, text) = docker_run(&build_image(&fixed(7)));
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(text.trim(), "hello from the right architecture");
}

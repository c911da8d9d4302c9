//! The workbook's test support: build a lesson's image from its real Dockerfile, start it as a
//! container, and talk to it over HTTP - so every test reads like what a learner does.
//!
//! ```no_run
//! # async fn demo() {
//! use workbook::{Lesson, spawn_app};
//! const LESSON: Lesson = Lesson::new("lesson-03", "lessons/03-model-in-image/Dockerfile");
//! let app = spawn_app(&LESSON).await;
//! let health = app.get("/health").await;
//! assert_eq!(health.status(), 200);
//! # }
//! ```
//!
//! When a test fails, the container's logs are printed with the failure.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{Mutex, OnceLock},
    time::{Duration, Instant},
};

pub mod book;
pub mod deployment;
pub mod tree;

pub use reqwest::{Response, StatusCode};
use serde_json::Value;
pub use testcontainers::{
    ContainerAsync, ContainerRequest, GenericImage, ImageExt, bollard,
    core::{IntoContainerPort, Mount, WaitFor, wait::ExitWaitStrategy},
    runners::AsyncRunner,
};

/// The port every lesson's server listens on inside its container.
pub const PORT: u16 = 8000;

/// A lesson's image: its name and the Dockerfile that builds it (relative to the repo root).
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    pub name: &'static str,
    pub dockerfile: &'static str,
}

impl Lesson {
    pub const fn new(name: &'static str, dockerfile: &'static str) -> Self {
        Lesson { name, dockerfile }
    }

    /// The image repository `just` and the tests build, e.g. `model-in-image-workbook/lesson-03`.
    pub fn image(&self) -> String {
        format!("model-in-image-workbook/{}", self.name)
    }
}

/// The repository root (the Docker build context).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// Fails with one sentence when no Docker daemon answers: container tests never skip silently.
pub fn require_docker() {
    static CHECKED: OnceLock<()> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let answered = Command::new("docker")
            .args(["version", "--format", "{{.Server.Version}}"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            answered,
            "No Docker daemon answers: start one (`just setup` on Linux, or Docker Desktop) and run the tests again."
        );
    });
}

/// Builds the lesson's image from its real Dockerfile (once per test process) and returns the
/// image reference. BuildKit's cache makes a rebuild of unchanged sources take seconds.
pub fn build_image(lesson: &Lesson) -> String {
    require_docker();
    static BUILT: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let image = format!("{}:latest", lesson.image());
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if built.contains(&image) {
        return image;
    }
    let started = Instant::now();
    let output = Command::new(repo_root().join("scripts/docker-build"))
        .args([&image, lesson.dockerfile, "--progress=plain"])
        .current_dir(repo_root())
        .output()
        .expect("run scripts/docker-build");
    if !output.status.success() {
        let log = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = log.lines().rev().take(60).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!(
            "docker build of {} failed:\n{}",
            lesson.dockerfile,
            tail.join("\n")
        );
    }
    eprintln!("built {image} in {:.1}s", started.elapsed().as_secs_f64());
    built.insert(image.clone());
    image
}

/// The container request for a lesson's image, waiting until the server logs that it listens.
pub fn app_request(lesson: &Lesson) -> ContainerRequest<GenericImage> {
    let image = build_image(lesson);
    let (name, tag) = image.rsplit_once(':').expect("image has a tag");
    GenericImage::new(name, tag)
        .with_exposed_port(PORT.tcp())
        .with_wait_for(WaitFor::message_on_stderr("listening on"))
        .with_startup_timeout(Duration::from_secs(60))
}

/// Starts the lesson's server with its image's defaults.
pub async fn spawn_app(lesson: &Lesson) -> TestApp {
    spawn_request(app_request(lesson)).await
}

/// Starts the lesson's server with a changed request (extra env, mounts, user...).
pub async fn spawn_app_with(
    lesson: &Lesson,
    change: impl FnOnce(ContainerRequest<GenericImage>) -> ContainerRequest<GenericImage>,
) -> TestApp {
    spawn_request(change(app_request(lesson))).await
}

async fn spawn_request(request: ContainerRequest<GenericImage>) -> TestApp {
    let container = request
        .start()
        .await
        .unwrap_or_else(|e| panic!("container did not start: {e}"));
    let port = container
        .get_host_port_ipv4(PORT.tcp())
        .await
        .expect("published port");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        // A fresh connection per request: a server may close a connection after refusing a
        // request (413), and a reused one would then fail the next request in the test.
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(0)
            .build()
            .expect("http client"),
        container,
    }
}

/// A running lesson server.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub container: ContainerAsync<GenericImage>,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET request")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.post_raw(
            path,
            Some("application/json"),
            body.to_string().into_bytes(),
        )
        .await
    }

    pub async fn post_raw(
        &self,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send().await.expect("POST request")
    }

    /// Everything the server wrote so far (it logs to stderr).
    pub async fn logs(&self) -> String {
        let stdout = self.container.stdout_to_vec().await.unwrap_or_default();
        let stderr = self.container.stderr_to_vec().await.unwrap_or_default();
        String::from_utf8_lossy(&[stdout, stderr].concat()).into_owned()
    }

    /// `docker inspect` of the running container, as JSON.
    pub fn inspect(&self) -> Value {
        inspect(self.container.id())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() {
            print_logs(self.container.id());
        }
    }
}

/// Prints a container's logs; used when a test fails.
pub fn print_logs(id: &str) {
    if let Ok(out) = Command::new("docker").args(["logs", id]).output() {
        eprintln!(
            "--- logs of container {id} ---\n{}{}--- end of logs ---",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `docker inspect ID` (a container or an image), first element.
pub fn inspect(id: &str) -> Value {
    let out = Command::new("docker")
        .args(["inspect", id])
        .output()
        .expect("docker inspect");
    let all: Value = serde_json::from_slice(&out.stdout).expect("inspect JSON");
    all[0].clone()
}

/// Reads a response body as JSON, failing with the body text when it is not JSON.
pub async fn json(response: Response) -> Value {
    let text = response.text().await.expect("response body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The ONNX Runtime library for tests that load models on the host: `ORT_DYLIB_PATH`, or the
/// pinned one that scripts/fetch-onnxruntime provides under target/onnxruntime.
pub fn onnxruntime_library() -> PathBuf {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        return path.into();
    }
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let out = Command::new(repo_root().join("scripts/fetch-onnxruntime"))
            .arg(repo_root().join("target/onnxruntime"))
            .output()
            .expect("run scripts/fetch-onnxruntime");
        assert!(
            out.status.success(),
            "scripts/fetch-onnxruntime failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
    })
    .clone()
}

/// Runs a lesson's `requests.sh` against a running container the way `just lesson-N` does
/// (port and container name adapted to this container) and returns the transcript, to be
/// compared with the `output.txt` the book shows.
pub fn replay_requests(lesson_dir: &str, app: &TestApp) -> String {
    let dir = repo_root().join(lesson_dir);
    let requests = std::fs::read_to_string(dir.join("requests.sh")).expect("requests.sh");
    let host = app
        .address
        .trim_start_matches("http://")
        .replace("127.0.0.1", "localhost");
    let lesson = Path::new(lesson_dir).file_name().unwrap().to_string_lossy();
    let container_name = format!("workbook-lesson-{}", &lesson[..2]);
    let mut transcript = String::new();
    for line in requests
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let command = line
            .replace("localhost:8000", &host)
            .replace(&container_name, app.container.id());
        let output = Command::new("bash")
            .args(["-c", &command])
            .output()
            .expect("run the request with bash");
        assert!(
            output.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        transcript += &format!("$ {line}\n{}\n\n", stdout.trim_end_matches('\n'));
    }
    transcript
}

/// The container's memory use in MiB, as `docker stats` reports it.
pub fn container_memory_mib(id: &str) -> f64 {
    let out = Command::new("docker")
        .args(["stats", "--no-stream", "--format", "{{.MemUsage}}", id])
        .output()
        .expect("docker stats");
    let usage = String::from_utf8_lossy(&out.stdout);
    let used = usage.split('/').next().unwrap_or_default().trim();
    let (number, unit) = used.split_at(used.find(|c: char| c.is_alphabetic()).unwrap_or(0));
    let number: f64 = number
        .parse()
        .unwrap_or_else(|_| panic!("docker stats: {usage}"));
    match unit {
        "B" => number / 1048576.0,
        "KiB" | "kB" => number / 1024.0,
        "MiB" | "MB" => number,
        "GiB" | "GB" => number * 1024.0,
        other => panic!("docker stats unit {other}"),
    }
}

/// The transcript the book shows for a lesson (`just outputs` records it).
pub fn recorded_output(lesson_dir: &str) -> String {
    std::fs::read_to_string(repo_root().join(lesson_dir).join("output.txt"))
        .expect("output.txt (record it with `just outputs`)")
}

/// Runs a chapter's file of shell commands (`lessons/NN-*/commands.sh`) as the book shows them,
/// through `scripts/run-commands`, and returns the transcript (`$ command`, then its output).
/// Port 8000, which the guide's commands publish, is freed first from a lesson `just lesson-N`
/// left running; anything else holding it fails the test with one sentence.
pub fn run_commands(file: &str) -> String {
    require_docker();
    let holders = Command::new("docker")
        .args(["ps", "--filter", "publish=8000", "--format", "{{.Names}}"])
        .output()
        .expect("docker ps");
    for name in String::from_utf8_lossy(&holders.stdout)
        .lines()
        .filter(|n| n.starts_with("workbook-"))
    {
        let _ = Command::new("docker").args(["rm", "-f", name]).output();
    }
    assert!(
        std::net::TcpListener::bind("0.0.0.0:8000").is_ok(),
        "port 8000, which the book's commands publish, is in use: stop what holds it (`just clean` for the workbook's containers) and run the test again"
    );
    let output = Command::new(repo_root().join("scripts/run-commands"))
        .arg(file)
        .current_dir(repo_root())
        .output()
        .expect("run scripts/run-commands");
    let transcript = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{transcript}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    transcript
}

/// The commands of a commands file, in order (comments and blank lines left out).
pub fn commands_of(file: &str) -> Vec<String> {
    std::fs::read_to_string(repo_root().join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

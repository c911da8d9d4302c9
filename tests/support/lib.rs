//! The workbook's test harness: build a lesson's image from its real Dockerfile, start it as a
//! container, and talk to it over HTTP - so every test reads like what a learner does. One
//! entry per lesson, as zero-to-production's `spawn_app()`:
//!
//! ```no_run
//! # async fn demo() {
//! use workbook_harness::Lesson;
//! const LESSON: Lesson = Lesson::number(3);
//! let app = LESSON.spawn().await;
//! let health = app.get("/health").await;
//! assert_eq!(health.status(), 200);
//! # }
//! ```
//!
//! When a test fails, the container's logs are printed with the failure. API behaviour that
//! needs no container (validation, error bodies, routes) is tested in-process instead, with
//! the lesson's router called directly (`in_process`, features `lesson-03` / `lesson-06`).
//! What a lesson does not use, it does not compile: the Kubernetes helpers (`deployment`)
//! are behind the feature of that name, which only lessons 04-06 turn on.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{Mutex, OnceLock},
    time::{Duration, Instant},
};

pub mod book;
#[cfg(feature = "deployment")]
pub mod deployment;
#[cfg(any(feature = "lesson-03", feature = "lesson-06"))]
pub mod in_process;
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

/// The ready line: every lesson's server logs it once it listens (`listening on
/// http://0.0.0.0:8000`), and everything that waits for a server waits for it - the harness
/// here ([`ready_wait`]), `workbook trouble check`, scripts/wait-ready for the scripts (a test
/// in tests/ci_files.rs keeps its copy the same). One contract, in the `ready-line` helper crate.
pub use ready_line::{self, READY_LINE};

/// How a container is known to be ready: its server logged [`READY_LINE`].
pub fn ready_wait() -> WaitFor {
    WaitFor::message_on_stderr(READY_LINE)
}

/// A lesson's image: its name, the Dockerfile that builds it (relative to the repo root) and,
/// for a chapter's lesson, its folder (requests.sh, output.txt).
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    pub name: &'static str,
    pub dockerfile: &'static str,
    pub dir: Option<&'static str>,
}

impl Lesson {
    /// Lesson N of the book, with the image `just lesson-N` builds (lesson 06: the top-level
    /// Dockerfile, the final image).
    pub const fn number(n: u8) -> Self {
        let (name, dockerfile, dir) = match n {
            1 => (
                "lesson-01",
                "lessons/01-first-container/Dockerfile",
                "lessons/01-first-container",
            ),
            2 => (
                "lesson-02",
                "lessons/02-small-image/Dockerfile",
                "lessons/02-small-image",
            ),
            3 => (
                "lesson-03",
                "lessons/03-model-in-image/Dockerfile",
                "lessons/03-model-in-image",
            ),
            4 => (
                "lesson-04",
                "lessons/04-kubernetes-basics/Dockerfile",
                "lessons/04-kubernetes-basics",
            ),
            6 => ("lesson-06", "Dockerfile", "lessons/06-production"),
            _ => panic!("lessons 1-4 and 6 have an image (lesson 5's cases: Lesson::new)"),
        };
        Lesson {
            name,
            dockerfile,
            dir: Some(dir),
        }
    }

    /// Another image: a variant of a lesson's (e.g. a troubleshooting case's broken Dockerfile).
    pub const fn new(name: &'static str, dockerfile: &'static str) -> Self {
        Lesson {
            name,
            dockerfile,
            dir: None,
        }
    }

    /// The image repository `just` and the tests build, e.g. `model-in-image-workbook/lesson-03`.
    pub fn image(&self) -> String {
        format!("model-in-image-workbook/{}", self.name)
    }

    /// Builds the image (once per test process); see [`build_image`].
    pub fn build(&self) -> String {
        build_image(self)
    }

    /// The container request, ready once the server logs [`READY_LINE`]; change it and start
    /// it for what [`Lesson::spawn_with`] does not cover (a container expected to exit...).
    pub fn request(&self) -> ContainerRequest<GenericImage> {
        app_request(self)
    }

    /// Starts the lesson's server with its image's defaults.
    pub async fn spawn(&self) -> TestApp {
        spawn_request(self.request()).await
    }

    /// Starts the lesson's server with a changed request (extra env, mounts, user...).
    pub async fn spawn_with(
        &self,
        change: impl FnOnce(ContainerRequest<GenericImage>) -> ContainerRequest<GenericImage>,
    ) -> TestApp {
        spawn_request(change(self.request())).await
    }

    fn dir(&self) -> &'static str {
        self.dir
            .unwrap_or_else(|| panic!("{} is not a chapter's lesson", self.name))
    }

    /// The transcript the book shows for the lesson's requests (`just outputs` records it).
    pub fn recorded_output(&self) -> String {
        recorded_output(self.dir())
    }

    /// The lesson's `requests.sh`, run against `app` by the recorder `just lesson-N` uses;
    /// compare it with [`Lesson::recorded_output`].
    pub fn replay_requests(&self, app: &TestApp) -> String {
        replay_requests(self.dir(), app)
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
        .with_wait_for(ready_wait())
        .with_startup_timeout(Duration::from_secs(60))
}

/// [`Lesson::spawn`], for callers written before it.
pub async fn spawn_app(lesson: &Lesson) -> TestApp {
    lesson.spawn().await
}

/// [`Lesson::spawn_with`], for callers written before it.
pub async fn spawn_app_with(
    lesson: &Lesson,
    change: impl FnOnce(ContainerRequest<GenericImage>) -> ContainerRequest<GenericImage>,
) -> TestApp {
    lesson.spawn_with(change).await
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

    /// The first line the server writes (to stderr) that contains `needle`, waited for as it is
    /// written: Docker hands a container's output to its log a moment after the process wrote
    /// it, so a line about a request may arrive after the answer. Panics, with the logs, when
    /// no such line comes within 10 s.
    pub async fn log_line(&self, needle: &str) -> String {
        use tokio::io::AsyncBufReadExt;
        let mut lines = self.container.stderr(true).lines();
        let found = tokio::time::timeout(Duration::from_secs(10), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if line.contains(needle) {
                    return Some(line);
                }
            }
            None
        })
        .await;
        match found {
            Ok(Some(line)) => line,
            _ => panic!("no log line contains {needle:?}:\n{}", self.logs().await),
        }
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

/// Runs a lesson's `requests.sh` against a running container with the recorder `just lesson-N`
/// uses (scripts/run-commands; port and container name rewritten to this container's) and
/// returns the transcript, to be compared with the `output.txt` the book shows.
pub fn replay_requests(lesson_dir: &str, app: &TestApp) -> String {
    let port = app.address.rsplit(':').next().expect("address with a port");
    let lesson = Path::new(lesson_dir).file_name().unwrap().to_string_lossy();
    let container_name = format!("workbook-lesson-{}", &lesson[..2]);
    record(&[
        "--full",
        "--rewrite",
        &format!("localhost:8000=localhost:{port}"),
        "--rewrite",
        &format!("{container_name}={}", app.container.id()),
        &format!("{lesson_dir}/requests.sh"),
    ])
}

/// scripts/run-commands with `args`: the transcript, or a failure showing it.
fn record(args: &[&str]) -> String {
    let output = Command::new(repo_root().join("scripts/run-commands"))
        .args(args)
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
    record(&[file])
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

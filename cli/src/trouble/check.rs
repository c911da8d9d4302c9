//! `trouble check N`: the doctor on the learner's folder, then for a Docker case the
//! learner's image built and run until its symptom is gone.
//!
//! The image's answers are asked for with [`reqwest`] (the client the tests already use; in
//! this binary it costs one crate, since kube already builds hyper), run on a current-thread
//! tokio runtime as `cluster` does. It replaced an HTTP/1.1 request written by hand on a
//! `TcpStream`, which read a chunked body as its raw chunks.

use std::{
    fmt::Write as _,
    fs,
    net::SocketAddr,
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::{
    Severity, cases,
    doctor::{self, Finding},
    t,
};

use super::{
    case::{Case, find},
    paths::{NOT_FIXED, OK, fail, repo_root, shown},
    progress::{Outcome, Progress, now},
};

// ---------------------------------------------------------------------------------------------
// check

/// `trouble check N`: the doctor on the learner's folder, then (Docker cases) their image built
/// and run; records the outcome.
pub fn check(arg: &str) -> u8 {
    let case = match find(arg) {
        Ok(case) => case,
        Err(e) => return fail(e),
    };
    let n = case.number;
    let folder = case.exercise();
    if !folder.is_dir() {
        return fail(t!(
            "trouble-not-started",
            n = n.to_string(),
            folder = shown(&folder)
        ));
    }
    if let Err(e) = Progress::load() {
        return fail(e);
    }
    println!(
        "{}",
        t!(
            "trouble-checking",
            name = &case.name,
            folder = shown(&folder)
        )
    );

    // 1. The doctor, as the tests run it on the fixed variants: nothing at all to say.
    // Named relative to where the learner is, as `just doctor exercises/...` would.
    let given = std::env::current_dir()
        .ok()
        .and_then(|here| folder.strip_prefix(here).ok().map(Path::to_owned))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| folder.clone());
    let report = doctor::examine(
        &[given],
        &doctor::Options {
            no_docker: true,
            ..Default::default()
        },
    );
    let (own, other): (Vec<&Finding>, Vec<&Finding>) = report
        .findings
        .iter()
        .filter(|d| d.severity != Severity::Hint) // a hint is no mistake of the exercise
        .partition(|d| d.read == doctor::Read::Case(n));
    if report.findings.is_empty() {
        println!("{}", t!("doctor-nothing"));
    }
    for d in &report.findings {
        println!("{}\n", d.doctor());
    }
    let mut problems = Vec::new();
    if !own.is_empty() {
        problems.push(t!("trouble-own-mistake", nn = format!("{n:02}")));
    }
    if !other.is_empty() {
        problems.push(t!("trouble-other-problems", count = other.len()));
    }

    // 2. A Docker case: the learner's Dockerfile, built and run for real.
    if case.is_docker() {
        let dockerfile = folder.join("Dockerfile");
        if !docker_answers() {
            return fail(t!("trouble-no-docker"));
        }
        if !dockerfile.is_file() {
            problems.push(t!("trouble-no-dockerfile", path = shown(&dockerfile)));
        } else {
            let outcome = run_image(&case, &dockerfile);
            for line in &outcome.lines {
                println!("{line}");
            }
            if let Some(symptom) = outcome.symptom {
                println!("{}", t!("trouble-symptom", symptom = symptom));
                problems.push(t!("trouble-symptom-still-there"));
            }
        }
    }

    let passed = problems.is_empty();
    let outcome = Outcome {
        passed,
        at: now(),
        command: format!("workbook trouble check {n}"),
    };
    if let Err(e) = Progress::record(|p| {
        p.exercises.insert(case.name.clone(), outcome);
    }) {
        return fail(e);
    }
    if report.findings.is_empty() || case.is_docker() {
        println!();
    }
    if passed {
        let how = if case.is_docker() {
            t!("trouble-fixed-docker")
        } else {
            t!("trouble-fixed-kubernetes")
        };
        println!(
            "{}",
            t!(
                "trouble-is-fixed",
                name = &case.name,
                how = how,
                path = shown(&Progress::path())
            )
        );
        OK
    } else {
        println!(
            "{}",
            t!(
                "trouble-not-fixed",
                name = &case.name,
                problems = problems.join("; "),
                folder = shown(&folder),
                n = n.to_string()
            )
        );
        NOT_FIXED
    }
}

fn docker_answers() -> bool {
    Command::new("docker")
        .args(["version", "--format", "{{.Server.Version}}"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What building and running the learner's image showed.
struct ImageOutcome {
    lines: Vec<String>,
    /// The symptom, if it is still there.
    symptom: Option<String>,
}

fn docker(args: &[&str]) -> (bool, String, String) {
    match Command::new("docker").args(args).output() {
        Ok(out) => (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).trim().to_owned(),
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        ),
        Err(e) => (false, String::new(), e.to_string()),
    }
}

/// Removes the check's container however the check ends.
struct Container(String);

impl Drop for Container {
    fn drop(&mut self) {
        let _ = Command::new("docker")
            .args(["rm", "-f", &self.0])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_image(case: &Case, dockerfile: &Path) -> ImageOutcome {
    let mut lines = Vec::new();
    let n = case.number;
    let tag = format!("model-in-image-workbook/exercise-{n:02}:latest");
    let iidfile = std::env::temp_dir().join(format!(
        "workbook-exercise-{n:02}-{}.iid",
        std::process::id()
    ));
    println!(
        "{}",
        t!(
            "trouble-building",
            dockerfile = shown(dockerfile),
            tag = &tag
        )
    );
    let started = Instant::now();
    let built = Command::new(repo_root().join("scripts/docker-build"))
        .arg(&tag)
        .arg(dockerfile)
        .arg("--iidfile")
        .arg(&iidfile)
        .arg("--progress=plain")
        .current_dir(repo_root())
        .output();
    let image = fs::read_to_string(&iidfile).unwrap_or_default();
    let _ = fs::remove_file(&iidfile);
    match built {
        Ok(out) if out.status.success() && !image.trim().is_empty() => {
            let seconds = format!("{:.0}", started.elapsed().as_secs_f64());
            lines.push(t!("trouble-built", seconds = seconds));
        }
        Ok(out) => {
            let log = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = log.lines().rev().take(25).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return ImageOutcome {
                lines,
                symptom: Some(format!(
                    "{}\n{}",
                    t!("trouble-does-not-build"),
                    indent(&tail.join("\n"))
                )),
            };
        }
        Err(e) => {
            return ImageOutcome {
                lines,
                symptom: Some(t!(
                    "trouble-cannot-run",
                    program = "scripts/docker-build",
                    error = e.to_string()
                )),
            };
        }
    }
    let image = image.trim().to_owned();
    let info = case.info();
    let symptom = match info.expect {
        cases::Expect::RunsToSuccess => {
            let (ok, stdout, stderr) = docker(&["run", "--rm", &image]);
            let output = [stdout, stderr].join("\n").trim().to_owned();
            if ok {
                lines.push(format!(
                    "{}\n{}",
                    t!("trouble-ran", tag = &tag),
                    indent(&output)
                ));
            }
            (!ok).then(|| {
                format!(
                    "{}\n{}",
                    t!("trouble-run-fails", tag = &tag),
                    indent(&output)
                )
            })
        }
        cases::Expect::Serves | cases::Expect::DoctorClean => {
            let serves = serves(n, &image, &mut lines);
            let size = info.max_image_mb.and_then(|max| {
                let (_, size, _) = docker(&["image", "inspect", "-f", "{{.Size}}", &image]);
                let mb = size.parse::<f64>().unwrap_or_default() / 1e6;
                let shown_mb = format!("{mb:.0}");
                lines.push(t!("trouble-image-size", mb = &shown_mb));
                (mb > max).then(|| {
                    t!(
                        "trouble-image-too-large",
                        mb = shown_mb,
                        max = format!("{max:.0}")
                    )
                })
            });
            serves.err().or(size)
        }
    };
    ImageOutcome { lines, symptom }
}

/// Runs the image with port 8000 published, waits until the server says it listens (or exits),
/// and asks it for a prediction through the published port, as the tests' `assert_serves` does.
fn serves(n: u32, image: &str, lines: &mut Vec<String>) -> Result<(), String> {
    let name = format!("workbook-exercise-{n:02}-{}", std::process::id());
    let _ = docker(&["rm", "-f", &name]);
    let container = Container(name);
    let name = container.0.as_str();
    let (ok, _, stderr) = docker(&["run", "-d", "--name", name, "-p", "127.0.0.1::8000", image]);
    if !ok {
        // Docker's own error, without its advice to read `docker run --help`.
        let error: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("Run 'docker run --help'"))
            .collect();
        return Err(format!(
            "{}\n{}",
            t!("trouble-docker-run-fails"),
            indent(&error.join("\n"))
        ));
    }
    let deadline = Instant::now() + Duration::from_secs(90);
    let logs = || {
        let (_, out, err) = docker(&["logs", name]);
        [out, err].join("\n").trim().to_owned()
    };
    loop {
        let text = logs();
        if let Some(line) = text.lines().find(|l| l.contains(ready_line::READY_LINE)) {
            lines.push(t!("trouble-server-logs", line = line.trim()));
            break;
        }
        let (_, state, _) = docker(&[
            "inspect",
            "-f",
            "{{.State.Running}} {{.State.ExitCode}}",
            name,
        ]);
        if let Some(code) = state.strip_prefix("false ") {
            return Err(format!(
                "{}\n{}",
                t!("trouble-exits-at-once", code = code),
                indent(&logs())
            ));
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{}\n{}",
                t!("trouble-never-listens", seconds = "90"),
                indent(&text)
            ));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let (_, port, _) = docker(&["port", name, "8000/tcp"]);
    let address = port.lines().next().unwrap_or_default().to_owned();
    let Ok(address) = address.parse::<SocketAddr>() else {
        return Err(t!("trouble-port-not-published", port = format!("{port:?}")));
    };
    let mut said = String::new();
    for (path, expected) in [
        ("/health", None),
        ("/predict/test/label", Some(r#"{"prediction":"setosa"}"#)),
    ] {
        match http_get(address, path) {
            Ok((200, body)) if expected.is_none_or(|e| body.trim() == e) => {
                let _ = write!(said, "GET {path}: 200 {}; ", body.trim());
            }
            Ok((status, body)) => {
                return Err(t!(
                    "trouble-port-answers",
                    path = path,
                    status = status.to_string(),
                    body = body.trim()
                ));
            }
            Err(e) => {
                return Err(t!(
                    "trouble-port-no-answer",
                    address = address.to_string(),
                    path = path,
                    error = e
                ));
            }
        }
    }
    lines.push(t!(
        "trouble-port-served",
        said = said.trim_end_matches("; ")
    ));
    Ok(())
}

/// A GET with [`reqwest`] (already the tests' HTTP client): the status and the body, or why no
/// answer came.
fn http_get(address: SocketAddr, path: &str) -> Result<(u16, String), String> {
    let timeout = Duration::from_secs(10);
    let get = async {
        let client = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()?;
        let response = client.get(format!("http://{address}{path}")).send().await?;
        let status = response.status().as_u16();
        Ok::<_, reqwest::Error>((status, response.text().await?))
    };
    let answer = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?
        .block_on(get);
    answer.map_err(|e| no_answer(&e, timeout))
}

/// Why a GET got no answer, in the words curl would use.
fn no_answer(error: &reqwest::Error, timeout: Duration) -> String {
    use std::io::ErrorKind;
    let mut causes = std::iter::successors(Some(error as &dyn std::error::Error), |e| e.source());
    let io = causes
        .clone()
        .find_map(|e| e.downcast_ref::<std::io::Error>());
    if error.is_timeout() || io.is_some_and(|e| e.kind() == ErrorKind::TimedOut) {
        return t!(
            "trouble-no-answer-within",
            seconds = timeout.as_secs().to_string()
        );
    }
    if error.is_connect() {
        // Nothing accepts the connection: the system's reason (`Connection refused`).
        return io.map_or_else(|| error.to_string(), ToString::to_string);
    }
    // Docker's proxy accepts the connection, finds nothing listening behind it and closes it:
    // depending on timing the request cannot be written (broken pipe), the answer is reset,
    // or it is empty (hyper: "connection closed before message completed"). All say the same.
    let closed = io.is_some_and(|e| {
        matches!(
            e.kind(),
            ErrorKind::BrokenPipe
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::UnexpectedEof
        )
    }) || causes.any(|e| {
        e.to_string()
            .contains("connection closed before message completed")
    });
    if closed {
        t!("trouble-closed")
    } else {
        // Something answered, but not in HTTP.
        let chain: Vec<String> =
            std::iter::successors(Some(error as &dyn std::error::Error), |e| e.source())
                .map(ToString::to_string)
                .collect();
        format!("not an HTTP answer: {}", chain.join(": "))
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io::{Read, Write},
        net::{SocketAddr, TcpListener},
        thread,
    };

    use super::http_get;

    /// A one-connection server on loopback that reads the request and answers `answer` (or
    /// closes at once when it is empty).
    fn server(answer: &'static [u8]) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            if answer.is_empty() {
                return;
            }
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(answer);
        });
        address
    }

    #[test]
    fn status_and_body_of_plain_and_chunked_answers() {
        let plain = server(b"HTTP/1.1 200 OK\r\ncontent-length: 15\r\nconnection: close\r\n\r\n{\"status\":\"ok\"}");
        assert_eq!(
            http_get(plain, "/health"),
            Ok((200, r#"{"status":"ok"}"#.into()))
        );
        let chunked = server(b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n4\r\nnot \r\n5\r\nfound\r\n0\r\n\r\n");
        assert_eq!(http_get(chunked, "/x"), Ok((404, "not found".into())));
    }

    #[test]
    fn no_answer_says_why() {
        let closed = server(b"");
        let error = http_get(closed, "/health").unwrap_err();
        assert!(error.contains("Connection reset by peer"), "{error}");
        let not_http = server(b"SSH-2.0-OpenSSH_9.6\r\n");
        let error = http_get(not_http, "/health").unwrap_err();
        assert!(error.starts_with("not an HTTP answer"), "{error}");
        // Nothing listens on a port just released.
        let free = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let error = http_get(free, "/health").unwrap_err();
        assert!(error.starts_with("Connection refused"), "{error}");
    }
}

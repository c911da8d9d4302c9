//! The files around the code are checked like the code: the GitHub Actions workflow a fork runs
//! (`.github/workflows/ci.yml`) and every Dockerfile the workbook builds. The linters are pinned
//! and installed by `just setup` into `target/tools/venv`, and run offline.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use serde_json::Value;
use workbook_harness::{READY_LINE, repo_root};

const WORKFLOW: &str = ".github/workflows/ci.yml";

/// A linter that `just setup` installs; fails with one sentence when it is missing.
fn tool(name: &str) -> Command {
    let path = repo_root().join("target/tools/venv/bin").join(name);
    assert!(
        path.is_file(),
        "{name} is not installed in target/tools/venv: run `just setup` and run the tests again."
    );
    let mut command = Command::new(path);
    command.current_dir(repo_root());
    command
}

/// Runs a linter; `Err` holds everything it printed when it does not pass.
fn passes(command: &mut Command) -> Result<(), String> {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn workflow() -> Value {
    let text = fs::read_to_string(repo_root().join(WORKFLOW))
        .unwrap_or_else(|e| panic!("{WORKFLOW}: {e}"));
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{WORKFLOW} is not YAML: {e}"))
}

/// The events that start the workflow, in any of `on`'s forms (name, list or map).
fn triggers(workflow: &Value) -> Vec<String> {
    match &workflow["on"] {
        Value::String(event) => vec![event.clone()],
        Value::Array(events) => events
            .iter()
            .filter_map(|e| e.as_str())
            .map(Into::into)
            .collect(),
        Value::Object(events) => events.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Every step of every job, with the job's name.
fn steps(workflow: &Value) -> Vec<(&str, &Value)> {
    let Some(jobs) = workflow["jobs"].as_object() else {
        return Vec::new();
    };
    jobs.iter()
        .flat_map(|(job, spec)| {
            let steps = spec["steps"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            steps.iter().map(move |step| (job.as_str(), step))
        })
        .collect()
}

/// Whether a step uses an action, at any version (`docker/build-push-action@v7`).
fn uses(step: &Value, action: &str) -> bool {
    step["uses"]
        .as_str()
        .is_some_and(|uses| uses.split('@').next() == Some(action))
}

/// The command the README gives for running every test: `$ just test    # ...`.
fn readme_test_command() -> String {
    let readme = fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("$ "))
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .find(|command| command.starts_with("just test"))
        .expect("the README shows its test command as `$ just test`")
        .to_owned()
}

/// Every Dockerfile the workbook builds, relative to the repository root: the top-level one,
/// and each under lessons/ (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`).
fn dockerfiles() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_dir() {
                walk(&path, out);
            } else if (name.starts_with("Dockerfile") || name.ends_with(".Dockerfile"))
                && !name.ends_with(".dockerignore")
            {
                out.push(path.strip_prefix(repo_root()).unwrap().to_owned());
            }
        }
    }
    let mut out = vec![PathBuf::from("Dockerfile")];
    walk(&repo_root().join("lessons"), &mut out);
    out.sort();
    out
}

#[test]
fn the_workflow_is_one_github_actions_accepts() {
    let checked = passes(tool("check-jsonschema").args([
        "--builtin-schema",
        "vendor.github-workflows",
        WORKFLOW,
    ]));
    if let Err(report) = checked {
        panic!("{WORKFLOW} does not match GitHub's schema for workflows:\n{report}");
    }
}

#[test]
fn every_push_and_pull_request_runs_the_readmes_test_command() {
    let workflow = workflow();
    let triggers = triggers(&workflow);
    for event in ["push", "pull_request"] {
        assert!(
            triggers.iter().any(|t| t == event),
            "{WORKFLOW} does not run on {event} (it runs on {triggers:?})"
        );
    }
    let command = readme_test_command();
    let runs_it = steps(&workflow).iter().any(|(_, step)| {
        step["run"]
            .as_str()
            .is_some_and(|run| run.lines().any(|line| line.trim() == command))
    });
    assert!(
        runs_it,
        "no step of {WORKFLOW} runs `{command}`, the README's test command"
    );
}

#[test]
fn the_workbooks_image_is_built_for_amd64_and_arm64_from_the_top_level_dockerfile() {
    let workflow = workflow();
    let steps = steps(&workflow);
    let (job, build) = steps
        .iter()
        .find(|(_, step)| uses(step, "docker/build-push-action"))
        .unwrap_or_else(|| panic!("{WORKFLOW} has no docker/build-push-action step"));
    let with = &build["with"];

    let platforms: Vec<&str> = with["platforms"]
        .as_str()
        .unwrap_or_default()
        .split([',', '\n'])
        .map(str::trim)
        .collect();
    for platform in ["linux/amd64", "linux/arm64"] {
        assert!(
            platforms.contains(&platform),
            "job `{job}` does not build for {platform} (platforms: {platforms:?})"
        );
    }
    assert_eq!(
        with["context"], ".",
        "job `{job}` must build from the repository root, as `docker build .` does"
    );
    assert!(
        matches!(
            with["file"].as_str(),
            None | Some("Dockerfile" | "./Dockerfile")
        ),
        "job `{job}` builds {}, not the top-level Dockerfile",
        with["file"]
    );
    assert!(
        with["tags"]
            .as_str()
            .is_some_and(|tags| tags.contains("/model-in-image-pattern:v1.0")),
        "job `{job}` does not tag the guide's image, model-in-image-pattern:v1.0 (tags: {})",
        with["tags"]
    );

    // Another platform's image needs an emulator (QEMU) and a builder that does several (Buildx).
    for action in ["docker/setup-qemu-action", "docker/setup-buildx-action"] {
        assert!(
            steps.iter().any(|(j, step)| j == job && uses(step, action)),
            "job `{job}` builds for arm64 without {action}"
        );
    }
    // A pull request only builds: pushing is decided by an expression, never always on.
    assert!(
        !matches!(&with["push"], Value::Bool(true)) && with["push"] != "true",
        "job `{job}` pushes on every event, pull requests included"
    );
}

#[test]
fn hadolint_finds_nothing_to_fix_in_any_dockerfile() {
    let files = dockerfiles();
    assert!(
        files.iter().any(|f| f.starts_with("lessons")),
        "no Dockerfile found under lessons/"
    );
    // No ignore list: where a teaching Dockerfile breaks a rule on purpose (lesson 01's naive
    // image), the line says so itself, with `# hadolint ignore=DLxxxx` under a comment saying why.
    let findings: Vec<String> = files
        .iter()
        .filter_map(|file| {
            passes(
                tool("hadolint")
                    .args(["--failure-threshold", "style", "--no-color"])
                    .arg(file),
            )
            .err()
        })
        .collect();
    assert!(
        findings.is_empty(),
        "hadolint has findings: fix them, or, where a line is deliberate, put a comment saying why and `# hadolint ignore=DLxxxx` above it:\n{}",
        findings.join("\n")
    );
}

#[test]
fn every_hadolint_ignore_says_why() {
    for file in dockerfiles() {
        let text = fs::read_to_string(repo_root().join(&file)).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (at, line) in lines.iter().enumerate() {
            if line.starts_with('#') && line.contains("hadolint") && line.contains("ignore=") {
                let reason = at.checked_sub(1).map(|before| lines[before]);
                assert!(
                    reason.is_some_and(|r| r.starts_with('#') && !r.contains("hadolint")),
                    "{}:{}: `{line}` needs a comment line above it saying why the rule does not apply",
                    file.display(),
                    at + 1
                );
            }
        }
    }
}

/// Debian 12 left regular security support in 2026: every image the workbook builds starts
/// from Debian 13 (trixie), builder and runtime alike, so the binary the builder links against
/// trixie's glibc runs on the runtime's (the same 2.41).
#[test]
fn every_dockerfile_starts_from_debian_13() {
    let allowed = [
        "rust:1.95-slim-trixie",
        "debian:trixie-slim",
        "gcr.io/distroless/cc-debian13:nonroot",
        "python:3.13-slim",
        "scratch",
    ];
    for file in dockerfiles() {
        let text = fs::read_to_string(repo_root().join(&file)).unwrap();
        let stages: Vec<String> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("FROM "))
            .filter_map(|rest| {
                let words: Vec<&str> = rest.split_whitespace().collect();
                match words[..] {
                    [.., as_, name] if as_.eq_ignore_ascii_case("as") => Some(name.to_owned()),
                    _ => None,
                }
            })
            .collect();
        for line in text.lines().filter(|l| l.trim_start().starts_with("FROM ")) {
            let mut words = line.split_whitespace().skip(1);
            let mut image = words.next().unwrap_or_default();
            if image.starts_with("--") {
                image = words.next().unwrap_or_default();
            }
            assert!(
                allowed.contains(&image) || stages.iter().any(|s| s == image),
                "{}: `{line}` is not one of the Debian 13 base images {allowed:?}",
                file.display()
            );
        }
    }
}

/// The image CI publishes tells which commit it was built from at /metadata.
#[test]
fn the_published_image_carries_its_commit_as_app_version() {
    let workflow = workflow();
    let steps = steps(&workflow);
    let (job, build) = steps
        .iter()
        .find(|(_, step)| uses(step, "docker/build-push-action"))
        .expect("a docker/build-push-action step");
    let args = build["with"]["build-args"].as_str().unwrap_or_default();
    assert!(
        args.lines()
            .any(|l| l.trim().starts_with("APP_VERSION=${{ github.sha }}")),
        "job `{job}` builds without APP_VERSION (build-args: {args:?})"
    );
    let dockerfile = fs::read_to_string(repo_root().join("Dockerfile")).unwrap();
    assert!(dockerfile.contains("ARG APP_VERSION"));
}

/// The ready line is one contract (helpers/ready-line): the servers log it once they listen, the
/// harness waits for `READY_LINE`, and scripts/wait-ready (which scripts/run-commands,
/// scripts/lesson and the troubleshooting lab wait with) for the same text. Lessons 01 and 02,
/// a beginner's first programs, write it with a plain `eprintln!` (lesson 01's test checks its
/// logs against `ready_line::line`); the shared server of lessons 03-06 writes it through the
/// crate.
#[test]
fn the_servers_log_the_ready_line_that_the_harness_and_the_scripts_wait_for() {
    let script = fs::read_to_string(repo_root().join("scripts/wait-ready")).unwrap();
    assert!(
        script.contains(&format!("READY_LINE='{READY_LINE}'")),
        "scripts/wait-ready must wait for READY_LINE ({READY_LINE:?}) as the harness does"
    );
    let logged = format!("\"{READY_LINE} http://");
    let mut loggers = Vec::new();
    for entry in fs::read_dir(repo_root().join("lessons")).unwrap() {
        let lesson = entry.unwrap().path();
        let mut dirs = vec![lesson.join("src")];
        while let Some(dir) = dirs.pop() {
            for file in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = file.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if fs::read_to_string(&path).is_ok_and(|s| s.contains(&logged)) {
                    loggers.push(path.strip_prefix(repo_root()).unwrap().to_owned());
                }
            }
        }
    }
    for standalone in [
        "lessons/01-first-container/src/main.rs",
        "lessons/02-small-image/src/main.rs",
    ] {
        assert!(
            loggers.contains(&PathBuf::from(standalone)),
            "{standalone} must log {logged}...: {loggers:?}"
        );
    }
    // Lessons 03-06 share one server, which writes the contract's line rather than a copy.
    let shared =
        fs::read_to_string(repo_root().join("lessons/03-model-in-image/src/lib.rs")).unwrap();
    assert!(
        shared.contains("ready_line::line(addr)"),
        "lessons/03-model-in-image/src/lib.rs must log ready_line::line(addr)"
    );
    assert_eq!(
        loggers.len(),
        2,
        "only lessons 01 and 02 write the ready line by hand: {loggers:?}"
    );
}

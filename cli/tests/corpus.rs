//! `workbook doctor` on apps it was not written for: the corpus in `cli/tests/fixtures/corpus`
//! (the guide's own implementation, the Kubernetes guestbook, PostgreSQL as a StatefulSet,
//! multi-container Pods, named ports, env overrides, public images, other stacks' Dockerfiles,
//! and what a cluster reports about them). Each gives exactly the findings it should - most
//! none - and none that assumes the app is the workbook's model server or a local build. Exit
//! status: non-zero only for errors; hints never count, not even with `--strict`.

mod common;

use common::workbook;
use workbook_harness::repo_root;

const CORPUS: &str = "cli/tests/fixtures/corpus";

/// Exit code and stdout of `workbook doctor ARGS...`, never a panic.
fn doctor(args: &[&str]) -> (Option<i32>, String) {
    workbook(&[&["doctor"], args].concat())
}

/// Each finding's first line: `severity: location: problem`.
fn findings(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| {
            l.starts_with("error: ") || l.starts_with("warning: ") || l.starts_with("hint: ")
        })
        .collect()
}

/// What only the workbook's model server, or an image built here, would be told.
const NOT_FOR_OTHER_APPS: [&str; 8] = [
    "model",
    "/ready",
    "/health",
    "MODEL_FILEPATH",
    "minikube image load",
    "not in this machine's Docker",
    "docker build -t",
    "8000",
];

/// One corpus entry: the path, the exit code, and for each finding (in order) its severity
/// and words it must contain.
type Entry = (
    &'static str,
    i32,
    &'static [(&'static str, &'static [&'static str])],
);

const ENTRIES: [Entry; 12] = [
    // The guide's implementation: only the root user, which is right.
    (
        "guide",
        0,
        &[(
            "warning",
            &[
                "guide/Dockerfile:3",
                "the container runs as root",
                "USER 10001:10001",
            ],
        )],
    ),
    // The guestbook: no probes is worth a hint, with the probe each container can answer.
    (
        "guestbook",
        0,
        &[
            (
                "hint",
                &[
                    "Deployment/frontend",
                    "httpGet on port 80",
                    "port 80 is a usual http port",
                ],
            ),
            (
                "hint",
                &[
                    "Deployment/redis-follower",
                    "tcpSocket on port 6379",
                    "port 6379 is Redis's",
                    "redis-cli ping",
                ],
            ),
            (
                "hint",
                &[
                    "Deployment/redis-leader",
                    "tcpSocket on port 6379",
                    "not HTTP",
                ],
            ),
        ],
    ),
    (
        "guestbook-gcr",
        0,
        &[
            (
                "hint",
                &["gcr.io/google-samples/gb-frontend:v5", "httpGet on port 80"],
            ),
            (
                "hint",
                &[
                    "gcr.io/google_samples/gb-redis-follower:v2",
                    "tcpSocket on port 6379",
                ],
            ),
            (
                "hint",
                &["docker.io/library/redis:7", "tcpSocket on port 6379"],
            ),
        ],
    ),
    // The StatefulSet with its probes says nothing; the Pod without gets TCP or pg_isready.
    (
        "postgres",
        0,
        &[(
            "hint",
            &[
                "Pod/postgres-scratch",
                "tcpSocket on port 5432",
                "PostgreSQL's",
                "pg_isready",
            ],
        )],
    ),
    ("sidecar", 0, &[]),
    (
        "named-ports",
        0,
        &[(
            "hint",
            &[
                "Deployment/cache",
                "tcpSocket on port cache",
                "Service cache gives the port appProtocol tcp",
            ],
        )],
    ),
    ("env-matches-image", 0, &[]),
    (
        "env-not-in-image",
        0,
        &[(
            "warning",
            &[
                "sets MODEL_FILEPATH=/models/classifier.onnx",
                "the image cli/tests/fixtures/corpus/env-not-in-image/Dockerfile builds has no file at /models/classifier.onnx",
                "(its own MODEL_FILEPATH is /app/models/classifier.onnx)",
                "case 10",
            ],
        )],
    ),
    (
        "public-images",
        0,
        &[(
            "warning",
            &[
                "containers[1].image",
                "\"nginx\" has no tag",
                "the cluster pulls it from Docker Hub",
                "pin the version",
            ],
        )],
    ),
    ("dockerfiles", 0, &[]),
    ("live/guestbook-healthy.yaml", 0, &[]),
    (
        "live/guestbook-broken.yaml",
        1,
        &[
            (
                "error",
                &[
                    "waits in ErrImagePull",
                    "cannot pull gcr.io/google-samples/gb-frontend:v55 from gcr.io",
                    "imagePullSecret",
                ],
            ),
            (
                "error",
                &[
                    "Pod/redis-leader",
                    "CrashLoopBackOff",
                    "exit code 1",
                    "--previous",
                ],
            ),
            (
                "error",
                &[
                    "Pod/redis-follower",
                    "tcpSocket on port 6379",
                    "connection refused",
                ],
            ),
            (
                "error",
                &["Service/redis-follower", "has no ready endpoints"],
            ),
        ],
    ),
];

#[test]
fn every_app_of_the_corpus_gets_exactly_its_findings() {
    for (entry, code, expected) in ENTRIES {
        let path = format!("{CORPUS}/{entry}");
        let (exit, stdout) = doctor(&["--no-docker", &path]);
        assert_eq!(exit, Some(code), "{entry}:\n{stdout}");
        let found = findings(&stdout);
        assert_eq!(found.len(), expected.len(), "{entry}:\n{stdout}");
        for (line, (severity, words)) in found.iter().zip(expected) {
            assert!(
                line.starts_with(&format!("{severity}: ")),
                "{entry}: {line}"
            );
            for word in *words {
                assert!(
                    line.contains(word) || stdout.contains(word),
                    "{entry}: no {word:?} in\n{stdout}"
                );
            }
        }
        // Each finding says what to do and where the chapter is.
        for block in stdout.split("\n\n").filter(|b| findings(b).len() == 1) {
            assert!(
                block.contains("\n  fix: ")
                    && block.contains("\n  read: ")
                    && block.contains("(book/src/"),
                "{entry}:\n{block}"
            );
        }
        // The apps that are not model servers are not spoken to as one.
        if !["guide", "env-matches-image", "env-not-in-image"].contains(&entry) {
            for words in NOT_FOR_OTHER_APPS {
                assert!(!stdout.contains(words), "{entry}: {words:?} in\n{stdout}");
            }
        }
        // Hints and warnings never fail; --strict fails on warnings, never on hints.
        let (strict, _) = doctor(&["--no-docker", "--strict", &path]);
        let warned = expected.iter().any(|(s, _)| *s != "hint");
        assert_eq!(
            strict,
            Some(if warned { 1 } else { 0 }),
            "{entry} with --strict"
        );
    }
}

/// Without its Dockerfile, the guide's Deployment is checked against the workbook's own image,
/// which has its model exactly there too; moved elsewhere, the override is named.
#[test]
fn the_guides_env_override_is_checked_against_the_image_it_names() {
    let (exit, stdout) = doctor(&["--no-docker", "--strict", &format!("{CORPUS}/guide/k8s")]);
    assert_eq!(exit, Some(0), "{stdout}");
    assert!(findings(&stdout).is_empty(), "{stdout}");

    let dir = repo_root().join("target/test-scratch/corpus-guide-moved");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("k8s")).unwrap();
    let guide = repo_root().join(CORPUS).join("guide");
    std::fs::copy(guide.join("Dockerfile"), dir.join("Dockerfile")).unwrap();
    let deployment = std::fs::read_to_string(guide.join("k8s/deployment.yml"))
        .unwrap()
        .replace(
            "value: /app/models/iris_svc.onnx",
            "value: /models/iris_svc.onnx",
        );
    std::fs::write(dir.join("k8s/deployment.yml"), deployment).unwrap();
    let (exit, stdout) = doctor(&["--no-docker", dir.to_str().unwrap()]);
    assert_eq!(exit, Some(0), "warnings do not fail:\n{stdout}");
    let found = findings(&stdout);
    assert_eq!(found.len(), 2, "{stdout}");
    assert!(found[0].contains("runs as root"), "{stdout}");
    assert!(
        found[1].starts_with("warning: ")
            && found[1].contains("Dockerfile builds has no file at /models/iris_svc.onnx"),
        "{stdout}"
    );
}

/// An override of an image nothing here can look into is a hint that says how to check it.
#[test]
fn an_override_the_doctor_cannot_check_is_a_hint() {
    let dir = repo_root().join("target/test-scratch/corpus-unknown-image");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let deployment = std::fs::read_to_string(
        repo_root()
            .join(CORPUS)
            .join("env-not-in-image/k8s/deployment.yaml"),
    )
    .unwrap()
    .replace(
        "image: classifier:1.4.0",
        "image: ghcr.io/example/classifier:1.4.0",
    );
    std::fs::write(dir.join("deployment.yaml"), deployment).unwrap();
    let (exit, stdout) = doctor(&["--no-docker", "--strict", dir.to_str().unwrap()]);
    assert_eq!(exit, Some(0), "a hint never fails:\n{stdout}");
    let found = findings(&stdout);
    assert_eq!(found.len(), 1, "{stdout}");
    assert!(
        found[0].starts_with("hint: ")
            && found[0].contains("the doctor cannot look inside that image")
            && stdout.contains("docker run --rm --entrypoint ls ghcr.io/example/classifier:1.4.0"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("0 errors, 0 warnings, 1 hint\n"),
        "{stdout}"
    );
}

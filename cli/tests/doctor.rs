//! `workbook doctor`, as a learner runs it: on every broken case of the troubleshooting lab
//! (each mistake named, with its fix and its chapter), on every fixed one and on the project's
//! own Dockerfiles and manifests (nothing to say), and on input that is neither.

use std::{fs, path::PathBuf};

mod common;

use common::workbook;
use workbook_harness::repo_root;

const CASES: &str = "lessons/05-troubleshooting/cases";

/// Exit code and stdout of `workbook doctor ARGS...`, never a panic.
fn doctor(args: &[&str]) -> (Option<i32>, String) {
    workbook(&[&["doctor"], args].concat())
}

fn cases() -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(repo_root().join(CASES))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| repo_root().join(CASES).join(name).join("broken").is_dir())
        .collect();
    cases.sort();
    cases
}

/// What each broken case must be diagnosed with (a word of its finding) and the exit code.
const EXPECTED: [(&str, &str, i32); 14] = [
    ("01-onnxruntime-missing", "ORT_DYLIB_PATH is", 1),
    ("02-model-not-copied", "MODEL_FILEPATH is", 1),
    ("03-wrong-entrypoint", "executable file not found", 1),
    ("04-listening-on-localhost", "HOST=127.0.0.1", 1),
    ("05-wrong-port", "PORT=8080", 1),
    ("06-image-too-large", "ships compilers", 0),
    ("07-exec-format-error", "exec format error", 1),
    (
        "08-probes-not-healthcheck",
        "ignores the image's HEALTHCHECK",
        0,
    ),
    ("09-image-pull", "ImagePullBackOff", 0),
    ("10-crashloop-model-missing", "CrashLoopBackOff", 0),
    ("11-service-selector", "no Endpoints", 1),
    ("12-target-port", "is not a containerPort", 1),
    ("13-network-policy", "allows none of their ports", 1),
    ("14-hpa-unknown", "<unknown>", 1),
];

#[test]
fn every_broken_case_is_diagnosed_with_its_fix_and_chapter() {
    let cases = cases();
    assert_eq!(
        cases,
        EXPECTED.iter().map(|e| e.0).collect::<Vec<_>>(),
        "every case in {CASES} has an expectation here"
    );
    for (case, words, code) in EXPECTED {
        let dir = format!("{CASES}/{case}/broken");
        let (exit, stdout) = doctor(&["--no-docker", &dir]);
        assert_eq!(exit, Some(code), "{case}:\n{stdout}");
        assert!(stdout.contains(words), "{case}: no {words:?} in\n{stdout}");
        assert!(
            stdout.contains("  fix: ") && stdout.contains("  read: "),
            "{stdout}"
        );
        // Warnings fail too with --strict, as the exercises' check does.
        let (strict, _) = doctor(&["--no-docker", "--strict", &dir]);
        assert_eq!(strict, Some(1), "{case} with --strict");
        // The book shows what `scripts/troubleshoot record` wrote; it must still be this.
        let recorded =
            fs::read_to_string(repo_root().join(CASES).join(case).join("doctor.txt")).unwrap();
        assert_eq!(
            recorded.split_once('\n').map(|(_, rest)| rest),
            Some(stdout.as_str()),
            "{case}/doctor.txt is stale: run `scripts/troubleshoot record`"
        );
        insta::assert_snapshot!(case, stdout);
    }
}

#[test]
fn every_fixed_case_is_clean() {
    for case in cases() {
        let dir = format!("{CASES}/{case}/fixed");
        let (exit, stdout) = doctor(&["--no-docker", "--strict", &dir]);
        assert_eq!(exit, Some(0), "{case}:\n{stdout}");
        assert!(
            stdout.ends_with("looked at: 0 errors, 0 warnings\n"),
            "{case}:\n{stdout}"
        );
    }
}

#[test]
fn the_projects_own_dockerfiles_and_manifests_are_clean() {
    let (exit, stdout) = doctor(&[
        "--no-docker",
        "--strict",
        "Dockerfile",
        "lessons/02-small-image/Dockerfile",
        "lessons/02-small-image/Dockerfile.distroless",
        "lessons/03-model-in-image/Dockerfile",
        "lessons/04-kubernetes-basics/Dockerfile",
        "lessons/04-kubernetes-basics/k8s",
        "k8s",
    ]);
    assert_eq!(exit, Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "doctor: 5 Dockerfiles, 10 Kubernetes objects, 0 images looked at: 0 errors, 0 warnings\n"
    );
}

/// Lesson 01's image is naive on purpose - lesson 02 fixes exactly what the doctor says.
#[test]
fn lesson_01s_naive_dockerfile_gets_the_two_warnings_lesson_02_fixes() {
    let (exit, stdout) = doctor(&["--no-docker", "lessons/01-first-container/Dockerfile"]);
    assert_eq!(exit, Some(0), "warnings alone do not fail:\n{stdout}");
    assert!(stdout.contains("the container runs as root"), "{stdout}");
    assert!(stdout.contains("the rust toolchain"), "{stdout}");
    assert!(stdout.ends_with("0 errors, 2 warnings\n"), "{stdout}");
}

#[test]
fn an_image_the_manifests_run_that_docker_does_not_have_is_named() {
    let dir = repo_root().join("target/test-scratch/doctor-images");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let deployment =
        fs::read_to_string(repo_root().join("lessons/04-kubernetes-basics/k8s/deployment.yml"))
            .unwrap()
            .replace(
                "model-in-image-pattern:v1.0",
                "model-in-image-workbook/never-built:v0",
            );
    fs::write(dir.join("deployment.yml"), deployment).unwrap();
    let (exit, stdout) = doctor(&[dir.to_str().unwrap()]);
    assert_eq!(exit, Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "the image model-in-image-workbook/never-built:v0 is not in this machine's Docker"
        ) && stdout.contains("minikube image load model-in-image-workbook/never-built:v0"),
        "{stdout}"
    );
}

#[test]
fn input_that_is_neither_gets_a_message_and_an_exit_code_never_a_panic() {
    let dir = repo_root().join("target/test-scratch/doctor-bad-input");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let files: [(&str, Vec<u8>); 8] = [
        ("unparseable.yml", b"spec: [\n".to_vec()),
        (
            "custom.yml",
            b"apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: settings}\n".to_vec(),
        ),
        ("Dockerfile.binary", vec![0, 159, 146, 150, 255]),
        ("Dockerfile.huge", vec![b'#'; 2 * 1024 * 1024]),
        (
            "Dockerfile.prose",
            b"Hello, this is not a Dockerfile.\n".to_vec(),
        ),
        ("Dockerfile.empty", Vec::new()),
        (
            "Dockerfile.no-dest",
            b"FROM debian:bookworm-slim\nCOPY a\n".to_vec(),
        ),
        ("notes.txt", b"ignored inside a folder\n".to_vec()),
    ];
    for (name, bytes) in &files {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let given: PathBuf = dir.join("notes.txt");
    let (exit, stdout) = doctor(&[
        "--no-docker",
        dir.to_str().unwrap(),
        given.to_str().unwrap(),
        "/no/such/folder",
        "/dev/zero",
    ]);
    assert_eq!(exit, Some(1), "{stdout}");
    for expected in [
        "unparseable.yml: document 1: not valid YAML",
        "custom.yml: Widget/settings: kind Widget (example.com/v1) is not checked",
        "Dockerfile.binary: not a text file",
        "Dockerfile.huge: more than 1048576 bytes is too large for a Dockerfile",
        "Dockerfile.prose: line 1: unknown instruction \"HELLO,\"",
        "Dockerfile.empty: no FROM instruction",
        "Dockerfile.no-dest: line 2: COPY needs a source and a destination",
        "notes.txt: neither a Dockerfile",
        "/no/such/folder: no such file or folder",
        "/dev/zero: not a regular file",
    ] {
        assert!(
            stdout.contains(expected),
            "expected {expected:?} in:\n{stdout}"
        );
    }
    let (usage, _) = doctor(&[]);
    assert_eq!(usage, Some(2));
    let (unknown, _) = doctor(&["--frobnicate", "k8s"]);
    assert_eq!(unknown, Some(2));
}

//! `workbook doctor --image IMAGE`: the doctor reads the ELF header of the program an image
//! starts (`docker create` + `docker cp`, nothing runs), and so catches case 07's arm64
//! program in an image labelled amd64 - which the image's own platform does not tell.

mod common;

use assert_cmd::Command;
use common::workbook;
use workbook_harness::{Lesson, build_image, inspect, repo_root};

const BROKEN: Lesson = Lesson::new(
    "trouble-07-broken",
    "lessons/05-troubleshooting/cases/07-exec-format-error/broken/Dockerfile",
);
const FIXED: Lesson = Lesson::new(
    "trouble-07-fixed",
    "lessons/05-troubleshooting/cases/07-exec-format-error/fixed/Dockerfile",
);

fn doctor_image(image: &str) -> (Option<i32>, String) {
    workbook(&["doctor", "--image", image])
}

#[test]
fn an_arm64_program_in_an_image_labelled_for_this_machine_is_named() {
    let broken = build_image(&BROKEN);
    let host = inspect(&broken)["Architecture"]
        .as_str()
        .unwrap()
        .to_owned();
    let (code, stdout) = doctor_image(&broken);
    if host == "arm64" {
        // On an arm64 machine the "wrong" program is the right one.
        assert_eq!(code, Some(0), "{stdout}");
    } else {
        assert_eq!(code, Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!(
                "says it is for linux/{host}, but the program it starts, /busybox, is built for arm64"
            )) && stdout.contains("exec format error")
                && stdout.contains("Docker case 07"),
            "{stdout}"
        );
    }
    let (code, stdout) = doctor_image(&build_image(&FIXED));
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.ends_with("1 image looked at: 0 errors, 0 warnings\n"),
        "{stdout}"
    );
}

#[test]
fn an_image_docker_does_not_have_and_a_missing_image_argument() {
    let (code, stdout) = doctor_image("model-in-image-workbook/never-built:v0");
    assert_eq!(code, Some(0), "a warning alone: {stdout}");
    assert!(
        stdout.contains(
            "the image model-in-image-workbook/never-built:v0 is not in this machine's Docker"
        ),
        "{stdout}"
    );
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .args(["doctor", "--image"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--image needs an image"));
}

/// An image of this machine's Docker, built here from a few lines: a model file at
/// /opt/model/model.onnx, MODEL_FILEPATH saying so, and a HEALTHCHECK.
const LOCAL_IMAGE: &str = "doctor-env-check:v1";

fn build_local_image() {
    workbook_harness::require_docker();
    let dir = repo_root().join("target/test-scratch/doctor-env-image");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("model.onnx"), b"not really a model").unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM debian:trixie-slim\nCOPY model.onnx /opt/model/model.onnx\nENV MODEL_FILEPATH=/opt/model/model.onnx\nUSER 10001:10001\nEXPOSE 7000\nHEALTHCHECK CMD [\"test\", \"-f\", \"/opt/model/model.onnx\"]\nCMD [\"sleep\", \"infinity\"]\n",
    )
    .unwrap();
    let output = std::process::Command::new(repo_root().join("scripts/shims/docker"))
        .args(["build", "-q", "-t", LOCAL_IMAGE])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "docker build: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn deployment(env: &[(&str, &str)], probes: bool) -> String {
    let env: String = env
        .iter()
        .map(|(k, v)| format!("            - {{name: {k}, value: \"{v}\"}}\n"))
        .collect();
    let probes = if probes {
        "          readinessProbe:\n            tcpSocket: {port: 7000}\n"
    } else {
        ""
    };
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: scorer}}\nspec:\n  selector:\n    matchLabels: {{app: scorer}}\n  template:\n    metadata:\n      labels: {{app: scorer}}\n    spec:\n      containers:\n        - name: scorer\n          image: {LOCAL_IMAGE}\n          imagePullPolicy: IfNotPresent\n          ports:\n            - containerPort: 7000\n          env:\n{env}{probes}"
    )
}

fn doctor_manifest(name: &str, yaml: &str) -> (Option<i32>, String) {
    let dir = repo_root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("deployment.yaml"), yaml).unwrap();
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
        .args(["doctor", "--strict"])
        .arg(&dir)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The doctor looks inside the local image before it names an env override: the image's own
/// value, or a file the image has, is no finding; a path it does not have is, said as checked.
/// Its HEALTHCHECK, read from the image, makes a missing probe a warning.
#[test]
fn env_overrides_and_probes_are_checked_inside_the_local_image() {
    build_local_image();
    let same = deployment(&[("MODEL_FILEPATH", "/opt/model/model.onnx")], true);
    let (code, stdout) = doctor_manifest("doctor-env-same", &same);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.ends_with("1 image looked at: 0 errors, 0 warnings\n"),
        "{stdout}"
    );

    let there = deployment(&[("LABEL_FILEPATH", "/opt/model/model.onnx")], true);
    let (code, stdout) = doctor_manifest("doctor-env-there", &there);
    assert_eq!(code, Some(0), "a file the image has: {stdout}");

    let missing = deployment(&[("MODEL_FILEPATH", "/models/model.onnx")], true);
    let (code, stdout) = doctor_manifest("doctor-env-missing", &missing);
    assert_eq!(code, Some(1), "a warning, with --strict: {stdout}");
    assert!(
        stdout.contains("sets MODEL_FILEPATH=/models/model.onnx, but the image doctor-env-check:v1 in this machine's Docker has no file at /models/model.onnx (its own MODEL_FILEPATH is /opt/model/model.onnx)"),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 errors, 1 warning\n"), "{stdout}");

    let unprobed = deployment(&[], false);
    let (code, stdout) = doctor_manifest("doctor-env-unprobed", &unprobed);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("the image doctor-env-check:v1 in this machine's Docker has a HEALTHCHECK (test -f /opt/model/model.onnx), which Kubernetes ignores")
            && stdout.contains("tcpSocket on port 7000")
            && !stdout.contains("/ready"),
        "{stdout}"
    );
}

/// A public sample app with Docker answering: the cluster pulls its images, so this machine's
/// Docker not having them is no finding (the images are counted as looked at).
#[test]
fn public_images_are_not_expected_in_this_machines_docker() {
    workbook_harness::require_docker();
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
        .args(["doctor", "cli/tests/fixtures/corpus/public-images"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("not in this machine's Docker"), "{stdout}");
    assert!(!stdout.contains("minikube image load"), "{stdout}");
    assert!(
        stdout.ends_with("4 images looked at: 0 errors, 1 warning\n"),
        "{stdout}"
    );
}

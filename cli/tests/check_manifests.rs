//! `workbook check-manifests`, as a learner runs it: on lesson 4's manifests, on broken copies
//! of them (each mistake named by its field), and on input that is not a manifest at all.

use std::{fs, path::PathBuf};

use assert_cmd::Command;
use workbook_harness::repo_root;

const IMAGE: &str = "model-in-image-pattern:v1.0";

fn lesson_manifests() -> PathBuf {
    repo_root().join("lessons/04-kubernetes-basics/k8s")
}

fn workbook() -> Command {
    let mut command = Command::cargo_bin("workbook").unwrap();
    command.current_dir(repo_root());
    command
}

/// The image the justfile builds for the Kubernetes lessons.
fn justfile_image() -> String {
    let justfile = fs::read_to_string(repo_root().join("justfile")).unwrap();
    let line = justfile
        .lines()
        .find(|l| l.starts_with("guide_image := "))
        .unwrap();
    line.split('"').nth(1).unwrap().to_owned()
}

#[test]
fn the_lessons_manifests_pass_every_check() {
    assert_eq!(justfile_image(), IMAGE);
    let output = workbook()
        .args([
            "check-manifests",
            "--image",
            IMAGE,
            "--paths",
            "/health,/ready",
        ])
        .arg(lesson_manifests())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(stdout.trim(), "4 objects checked: 0 errors, 0 warnings");
}

/// A copy of lesson 4's manifests with one text replacement in one file.
fn broken(case: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let dir = repo_root().join("target/test-scratch/manifests").join(case);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(lesson_manifests()).unwrap() {
        let path = entry.unwrap().path();
        let mut text = fs::read_to_string(&path).unwrap();
        if path.file_name().unwrap() == file {
            assert!(text.contains(from), "{case}: {file} has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}

#[test]
fn each_broken_manifest_is_caught_with_a_message_that_names_the_field() {
    let cases = [
        (
            "selector-mismatch",
            "service.yml",
            "app: model-in-image      #",
            "app: model-in-imag      #",
            "Service/model-in-image-service: spec.selector",
        ),
        (
            "wrong-target-port",
            "service.yml",
            "targetPort: http",
            "targetPort: 8080",
            "spec.ports[0].targetPort: 8080 is not a containerPort",
        ),
        (
            "misspelled-field",
            "deployment.yml",
            "imagePullPolicy:",
            "imagePulPolicy:",
            "spec.template.spec.containers[0].imagePulPolicy: unknown field `imagePulPolicy`",
        ),
        (
            "misindented-field",
            "service.yml",
            "      nodePort: 30080",
            "  nodePort: 30080",
            "Service/model-in-image-service: spec.nodePort: unknown field `nodePort`",
        ),
        (
            "deployment-selector",
            "deployment.yml",
            "app: model-in-image          # the Pods",
            "app: model          # the Pods",
            "spec.selector.matchLabels: app=model does not match the Pod template's labels",
        ),
        (
            "hpa-without-cpu-request",
            "deployment.yml",
            "              cpu: 250m\n",
            "",
            "spec.metrics[0].resource.name: scales on cpu utilization, but container \"model-in-image\"",
        ),
        (
            "hpa-wrong-target",
            "hpa.yml",
            "name: model-in-image-deployment",
            "name: model-in-image",
            "spec.scaleTargetRef: Deployment/model-in-image is not among these manifests",
        ),
        (
            "probe-port",
            "deployment.yml",
            "              port: http\n            periodSeconds: 5",
            "              port: 8080\n            periodSeconds: 5",
            "readinessProbe.httpGet.port: 8080 is not a containerPort",
        ),
        (
            "probe-path",
            "deployment.yml",
            "path: /ready",
            "path: /readyz",
            "readinessProbe.httpGet.path: the server does not answer /readyz",
        ),
        (
            "namespace",
            "service.yml",
            "namespace: model-in-image",
            "namespace: default",
            "metadata.namespace: is \"default\"",
        ),
        (
            "image-tag",
            "deployment.yml",
            "image: model-in-image-pattern:v1.0",
            "image: model-in-image-pattern:v2.0",
            "image: is \"model-in-image-pattern:v2.0\", but the image built and loaded is",
        ),
        (
            "bad-type",
            "deployment.yml",
            "replicas: 2 ",
            "replicas: two ",
            "spec.replicas: invalid type: string \"two\"",
        ),
    ];
    for (case, file, from, to, expected) in cases {
        let dir = broken(case, file, from, to);
        let output = workbook()
            .args([
                "check-manifests",
                "--image",
                IMAGE,
                "--paths",
                "/health,/ready",
            ])
            .arg(&dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{case}: {stdout}");
        assert!(
            stdout.contains(expected),
            "{case}: expected {expected:?} in:\n{stdout}"
        );
    }
}

#[test]
fn the_imagepullbackoff_traps_are_warnings() {
    let dir = broken(
        "latest-always",
        "deployment.yml",
        "image: model-in-image-pattern:v1.0\n          imagePullPolicy: IfNotPresent",
        "image: model-in-image-pattern:latest\n          imagePullPolicy: Always",
    );
    let output = workbook()
        .args(["check-manifests"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "warnings alone do not fail: {stdout}"
    );
    assert!(
        stdout.contains("warning:") && stdout.contains("ImagePullBackOff"),
        "{stdout}"
    );
    assert!(
        stdout.contains("imagePullPolicy: Always pulls from a registry every time"),
        "{stdout}"
    );
}

#[test]
fn input_that_is_not_a_manifest_gets_a_message_and_an_exit_code_never_a_panic() {
    let dir = repo_root().join("target/test-scratch/not-manifests");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let files: [(&str, Vec<u8>); 6] = [
        ("unparseable.yml", b"spec: [\n".to_vec()),
        ("binary.yml", vec![0, 159, 146, 150, 255]),
        ("a-list.yml", b"- 1\n- 2\n".to_vec()),
        (
            "no-kind.yml",
            b"apiVersion: v1\nmetadata: {name: x}\n".to_vec(),
        ),
        (
            "custom.yml",
            b"apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: settings}\n".to_vec(),
        ),
        ("huge.yml", vec![b'#'; 5 * 1024 * 1024]),
    ];
    for (name, bytes) in &files {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let output = workbook()
        .args(["check-manifests"])
        .arg(&dir)
        .arg("/no/such/folder")
        .arg("/dev/zero")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for expected in [
        "unparseable.yml: document 1: not valid YAML",
        "binary.yml: -: not a text file",
        "a-list.yml: document 1: a manifest must be a mapping",
        "no-kind.yml: document 1: kind: missing `kind`",
        "warning: ",
        "custom.yml: Widget/settings: kind Widget (example.com/v1) is not checked",
        "huge.yml: -: more than 4194304 bytes is too large for a manifest",
        "/no/such/folder: -: no such file or folder",
        "/dev/zero: -: not a regular file",
    ] {
        assert!(
            stdout.contains(expected),
            "expected {expected:?} in:\n{stdout}"
        );
    }
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));

    let usage = workbook().output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("usage: workbook check-manifests"));
}

/// Another application's manifests - a `kind: List`, a StatefulSet with a headless Service, an
/// HPA on the StatefulSet, a CronJob pinned by digest, an Ingress, a cluster-scoped
/// ClusterRole - raise no false alarm: only a note that ClusterRole is not checked.
#[test]
fn another_apps_manifests_raise_no_false_alarms() {
    let output = workbook()
        .args(["check-manifests", "cli/tests/fixtures/another-app.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(
        stdout.trim(),
        "warning: cli/tests/fixtures/another-app.yaml: ClusterRole/reader: kind ClusterRole (rbac.authorization.k8s.io/v1) is not checked by this tool\n5 objects checked: 0 errors, 1 warning"
    );
    // The same file with the StatefulSet's port renamed: the Service's named targetPort breaks.
    let text =
        std::fs::read_to_string(repo_root().join("cli/tests/fixtures/another-app.yaml")).unwrap();
    let dir = repo_root().join("target/test-scratch/another-app");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("app.yaml"),
        text.replace("name: pg,", "name: postgres,"),
    )
    .unwrap();
    let output = workbook()
        .args(["check-manifests"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains("Service/db: spec.ports[0].targetPort: \"pg\" is not a containerPort"),
        "{stdout}"
    );
}

/// Valid but unusual manifests: at most warnings, never errors; and an HPA file checked alone.
#[test]
fn unusual_but_valid_manifests_get_no_errors() {
    let output = workbook()
        .args(["check-manifests", "cli/tests/fixtures/edge-cases.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.ends_with("3 objects checked: 0 errors, 2 warnings\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("spec.ports[0].targetPort: 8080 is not a containerPort"),
        "{stdout}"
    );
    assert!(
        stdout.contains("livenessProbe.httpGet.port: 8080 is not a containerPort"),
        "{stdout}"
    );

    let alone = workbook()
        .args([
            "check-manifests",
            "lessons/04-kubernetes-basics/k8s/hpa.yml",
        ])
        .output()
        .unwrap();
    assert!(
        alone.status.success(),
        "{}",
        String::from_utf8_lossy(&alone.stdout)
    );
}

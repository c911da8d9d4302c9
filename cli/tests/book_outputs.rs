//! What the Kubernetes chapter shows `check-manifests` saying, from real runs: on the
//! manifests with the mistakes kubectl's strict field validation lets through
//! (`lessons/04-kubernetes-basics/mistakes`), and on the guide's example Deployment
//! (`lessons/04-kubernetes-basics/guide`), which must be exactly the guide's and pass.

use std::fs;

use assert_cmd::Command;
use k8s_openapi::{api::apps::v1::Deployment, apimachinery::pkg::api::resource::Quantity};
use workbook_harness::repo_root;

const MISTAKES: &str = "lessons/04-kubernetes-basics/mistakes";

/// `just check-manifests PATH`, which runs `workbook check-manifests PATH` from the repository root.
fn check_manifests(path: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
        .args(["check-manifests", path])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn check_manifests_names_each_mistake_that_kubectl_accepts_as_the_book_shows() {
    let (code, stdout) = check_manifests(MISTAKES);
    assert_eq!(code, Some(1), "errors found exit 1:\n{stdout}");
    // The three mistakes, each by the field that carries it.
    for (object, field) in [
        ("Deployment/model-in-image-deployment", "metadata.namespace"),
        (
            "Deployment/model-in-image-deployment",
            "readinessProbe.httpGet.port",
        ),
        ("Service/model-in-image-service", "spec.selector"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(object) && l.contains(field)),
            "check-manifests does not name {object}'s {field}:\n{stdout}"
        );
    }
    let recorded = fs::read_to_string(repo_root().join(MISTAKES).join("check-manifests.txt"))
        .expect("the recorded output: run `just outputs`");
    assert_eq!(
        recorded,
        format!("$ just check-manifests {MISTAKES}\n{stdout}"),
        "the book's output is stale: run `just outputs`"
    );
}

#[test]
fn the_guides_example_deployment_is_the_guides_and_passes_the_checks() {
    let path = "lessons/04-kubernetes-basics/guide/deployment.yml";
    let (code, stdout) = check_manifests(path);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains(": 0 errors"), "{stdout}");

    let text = fs::read_to_string(repo_root().join(path)).unwrap();
    let deployment: Deployment = yaml_serde::from_str(&text).unwrap();
    assert_eq!(deployment.metadata.name.as_deref(), Some("my-app"));
    assert_eq!(
        deployment.metadata.namespace.as_deref(),
        Some("my-namespace")
    );
    let spec = deployment.spec.unwrap();
    assert_eq!(spec.replicas, Some(3));
    let pod = spec.template.spec.unwrap();
    let container = &pod.containers[0];
    assert_eq!(container.name, "my-container");
    assert_eq!(container.image.as_deref(), Some("my-app:v1.0"));
    assert_eq!(container.ports.as_ref().unwrap()[0].container_port, 8000);
    let resources = container.resources.as_ref().unwrap();
    let quantity = |map: &Option<std::collections::BTreeMap<String, Quantity>>, key: &str| {
        map.as_ref().unwrap()[key].0.clone()
    };
    assert_eq!(quantity(&resources.requests, "memory"), "256Mi");
    assert_eq!(quantity(&resources.requests, "cpu"), "250m");
    assert_eq!(quantity(&resources.limits, "memory"), "512Mi");
    assert_eq!(quantity(&resources.limits, "cpu"), "500m");
}

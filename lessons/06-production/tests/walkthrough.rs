//! The production walkthrough on minikube, short of a cluster: its plan is what the chapter
//! shows, every manifest it applies is in k8s/, and the namespace comes first.

use std::process::Command;

use workbook_harness::repo_root;

#[test]
fn the_production_walkthrough_plan_applies_every_manifest_in_k8s() {
    let out = Command::new(repo_root().join("scripts/minikube-walkthrough"))
        .args(["all", "registry", "down"])
        .env("DRY_RUN", "1")
        .env("IMAGE", "model-in-image-pattern:v1.0")
        .env("DOCKERFILE", "Dockerfile")
        .env("MANIFESTS", "k8s")
        .output()
        .unwrap();
    assert!(out.status.success());
    let plan = String::from_utf8_lossy(&out.stdout);
    let shown =
        std::fs::read_to_string(repo_root().join("lessons/06-production/walkthrough.txt")).unwrap();
    assert_eq!(
        plan, shown,
        "the chapter's plan is stale: run `just outputs`"
    );
    assert!(plan.contains(
        "$ scripts/docker-build model-in-image-pattern:v1.0 Dockerfile --build-arg APP_VERSION=$(scripts/app-version)\n"
    ));
    assert!(plan.contains("$ minikube start --container-runtime=docker\n"));
    assert!(plan.contains("$ docker push localhost:5000/model-in-image-pattern:v1.0\n"));
    // The image's version reaches /metadata: no manifest overrides APP_VERSION.
    let deployment = std::fs::read_to_string(repo_root().join("k8s/deployment.yml")).unwrap();
    assert!(
        !deployment.contains("name: APP_VERSION"),
        "k8s/deployment.yml sets APP_VERSION, hiding the image's own version at /metadata"
    );
    let applied: Vec<&str> = plan
        .lines()
        .filter_map(|l| l.strip_prefix("$ kubectl apply -f "))
        .collect();
    assert_eq!(applied.first(), Some(&"k8s/namespace.yml"));
    let mut files: Vec<String> = std::fs::read_dir(repo_root().join("k8s"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yml") || name.ends_with(".yaml"))
        .map(|name| format!("k8s/{name}"))
        .collect();
    files.sort();
    let mut applied_sorted: Vec<String> = applied.iter().map(|s| s.to_string()).collect();
    applied_sorted.sort();
    assert_eq!(applied_sorted, files, "every manifest in k8s/ is applied");
}

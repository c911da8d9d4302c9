//! The minikube walkthrough, short of a cluster: its plan is what the chapter shows, and its
//! preflight checks name exactly what is missing before anything half-runs.

use std::{fs, os::unix::fs::PermissionsExt, path::PathBuf, process::Command};

use workbook::repo_root;

fn walkthrough(env: &[(&str, &str)], steps: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(repo_root().join("scripts/minikube-walkthrough"));
    command.args(steps).env_remove("DRY_RUN");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_dry_run_prints_the_plan_the_chapter_shows() {
    let (code, plan, _) = walkthrough(
        &[("DRY_RUN", "1"), ("IMAGE", "model-in-image-pattern:v1.0")],
        &["all", "docker-env", "down"],
    );
    assert_eq!(code, 0);
    let shown =
        fs::read_to_string(repo_root().join("lessons/04-kubernetes-basics/walkthrough.txt"))
            .unwrap();
    assert_eq!(
        plan, shown,
        "the chapter's plan is stale: run `just outputs`"
    );
    // The plan is the guide's flow, in the guide's order, with the guide's names.
    let commands: Vec<&str> = plan.lines().filter(|l| l.starts_with("$ ")).collect();
    let position = |needle: &str| {
        commands
            .iter()
            .position(|c| c.contains(needle))
            .unwrap_or_else(|| panic!("the plan has no {needle:?}"))
    };
    assert!(
        position("minikube start") < position("minikube image load model-in-image-pattern:v1.0")
    );
    assert!(
        position("image load")
            < position("apply -f lessons/04-kubernetes-basics/k8s/deployment.yml")
    );
    assert!(position("deployment.yml") < position("service.yml"));
    assert!(position("service.yml") < position("--replicas=5"));
    assert!(position("eval $(minikube docker-env)") < position("eval $(minikube docker-env -u)"));
}

/// A stand-in for minikube or kubectl that answers the way a given machine would.
fn fake(name: &str, script: &str) -> PathBuf {
    let dir = repo_root().join("target/test-scratch/fake-tools");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn preflight_names_what_is_missing_before_running_anything() {
    let no_cluster = fake("minikube-stopped", r#"[ "$1" = status ] && exit 7; exit 0"#);
    let no_image = fake(
        "minikube-empty",
        r#"[ "$1" = image ] && echo docker.io/library/nginx:alpine; exit 0"#,
    );
    let loaded = fake(
        "minikube-loaded",
        r#"[ "$1" = image ] && echo docker.io/library/model-in-image-pattern:v1.0; exit 0"#,
    );
    let kubectl_ok = fake("kubectl-ok", "exit 0");
    let kubectl_no_metrics = fake(
        "kubectl-no-metrics",
        r#"[ "$2" = apiservice ] && exit 1; exit 0"#,
    );
    let cases = [
        (
            "minikube-missing",
            "/nonexistent/minikube".into(),
            kubectl_ok.clone(),
            "minikube is not installed",
        ),
        (
            "kubectl-missing",
            loaded.clone(),
            PathBuf::from("/nonexistent/kubectl"),
            "kubectl is not installed",
        ),
        (
            "cluster-stopped",
            no_cluster,
            kubectl_ok.clone(),
            "no minikube cluster is running: start one with 'just minikube-up'",
        ),
        (
            "image-not-loaded",
            no_image,
            kubectl_ok.clone(),
            "minikube does not have model-in-image-pattern:v1.0: load it with 'just minikube-load'",
        ),
        (
            "no-metrics-server",
            loaded,
            kubectl_no_metrics,
            "metrics-server is not running, so the HPA would show <unknown>",
        ),
    ];
    for (case, minikube, kubectl, message) in cases {
        let (code, stdout, stderr) = walkthrough(
            &[
                ("MINIKUBE", minikube.to_str().unwrap()),
                ("KUBECTL", kubectl.to_str().unwrap()),
            ],
            &["deploy"],
        );
        assert_eq!(code, 1, "{case}");
        assert!(stderr.contains(message), "{case}: {stderr}");
        assert!(
            !stdout.contains("$ "),
            "{case}: nothing may run before the checks pass:\n{stdout}"
        );
    }
}

/// Method 3, `eval $(minikube docker-env)`: the recipe shows which daemon `docker` talks to
/// before, during and after. A stand-in minikube points DOCKER_HOST at this machine's own
/// daemon, so the build in between really runs - on the daemon DOCKER_HOST names.
#[test]
fn docker_env_switches_docker_to_another_daemon_and_back() {
    workbook::require_docker();
    let minikube = fake(
        "minikube-docker-env",
        r#"case "$1 $2" in
  "docker-env -u") echo 'unset DOCKER_HOST; unset MINIKUBE_ACTIVE_DOCKERD' ;;
  "docker-env ") echo 'export DOCKER_HOST="unix:///var/run/docker.sock"'; echo 'export MINIKUBE_ACTIVE_DOCKERD="minikube"' ;;
esac
exit 0"#,
    );
    let kubectl = fake("kubectl-ok-for-docker-env", "exit 0");
    let image = "model-in-image-workbook/docker-env-check:v1.0";
    let mut command = Command::new(repo_root().join("scripts/minikube-walkthrough"));
    let out = command
        .arg("docker-env")
        .env_remove("DRY_RUN")
        .env_remove("DOCKER_HOST")
        .env("MINIKUBE", &minikube)
        .env("KUBECTL", &kubectl)
        .env("IMAGE", image)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hosts: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("DOCKER_HOST="))
        .collect();
    assert_eq!(
        hosts,
        [
            "DOCKER_HOST=unset (the local daemon)",
            "DOCKER_HOST=unix:///var/run/docker.sock",
            "DOCKER_HOST=unset (the local daemon)",
        ]
    );
    let built = Command::new("docker")
        .args(["image", "inspect", image])
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "the build ran on the daemon DOCKER_HOST named"
    );
    let _ = Command::new("docker").args(["rmi", image]).output();
}

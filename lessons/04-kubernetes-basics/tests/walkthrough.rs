//! The minikube walkthrough, short of a cluster: its plan is what the chapter shows, and its
//! preflight checks name exactly what is missing before anything half-runs.

use std::{fs, os::unix::fs::PermissionsExt, path::PathBuf, process::Command};

use workbook_harness::repo_root;

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
        &["all", "registry", "docker-env", "down"],
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

    // minikube >= 1.39 starts containerd unless told otherwise; the guide's method 3 needs Docker.
    assert_eq!(
        commands[position("minikube start")],
        "$ minikube start --container-runtime=docker"
    );
    // Every build carries a version that changes with its sources, which /metadata shows.
    let builds: Vec<&&str> = commands
        .iter()
        .filter(|c| c.contains("scripts/docker-build"))
        .collect();
    assert!(builds.len() >= 3, "{builds:?}");
    for build in builds {
        assert!(
            build.contains("--build-arg APP_VERSION=$(scripts/app-version)"),
            "a build without its version: {build}"
        );
    }
    // Same tag, new image: /metadata before, after the load, and after the restart.
    let reload = position("APP_VERSION=$(scripts/app-version)-rebuilt");
    let restart = position("rollout restart deployment/model-in-image-deployment");
    let metadata: Vec<usize> = (0..commands.len())
        .filter(|&i| commands[i].ends_with("/metadata"))
        .collect();
    assert!(
        metadata.iter().any(|&i| i < reload),
        "no /metadata before the rebuild"
    );
    assert!(
        metadata.iter().any(|&i| reload < i && i < restart),
        "no /metadata between load and restart"
    );
    assert!(
        metadata.iter().any(|&i| restart < i),
        "no /metadata after the restart"
    );
    assert!(commands[reload + 1].starts_with("$ minikube image load"));
    // Method 2: minikube's registry addon through a port-forward on localhost:5000.
    assert!(position("minikube addons enable registry") < position("service/registry 5000:80 &"));
    assert!(
        position("service/registry 5000:80 &")
            < position("docker push localhost:5000/model-in-image-pattern:v1.0")
    );
    assert!(
        position("docker push localhost:5000/")
            < position(
                "set image deployment/model-in-image-deployment model-in-image=localhost:5000/model-in-image-pattern:v1.0"
            )
    );
    // Every port-forward is followed by a bounded wait until it answers, before any request.
    for (i, command) in commands.iter().enumerate() {
        if command.contains("port-forward") {
            let wait = commands[i + 1];
            assert!(
                wait.starts_with(
                    "$ for _ in $(seq 1 40); do curl -s -o /dev/null http://localhost:"
                ) && wait.contains("&& break; sleep 0.5; done"),
                "no bounded wait after {command}: {wait}"
            );
        }
    }
    // EndpointSlices, not the Endpoints API deprecated in Kubernetes 1.33.
    assert!(!plan.contains("get endpoints "));
    assert!(
        position(
            "get endpointslices -l kubernetes.io/service-name=model-in-image-service -n model-in-image"
        ) > position("--replicas=5")
    );
    // The HPA: before, a bounded burst, after.
    let burst = position("kubectl run load-generator");
    assert!(commands[burst - 1].ends_with("get hpa -n model-in-image"));
    assert!(commands[burst + 1].ends_with("get hpa -n model-in-image"));
    assert!(commands[burst].contains("--rm") && commands[burst].contains("-lt 2500"));
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

/// minikube >= 1.39 starts containerd by default, and `minikube docker-env` then refuses. The
/// preflight reads the running node's runtime and says what to do instead, before anything runs.
#[test]
fn docker_env_on_a_containerd_cluster_says_what_to_do_instead() {
    let minikube = fake("minikube-running", "exit 0");
    let containerd = fake(
        "kubectl-containerd",
        r#"[ "$1 $2" = "get nodes" ] && printf 'containerd://2.1.5'; exit 0"#,
    );
    let (code, stdout, stderr) = walkthrough(
        &[
            ("MINIKUBE", minikube.to_str().unwrap()),
            ("KUBECTL", containerd.to_str().unwrap()),
        ],
        &["docker-env"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    for needed in [
        "this cluster runs the containerd runtime",
        "'minikube docker-env' refuses",
        "minikube start --container-runtime=docker",
        "minikube image load model-in-image-pattern:v1.0",
        "minikube image build -t model-in-image-pattern:v1.0 -f lessons/04-kubernetes-basics/Dockerfile .",
    ] {
        assert!(stderr.contains(needed), "{needed:?} missing from: {stderr}");
    }
    assert!(!stdout.contains("$ "), "nothing may run first:\n{stdout}");
}

/// Method 2 pushes the image you built: without it, the preflight says how to build it.
#[test]
fn the_registry_step_needs_the_image_built_first() {
    workbook_harness::require_docker();
    let minikube = fake("minikube-running-2", "exit 0");
    let kubectl = fake("kubectl-ok-2", "exit 0");
    let (code, stdout, stderr) = walkthrough(
        &[
            ("MINIKUBE", minikube.to_str().unwrap()),
            ("KUBECTL", kubectl.to_str().unwrap()),
            ("IMAGE", "model-in-image-workbook/never-built:v0"),
        ],
        &["registry"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("your Docker has no model-in-image-workbook/never-built:v0 to push"),
        "{stderr}"
    );
    assert!(!stdout.contains("$ "), "nothing may run first:\n{stdout}");
}

/// Method 3, `eval $(minikube docker-env)`: the recipe shows which daemon `docker` talks to
/// before, during and after. A stand-in minikube points DOCKER_HOST at this machine's own
/// daemon, so the build in between really runs - on the daemon DOCKER_HOST names.
#[test]
fn docker_env_switches_docker_to_another_daemon_and_back() {
    workbook_harness::require_docker();
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
    let transcript = repo_root().join("target/test-scratch/walkthrough/transcript.txt");
    let _ = fs::remove_file(&transcript);
    let mut command = Command::new(repo_root().join("scripts/minikube-walkthrough"));
    let out = command
        .arg("docker-env")
        .env_remove("DRY_RUN")
        .env_remove("DOCKER_HOST")
        .env("MINIKUBE", &minikube)
        .env("KUBECTL", &kubectl)
        .env("IMAGE", image)
        .env("TRANSCRIPT", &transcript)
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
    // The learner's transcript: every command and its output, as shown.
    let kept = fs::read_to_string(&transcript).expect("TRANSCRIPT is written");
    for line in stdout.lines() {
        assert!(kept.contains(line), "the transcript lacks {line:?}");
    }
    assert!(
        kept.contains("$ eval $(")
            && kept.contains("--build-arg APP_VERSION=$(scripts/app-version)")
    );
}

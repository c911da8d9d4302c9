//! `workbook check-manifests --production`: kube-linter's default checks. The production
//! manifests in `k8s/` pass them (and say what the production lesson claims); a fixture of
//! traps fires every one of them; lesson 4's learning manifests get the findings the
//! production lesson fixes.

use std::collections::BTreeMap;

mod common;

use common::workbook;
use k8s_openapi::{api::core::v1::Container, apimachinery::pkg::util::intstr::IntOrString};
use workbook_cli::{Manifest, Object, lint::DEFAULT_CHECKS, load_path};
use workbook_harness::repo_root;

const IMAGE: &str = "model-in-image-pattern:v1.0";
const PROBE_PATHS: &str = "/v2/health/ready,/v2/health/live";

#[test]
fn the_production_manifests_pass_every_check_plain_and_production() {
    let clean = "6 objects checked: 0 errors, 0 warnings";
    let (code, stdout) = workbook(&["check-manifests", "k8s"]);
    assert_eq!((code, stdout.trim()), (Some(0), clean), "{stdout}");
    let (code, stdout) = workbook(&[
        "check-manifests",
        "--production",
        "--image",
        IMAGE,
        "--paths",
        PROBE_PATHS,
        "k8s",
    ]);
    assert_eq!((code, stdout.trim()), (Some(0), clean), "{stdout}");
}

#[test]
fn every_default_check_fires_on_the_traps_exactly_where_expected() {
    let (code, stdout) = workbook(&[
        "check-manifests",
        "--production",
        "cli/tests/fixtures/production-traps.yaml",
    ]);
    assert_eq!(code, Some(1), "{stdout}");
    for check in DEFAULT_CHECKS {
        assert!(
            stdout.contains(&format!("[{check}] ")),
            "{check} never fired:\n{stdout}"
        );
    }
    insta::assert_snapshot!("production_traps", stdout);

    // Without --production, only what a cluster would refuse or silently break is reported.
    let (code, plain) = workbook(&[
        "check-manifests",
        "cli/tests/fixtures/production-traps.yaml",
    ]);
    assert_eq!(code, Some(1), "{plain}");
    let tagged: Vec<&str> = plain.lines().filter(|l| l.contains(": [")).collect();
    assert_eq!(tagged.len(), 1, "{plain}");
    assert!(tagged[0].contains("[no-extensions-v1beta] extensions/v1beta1 was removed"));
}

#[test]
fn lesson_4s_manifests_get_what_the_production_lesson_fixes() {
    let (code, stdout) = workbook(&[
        "check-manifests",
        "--production",
        "lessons/04-kubernetes-basics/k8s",
    ]);
    assert_eq!(code, Some(1), "{stdout}");
    insta::assert_snapshot!("lesson_4_production", stdout);
}

#[test]
fn another_apps_manifests_are_linted_without_crashing() {
    for file in [
        "cli/tests/fixtures/another-app.yaml",
        "cli/tests/fixtures/edge-cases.yaml",
    ] {
        let (code, stdout) = workbook(&["check-manifests", "--production", file]);
        assert_eq!(code, Some(1), "{stdout}");
        assert!(stdout.contains("[run-as-non-root] "), "{stdout}");
    }
    let (_, stdout) = workbook(&[
        "check-manifests",
        "--production",
        "cli/tests/fixtures/another-app.yaml",
    ]);
    insta::assert_snapshot!("another_app_production", stdout);
}

/// The numbers the production chapter explains hang together.
#[test]
fn the_production_manifests_say_what_the_lesson_claims() {
    let (manifests, findings) = load_path(&repo_root().join("k8s"));
    assert!(findings.is_empty(), "{findings:?}");
    let kinds: Vec<&str> = manifests.iter().map(Manifest::kind).collect();
    assert_eq!(
        kinds,
        [
            "Deployment",
            "HorizontalPodAutoscaler",
            "Namespace",
            "NetworkPolicy",
            "PodDisruptionBudget",
            "Service"
        ]
    );
    let find = |kind: &str| manifests.iter().find(|m| m.kind() == kind).unwrap();
    let Object::Deployment(deployment) = &find("Deployment").object else {
        unreachable!()
    };
    let spec = deployment.spec.as_ref().unwrap();
    let pod = spec.template.spec.as_ref().unwrap();
    let container: &Container = &pod.containers[0];
    let env: BTreeMap<&str, &str> = container
        .env
        .iter()
        .flatten()
        .map(|e| (e.name.as_str(), e.value.as_deref().unwrap_or_default()))
        .collect();
    let replicas = spec.replicas.unwrap();

    // Rolling updates never go below the replicas.
    let rolling = spec
        .strategy
        .as_ref()
        .unwrap()
        .rolling_update
        .as_ref()
        .unwrap();
    assert_eq!(rolling.max_unavailable, Some(IntOrString::Int(0)));
    assert_eq!(rolling.max_surge, Some(IntOrString::Int(1)));

    // The image the justfile builds, as the distroless `nonroot` user.
    assert_eq!(container.image.as_deref(), Some(IMAGE));
    let security = pod.security_context.as_ref().unwrap();
    assert_eq!(
        (
            security.run_as_user,
            security.run_as_group,
            security.run_as_non_root
        ),
        (Some(65532), Some(65532), Some(true))
    );
    assert_eq!(pod.automount_service_account_token, Some(false));

    // One ONNX Runtime session per CPU of the limit.
    let limits = container
        .resources
        .as_ref()
        .unwrap()
        .limits
        .as_ref()
        .unwrap();
    assert_eq!(env["SESSIONS"], limits["cpu"].0);

    // The preStop sleep does the waiting (the image has no shell, so it is the kubelet's
    // `sleep` action), and the server drains no further; both fit in the grace period with
    // the server's default 20 s for in-flight requests.
    let pre_stop = container
        .lifecycle
        .as_ref()
        .unwrap()
        .pre_stop
        .as_ref()
        .unwrap();
    assert!(pre_stop.exec.is_none());
    let sleep = pre_stop.sleep.as_ref().unwrap().seconds;
    assert_eq!((sleep, env["DRAIN_SECONDS"]), (5, "0"));
    assert!(sleep + 20 < pod.termination_grace_period_seconds.unwrap());

    // Probes on the KServe v2 health endpoints.
    let path = |probe: &Option<k8s_openapi::api::core::v1::Probe>| {
        probe
            .as_ref()
            .unwrap()
            .http_get
            .as_ref()
            .unwrap()
            .path
            .clone()
            .unwrap()
    };
    assert_eq!(path(&container.startup_probe), "/v2/health/ready");
    assert_eq!(path(&container.readiness_probe), "/v2/health/ready");
    assert_eq!(path(&container.liveness_probe), "/v2/health/live");

    // The HPA starts where the Deployment does; the PDB leaves room to evict one Pod.
    let Object::HorizontalPodAutoscaler(hpa) = &find("HorizontalPodAutoscaler").object else {
        unreachable!()
    };
    let hpa = hpa.spec.as_ref().unwrap();
    assert_eq!(hpa.min_replicas, Some(replicas));
    let scale_down = hpa.behavior.as_ref().unwrap().scale_down.as_ref().unwrap();
    assert_eq!(scale_down.stabilization_window_seconds, Some(300));
    let Object::PodDisruptionBudget(pdb) = &find("PodDisruptionBudget").object else {
        unreachable!()
    };
    let pdb = pdb.spec.as_ref().unwrap();
    let Some(IntOrString::Int(min_available)) = pdb.min_available else {
        panic!("minAvailable is a number")
    };
    assert!(min_available < replicas);

    // The NetworkPolicy selects the Pods, lets in their port, and lets nothing out.
    let Object::NetworkPolicy(policy) = &find("NetworkPolicy").object else {
        unreachable!()
    };
    let policy = policy.spec.as_ref().unwrap();
    let labels = spec.template.metadata.as_ref().unwrap().labels.as_ref();
    let selected = policy
        .pod_selector
        .as_ref()
        .unwrap()
        .match_labels
        .as_ref()
        .unwrap();
    assert!(
        selected
            .iter()
            .all(|(k, v)| labels.unwrap().get(k) == Some(v))
    );
    assert_eq!(
        policy.policy_types.as_deref(),
        Some(&["Ingress".to_owned(), "Egress".to_owned()][..])
    );
    assert!(policy.egress.is_none());
    let port = container.ports.as_ref().unwrap()[0].container_port;
    let allowed = policy.ingress.as_ref().unwrap()[0].ports.as_ref().unwrap();
    assert_eq!(allowed[0].port, Some(IntOrString::Int(port)));
}

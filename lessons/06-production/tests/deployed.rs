//! The production Deployment (k8s/deployment.yml) short of a cluster: its container run by
//! Docker with the Deployment's env, limits, user, read-only root filesystem and dropped
//! capabilities answers every probe in time; and the image runs as any non-root UID.

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Probe;
use serde_json::json;
use workbook_harness::{
    ImageExt, Lesson, StatusCode, TestApp,
    deployment::{self, spawn_as_deployed},
};

const LESSON: Lesson = Lesson::number(6);
const DEPLOYMENT: &str = "k8s/deployment.yml";

async fn answers_in_time(app: &TestApp, name: &str, probe: &Option<Probe>) {
    let probe = probe.as_ref().unwrap_or_else(|| panic!("a {name} probe"));
    let path = probe.http_get.as_ref().unwrap().path.clone().unwrap();
    let timeout = Duration::from_secs(probe.timeout_seconds.unwrap_or(1) as u64);
    let started = Instant::now();
    let response = app
        .client
        .get(format!("{}{path}", app.address))
        .timeout(timeout)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{name} probe {path} did not answer within {timeout:?}: {e}"));
    assert_eq!(response.status(), StatusCode::OK, "{name} probe {path}");
    assert!(started.elapsed() < timeout);
}

#[tokio::test]
async fn the_container_the_deployment_describes_runs_locked_down_and_answers_its_probes() {
    let (app, container) = spawn_as_deployed(&LESSON, DEPLOYMENT).await;
    let host = &app.inspect()["HostConfig"];
    assert_eq!(host["ReadonlyRootfs"], true);
    assert_eq!(host["CapDrop"], json!(["ALL"]));
    assert_eq!(host["Memory"], 128 * 1024 * 1024);
    assert_eq!(host["NanoCpus"], 1_000_000_000);
    assert_eq!(app.inspect()["Config"]["User"], "65532:65532");
    for (name, probe) in [
        ("startup", &container.startup_probe),
        ("readiness", &container.readiness_probe),
        ("liveness", &container.liveness_probe),
    ] {
        answers_in_time(&app, name, probe).await;
    }
    // One session per CPU of the limit, as the Deployment's SESSIONS says.
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(r#"sessions="1""#), "{metrics}");
    // Under its memory limit, it still predicts a thousand rows at once.
    let rows = vec![[5.1, 3.5, 1.4, 0.2]; 1000];
    let batch = app
        .post_json("/predict/label", &json!({ "data": rows }))
        .await;
    assert_eq!(batch.status(), StatusCode::OK);
    assert!(app.container.is_running().await.unwrap());
}

#[tokio::test]
async fn the_shutdown_fits_in_the_pods_grace_period() {
    let deployment = deployment::deployment(DEPLOYMENT);
    let pod = deployment::pod_spec(&deployment);
    let container = deployment::container(&deployment);
    let grace = pod.termination_grace_period_seconds.unwrap_or(30);
    let pre_stop = container
        .lifecycle
        .and_then(|l| l.pre_stop)
        .and_then(|h| h.sleep)
        .map_or(0, |s| s.seconds);
    let env = |name: &str, default: i64| {
        container
            .env
            .iter()
            .flatten()
            .find(|e| e.name == name)
            .and_then(|e| e.value.as_ref()?.parse().ok())
            .unwrap_or(default)
    };
    // The server's defaults: DRAIN_SECONDS 5, SHUTDOWN_TIMEOUT_SECONDS 20.
    let worst = pre_stop + env("DRAIN_SECONDS", 5) + env("SHUTDOWN_TIMEOUT_SECONDS", 20);
    assert!(
        worst < grace,
        "preStop {pre_stop}s + drain + shutdown timeout = {worst}s must end before the {grace}s grace period"
    );
}

#[tokio::test]
async fn the_image_runs_as_any_non_root_uid_on_a_read_only_root_filesystem() {
    // OpenShift, for one, runs containers as a random UID in group 0.
    let app = LESSON
        .spawn_with(|r| r.with_user("1000770000:0").with_readonly_rootfs(true))
        .await;
    assert_eq!(app.get("/v2/health/ready").await.status(), StatusCode::OK);
    let label = app
        .post_json("/predict/label", &json!({ "data": [[6.3, 2.9, 5.6, 1.8]] }))
        .await;
    assert_eq!(
        workbook_harness::json(label).await["prediction"],
        "virginica"
    );
}

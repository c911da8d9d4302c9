//! Lesson 04 short of a cluster: the container exactly as the Deployment describes it (its
//! env, port, and memory and CPU limits), its probes answering in time, draining on SIGTERM,
//! and its version visible.

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Container;
use workbook_harness::{Lesson, StatusCode, TestApp, deployment, json};

const LESSON: Lesson = Lesson::number(4);
const DEPLOYMENT: &str = "lessons/04-kubernetes-basics/k8s/deployment.yml";

/// Starts the lesson image with the Deployment's env and limits.
async fn spawn_as_deployed() -> (TestApp, Container) {
    deployment::spawn_as_deployed(&LESSON, DEPLOYMENT).await
}

#[tokio::test]
async fn the_container_the_deployment_describes_answers_its_probes_within_their_timeouts() {
    let (app, container) = spawn_as_deployed().await;
    let host_config = &app.inspect()["HostConfig"];
    assert_eq!(host_config["Memory"], 256 * 1024 * 1024);
    assert_eq!(host_config["NanoCpus"], 500_000_000);
    for (name, probe) in [
        ("readiness", &container.readiness_probe),
        ("liveness", &container.liveness_probe),
    ] {
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
            .unwrap_or_else(|e| {
                panic!("{name} probe {path} did not answer within {timeout:?}: {e}")
            });
        assert_eq!(response.status(), StatusCode::OK, "{name} probe {path}");
        assert!(started.elapsed() < timeout);
    }
    // Under its memory limit, it still predicts a batch.
    let rows: Vec<[f64; 4]> = vec![[5.1, 3.5, 1.4, 0.2]; 1000];
    let batch = app
        .post_json("/predict/label", &serde_json::json!({ "data": rows }))
        .await;
    assert_eq!(batch.status(), StatusCode::OK);
}

#[tokio::test]
async fn sigterm_turns_readiness_off_while_requests_are_still_served_then_it_exits_cleanly() {
    let (app, _) = spawn_as_deployed().await;
    assert_eq!(app.get("/ready").await.status(), StatusCode::OK);
    let kill = std::process::Command::new("docker")
        .args(["kill", "--signal", "TERM", app.container.id()])
        .output()
        .unwrap();
    assert!(kill.status.success());
    // Wait on the server's own log line, not on time.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.logs().await.contains("draining") {
        assert!(
            Instant::now() < deadline,
            "no drain log line: {}",
            app.logs().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await; // poll interval, not a wait for time to pass
    }
    let ready = app.get("/ready").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(json(ready).await["reason"], "draining");
    assert_eq!(
        app.get("/health").await.status(),
        StatusCode::OK,
        "still alive while draining"
    );
    assert_eq!(
        app.get("/predict/test/label").await.status(),
        StatusCode::OK,
        "still serving while draining"
    );
    // Then it stops by itself, well within terminationGracePeriodSeconds (30 s).
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.container.is_running().await.unwrap() {
        assert!(
            Instant::now() < deadline,
            "still running 30 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(100)).await; // poll interval, not a wait for time to pass
    }
    assert_eq!(app.container.exit_code().await.unwrap(), Some(0));
}

#[tokio::test]
async fn the_image_tells_which_version_it_is() {
    let app = LESSON.spawn().await;
    let metadata = json(app.get("/metadata").await).await;
    assert_eq!(metadata["version"], "v1.0");
    assert_eq!(
        LESSON.replay_requests(&app),
        LESSON.recorded_output(),
        "the book's output is stale: run `just outputs`"
    );
}

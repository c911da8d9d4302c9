//! SIGTERM under load, as Kubernetes sends it when a Pod is deleted: readiness turns off, the
//! load balancer stops sending (here: the load generator, once it sees 503), requests still
//! arriving meanwhile are served, and the server exits 0 - not one request fails.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use workbook_harness::{ImageExt, Lesson, StatusCode};

const LESSON: Lesson = Lesson::number(6);

#[derive(Default)]
struct Load {
    ok: AtomicUsize,
    failed: AtomicUsize,
    stop: AtomicBool,
}

/// Polls `check` until it is true (a poll interval, not a wait for time to pass).
async fn wait_until(what: &str, timeout: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn sigterm_under_load_fails_no_request_and_exits_cleanly() {
    let app = LESSON
        .spawn_with(|r| r.with_env_var("DRAIN_SECONDS", "3"))
        .await;
    let load = Arc::new(Load::default());
    let client = reqwest::Client::new(); // keep-alive connections, like a real client
    let mut workers = Vec::new();
    for _ in 0..8 {
        let (load, client, url) = (load.clone(), client.clone(), app.address.clone());
        workers.push(tokio::spawn(async move {
            while !load.stop.load(Ordering::Relaxed) {
                let answer = client
                    .post(format!("{url}/predict/label"))
                    .json(&serde_json::json!({ "data": [[5.1, 3.5, 1.4, 0.2]] }))
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status() == StatusCode::OK => {
                        load.ok.fetch_add(1, Ordering::Relaxed)
                    }
                    _ => load.failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    wait_until("load to run", Duration::from_secs(30), async || {
        load.ok.load(Ordering::Relaxed) >= 500
    })
    .await;

    let kill = std::process::Command::new("docker")
        .args(["kill", "--signal", "TERM", app.container.id()])
        .output()
        .unwrap();
    assert!(kill.status.success());
    wait_until(
        "readiness to turn off",
        Duration::from_secs(10),
        async || app.get("/v2/health/ready").await.status() == StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    // Kubernetes needs a moment to take the Pod out of every node's rules: requests keep
    // coming while not ready, and are served.
    let at_sigterm = load.ok.load(Ordering::Relaxed);
    wait_until(
        "requests served while draining",
        Duration::from_secs(3),
        async || load.ok.load(Ordering::Relaxed) >= at_sigterm + 200,
    )
    .await;
    load.stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    assert_eq!(load.failed.load(Ordering::Relaxed), 0, "failed requests");

    wait_until("the server to exit", Duration::from_secs(30), async || {
        !app.container.is_running().await.unwrap()
    })
    .await;
    assert_eq!(app.container.exit_code().await.unwrap(), Some(0));
    let logs = app.logs().await;
    assert!(logs.contains("finishing in-flight requests"), "{logs}");
    assert!(logs.contains(r#""message":"shut down""#), "{logs}");
}

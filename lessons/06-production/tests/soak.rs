//! A minute of steady load (`SOAK_SECONDS`, default 60): no failed request, and memory stays
//! flat - no leak per request. (A correctness test; speed is measured by `just bench`.)

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use workbook_harness::{Lesson, StatusCode, container_memory_mib};

const LESSON: Lesson = Lesson::number(6);

#[tokio::test]
async fn a_minute_of_load_fails_nothing_and_memory_stays_flat() {
    let seconds: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let app = LESSON.spawn().await;
    let (ok, failed, stop) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let client = reqwest::Client::new();
    let rows: Vec<[f64; 4]> = vec![[6.3, 2.9, 5.6, 1.8]; 100];
    let mut workers = Vec::new();
    for worker in 0..4 {
        let (ok, failed, stop) = (ok.clone(), failed.clone(), stop.clone());
        let (client, url) = (client.clone(), app.address.clone());
        // Mixed traffic: single rows, 100-row batches, v2 inference.
        let (path, body) = match worker {
            0 => (
                "/predict/label",
                serde_json::json!({ "data": [[5.1, 3.5, 1.4, 0.2]] }),
            ),
            1 => ("/predict", serde_json::json!({ "data": rows })),
            _ => (
                "/v2/models/iris_svc/infer",
                serde_json::json!({ "inputs": [{ "name": "float_input", "shape": [1, 4],
                    "datatype": "FP32", "data": [5.9, 3.0, 4.2, 1.5] }] }),
            ),
        };
        workers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let answer = client.post(format!("{url}{path}")).json(&body).send().await;
                match answer {
                    Ok(r) if r.status() == StatusCode::OK => ok.fetch_add(1, Ordering::Relaxed),
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    // Memory once warm (after the first tenth of the run), then at every tenth.
    let started = Instant::now();
    let mut samples = Vec::new();
    let mut tick = tokio::time::interval(Duration::from_secs(seconds.max(10) / 10));
    tick.tick().await;
    while started.elapsed() < Duration::from_secs(seconds) {
        tick.tick().await;
        samples.push(container_memory_mib(app.container.id()));
    }
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    let (ok, failed) = (ok.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    eprintln!("{ok} requests in {seconds}s; memory (MiB) {samples:?}");
    assert_eq!(failed, 0, "failed requests out of {}", ok + failed);
    assert!(ok > 0);
    let warm = samples[0];
    let last = *samples.last().unwrap();
    assert!(
        last <= warm * 1.25 + 4.0,
        "memory grew under steady load: {warm:.1} MiB warm, {last:.1} MiB at the end ({samples:?})"
    );
}

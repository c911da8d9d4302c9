//! A real Prometheus (Debian's `prometheus`, installed by scripts/setup-api-peers) started on
//! loopback with a generated configuration scrapes the container, and every query the chapter
//! shows (lessons/06-production/queries.promql) returns a series.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use workbook_harness::{Lesson, repo_root};

const LESSON: Lesson = Lesson::number(6);

/// The Prometheus server this test started, stopped (by its own id) when the test ends.
struct Prometheus {
    child: Child,
    address: String,
    storage: PathBuf,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.storage);
    }
}

fn prometheus_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("PROMETHEUS").filter(|p| !p.is_empty()) {
        return path.into();
    }
    let found = Command::new("sh")
        .args(["-c", "command -v prometheus"])
        .output()
        .expect("sh");
    let path = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    assert!(
        !path.is_empty(),
        "prometheus is not installed: run `scripts/setup-api-peers` (part of `just setup`; Debian/Ubuntu: apt-get install prometheus), or set PROMETHEUS to its path."
    );
    path.into()
}

/// Starts Prometheus on a free loopback port, scraping `target` every second.
fn start_prometheus(target: &str) -> Prometheus {
    let binary = prometheus_binary();
    let storage = std::env::temp_dir().join(format!("workbook-prometheus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&storage);
    std::fs::create_dir_all(&storage).unwrap();
    let config = storage.join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: model-in-image\n    static_configs:\n      - targets: [\"{target}\"]\n"
        ),
    )
    .unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let log = std::fs::File::create(storage.join("prometheus.log")).unwrap();
    let child = Command::new(binary)
        .arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            storage.join("data").display()
        ))
        .arg(format!("--web.listen-address={address}"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start prometheus");
    Prometheus {
        child,
        address,
        storage,
    }
}

/// Percent-encodes a query parameter's value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The queries of queries.promql: every line that is not a comment.
fn book_queries() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("lessons/06-production/queries.promql"))
        .expect("queries.promql");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_real_prometheus_scrapes_the_server_and_every_query_in_the_book_returns_a_series() {
    let queries = book_queries();
    assert!(queries.len() >= 3, "{queries:?}");
    assert!(
        queries
            .iter()
            .any(|q| q.starts_with("histogram_quantile(0.99, sum by (le) (")),
        "the p99 query sums the buckets by le: {queries:?}"
    );
    let app = LESSON.spawn().await;
    let target = app.address.trim_start_matches("http://").to_owned();
    let prometheus = start_prometheus(&target);
    let client = reqwest::Client::new();
    let base = format!("http://{}", prometheus.address);

    // Ready when its /-/ready says so (polled; no fixed sleep).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ready = client.get(format!("{base}/-/ready")).send().await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Prometheus did not get ready: {}",
            std::fs::read_to_string(prometheus.storage.join("prometheus.log")).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Traffic while Prometheus scrapes, until every query has an answer (rates need two
    // scrapes that saw requests).
    let infer = json!({ "inputs": [{ "name": "float_input", "shape": [1, 4], "datatype": "FP32",
        "data": [5.1, 3.5, 1.4, 0.2] }] });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut answers: Vec<(String, Value)> = Vec::new();
    loop {
        for _ in 0..10 {
            app.post_json("/v2/models/iris_svc/infer", &infer).await;
            app.get("/v2/health/ready").await;
        }
        answers.clear();
        for query in &queries {
            let answer: Value = client
                .get(format!("{base}/api/v1/query?query={}", encode(query)))
                .send()
                .await
                .expect("query Prometheus")
                .json()
                .await
                .expect("Prometheus answers JSON");
            answers.push((query.clone(), answer));
        }
        let all_answered = answers.iter().all(|(_, a)| {
            a["status"] == "success"
                && a["data"]["result"].as_array().is_some_and(|r| {
                    !r.is_empty()
                        && r.iter().all(|s| {
                            s["value"][1]
                                .as_str()
                                .and_then(|v| v.parse::<f64>().ok())
                                .is_some_and(f64::is_finite)
                        })
                })
        });
        if all_answered {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not every query returned a finite series within 60 s: {answers:#?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    for (query, answer) in &answers {
        eprintln!("{query}\n  => {}", answer["data"]["result"]);
    }
    let value = |i: usize| -> f64 {
        answers[i].1["data"]["result"][0]["value"][1]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    // The p99 is a latency in seconds within the histogram's buckets, and one Pod is ready.
    let p99 = queries
        .iter()
        .position(|q| q.starts_with("histogram_quantile"))
        .unwrap();
    assert!(value(p99) > 0.0 && value(p99) <= 10.0, "p99 {}", value(p99));
    let ready = queries
        .iter()
        .position(|q| q == "sum(model_ready)")
        .unwrap();
    assert_eq!(value(ready), 1.0);
}

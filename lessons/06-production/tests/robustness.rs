//! Hostile and malformed requests (tests/hostile-requests.json): each gets the 4xx it deserves
//! with a JSON error that names the problem - never a 5xx, a panic or a dropped connection -
//! and the server keeps serving.

use serde::Deserialize;
use serde_json::Value;
use workbook::{Lesson, StatusCode, json, repo_root, spawn_app};

const LESSON: Lesson = Lesson::new("lesson-06", "Dockerfile");

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    method: String,
    path: String,
    /// Absent: `application/json`; `null`: no Content-Type header at all.
    #[serde(default = "json_content_type")]
    content_type: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    repeat: Option<Repeat>,
    expect: u16,
}

#[derive(Deserialize)]
struct Repeat {
    prefix: String,
    fill: String,
    times: usize,
    suffix: String,
}

fn json_content_type() -> Option<String> {
    Some("application/json".into())
}

fn corpus() -> Vec<Case> {
    let path = repo_root().join("lessons/06-production/tests/hostile-requests.json");
    let text = std::fs::read_to_string(&path).expect("the corpus file");
    serde_json::from_str::<Corpus>(&text)
        .expect("a valid corpus")
        .cases
}

#[tokio::test]
async fn every_hostile_request_gets_its_4xx_with_a_json_error_and_the_server_stays_up() {
    let cases = corpus();
    assert!(cases.len() >= 40, "the corpus keeps at least 40 cases");
    let app = spawn_app(&LESSON).await;
    let mut wrong = Vec::new();
    for case in &cases {
        let body = match (&case.body, &case.repeat) {
            (Some(body), _) => body.clone().into_bytes(),
            (None, Some(r)) => [r.prefix.clone(), r.fill.repeat(r.times), r.suffix.clone()]
                .concat()
                .into_bytes(),
            (None, None) => Vec::new(),
        };
        let method = case.method.parse().expect("an HTTP method");
        let mut request = app
            .client
            .request(method, format!("{}{}", app.address, case.path))
            .body(body);
        if let Some(content_type) = &case.content_type {
            request = request.header("content-type", content_type);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                wrong.push(format!("{}: no answer ({e})", case.name));
                continue;
            }
        };
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        let error = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_owned));
        match error {
            _ if status == case.expect && status < 400 => {}
            Some(message) if status == case.expect && !message.is_empty() => {}
            _ => wrong.push(format!(
                "{}: expected {} with {{\"error\": ...}}, got {status}: {}",
                case.name,
                case.expect,
                text.chars().take(200).collect::<String>()
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Still up and still right, and not one 5xx counted.
    let label = app
        .post_json(
            "/predict/label",
            &serde_json::json!({ "data": [[5.1, 3.5, 1.4, 0.2]] }),
        )
        .await;
    assert_eq!(json(label).await["prediction"], "setosa");
    assert!(app.container.is_running().await.unwrap());
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(!metrics.contains(r#"status="5"#), "{metrics}");
    assert_eq!(app.get("/v2/health/ready").await.status(), StatusCode::OK);
}

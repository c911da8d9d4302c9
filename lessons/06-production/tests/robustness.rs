//! Hostile and malformed requests (tests/hostile-requests.json): each gets the 4xx it deserves
//! with a JSON error that names the problem - never a 5xx, a panic or a dropped connection -
//! and the server keeps serving. The binary tensor data extension's framing (a JSON header of
//! `Inference-Header-Content-Length` bytes, then raw tensors) gets the same treatment, and
//! declared sizes up to 2^62 bytes must not make the server's memory grow.

use serde::Deserialize;
use serde_json::Value;
use workbook_harness::{Lesson, StatusCode, container_memory_mib, json, repo_root};

const LESSON: Lesson = Lesson::number(6);

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
    #[serde(default)]
    binary: Option<Binary>,
    expect: u16,
}

/// A body of the binary tensor data extension: the JSON, then raw bytes.
#[derive(Deserialize)]
struct Binary {
    json: String,
    /// Little-endian FP32 values after the JSON...
    #[serde(default)]
    values: Vec<f32>,
    /// ...less this many bytes at the end,
    #[serde(default)]
    trim: usize,
    /// then these bytes (hex),
    #[serde(default)]
    hex: String,
    /// then this many zero bytes.
    #[serde(default)]
    zeros: usize,
    /// Inference-Header-Content-Length: the JSON's length plus this...
    #[serde(default)]
    header_offset: i64,
    /// ...or this, sent as is.
    #[serde(default)]
    header_length: Option<String>,
}

impl Binary {
    fn body_and_header(&self) -> (Vec<u8>, String) {
        let mut body = self.json.clone().into_bytes();
        let mut tensor: Vec<u8> = self.values.iter().flat_map(|v| v.to_le_bytes()).collect();
        tensor.truncate(tensor.len().saturating_sub(self.trim));
        body.extend(tensor);
        body.extend((0..self.hex.len()).step_by(2).map(|i| {
            u8::from_str_radix(&self.hex[i..i + 2], 16).expect("hex bytes in the corpus")
        }));
        body.resize(body.len() + self.zeros, 0);
        let header = self
            .header_length
            .clone()
            .unwrap_or_else(|| (self.json.len() as i64 + self.header_offset).to_string());
        (body, header)
    }
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
    assert!(
        cases.iter().filter(|c| c.binary.is_some()).count() >= 20,
        "the corpus keeps at least 20 binary cases"
    );
    let app = LESSON.spawn().await;
    let memory_before = container_memory_mib(app.container.id());
    let mut wrong = Vec::new();
    for case in &cases {
        let mut length_header = None;
        let body = match (&case.body, &case.repeat, &case.binary) {
            (Some(body), _, _) => body.clone().into_bytes(),
            (None, Some(r), _) => [r.prefix.clone(), r.fill.repeat(r.times), r.suffix.clone()]
                .concat()
                .into_bytes(),
            (None, None, Some(binary)) => {
                let (body, header) = binary.body_and_header();
                length_header = Some(header);
                body
            }
            (None, None, None) => Vec::new(),
        };
        let method = case.method.parse().expect("an HTTP method");
        let mut request = app
            .client
            .request(method, format!("{}{}", app.address, case.path))
            .body(body);
        if let Some(content_type) = &case.content_type {
            request = request.header("content-type", content_type);
        }
        if let Some(length) = length_header {
            request = request.header("inference-header-content-length", length);
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

    // Declared sizes of up to 2^62 bytes were checked against the bytes that arrived, never
    // allocated: memory did not follow them.
    let memory_after = container_memory_mib(app.container.id());
    assert!(
        memory_after < memory_before + 32.0,
        "memory grew from {memory_before:.1} MiB to {memory_after:.1} MiB"
    );
}

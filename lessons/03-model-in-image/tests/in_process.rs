//! Lesson 03's API in-process: the router `model_in_image::routes::app` builds, with the real
//! model loaded on the host, asked without a container or a socket - the guide's paths and
//! JSON shapes, the three flowers, batches, and every kind of bad input getting a 4xx JSON
//! error. What only the container shows (its user, healthcheck, env configuration, signals,
//! the chapter's recorded requests) stays in tests/container.rs.

use axum::http::StatusCode;
use insta::{assert_json_snapshot, rounded_redaction};
use serde_json::json;
use workbook_harness::in_process;

const SETOSA: [f64; 4] = [5.1, 3.5, 1.4, 0.2];
const VERSICOLOR: [f64; 4] = [5.9, 3.0, 4.2, 1.5];
const VIRGINICA: [f64; 4] = [6.3, 2.9, 5.6, 1.8];

#[tokio::test]
async fn health_label_and_metadata_answer_like_the_python_original() {
    let app = in_process::lesson_03();

    let health = app.get("/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.text(), r#"{"health":"ok"}"#);

    let label = app.get("/label").await;
    assert_eq!(
        label.text(),
        r#"{"0":"setosa","1":"versicolor","2":"virginica"}"#
    );

    let metadata = app.get("/metadata").await.json();
    assert_json_snapshot!("metadata", metadata, {
        ".prediction_sample[]" => rounded_redaction(4),
    });
}

#[tokio::test]
async fn the_three_canonical_flowers_are_named_correctly() {
    let app = in_process::lesson_03();
    for (row, name) in [
        (SETOSA, "setosa"),
        (VERSICOLOR, "versicolor"),
        (VIRGINICA, "virginica"),
    ] {
        let body = json!({ "data": [row] });
        let label = app.post_json("/predict/label", &body).await;
        assert_eq!(label.status, StatusCode::OK);
        assert_eq!(label.json(), json!({ "prediction": name }));

        let probabilities = app.post_json("/predict", &body).await.json();
        let p: Vec<f64> = serde_json::from_value(probabilities["prediction"].clone()).unwrap();
        assert_eq!(p.len(), 3);
        assert!(
            (p.iter().sum::<f64>() - 1.0).abs() < 1e-4,
            "{p:?} should sum to 1"
        );
    }
}

#[tokio::test]
async fn the_test_endpoints_predict_the_sample_row() {
    let app = in_process::lesson_03();
    let probabilities = app.get("/predict/test").await.json();
    assert_json_snapshot!("predict_test", probabilities, { ".prediction[]" => rounded_redaction(4) });
    let label = app.get("/predict/test/label").await.json();
    assert_eq!(label, json!({ "prediction": "setosa" }));
}

#[tokio::test]
async fn a_batch_gets_one_answer_per_row_in_order() {
    let app = in_process::lesson_03();
    let body = json!({ "data": [VIRGINICA, SETOSA, VERSICOLOR, SETOSA] });
    let labels = app.post_json("/predict/label", &body).await.json();
    assert_eq!(
        labels,
        json!({ "prediction": ["virginica", "setosa", "versicolor", "setosa"] })
    );
    let probabilities = app.post_json("/predict", &body).await.json();
    assert_json_snapshot!("batch", probabilities, { ".prediction[][]" => rounded_redaction(4) });

    // A thousand rows in one request.
    let rows: Vec<[f64; 4]> = (0..1000)
        .map(|i| [SETOSA, VERSICOLOR, VIRGINICA][i % 3])
        .collect();
    let big = app
        .post_json("/predict/label", &json!({ "data": rows }))
        .await
        .json();
    assert_eq!(big["prediction"].as_array().unwrap().len(), 1000);
    assert_eq!(big["prediction"][997], "versicolor");
}

/// Every kind of bad input gets a 4xx with a JSON error naming the problem - never a 5xx.
#[tokio::test]
async fn bad_requests_get_a_4xx_json_error_that_names_the_problem() {
    let app = in_process::lesson_03();
    let json_type = Some("application/json");
    let cases: Vec<(&str, Option<&str>, Vec<u8>)> = vec![
        ("not JSON", json_type, b"data=5.1".to_vec()),
        (
            "no content type",
            None,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "form content type",
            Some("application/x-www-form-urlencoded"),
            br#"{"data": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        ("empty body", json_type, b"".to_vec()),
        (
            "missing data",
            json_type,
            br#"{"rows": [[5.1, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        ("data not a list", json_type, br#"{"data": 5.1}"#.to_vec()),
        (
            "flat row",
            json_type,
            br#"{"data": [5.1, 3.5, 1.4, 0.2]}"#.to_vec(),
        ),
        ("no rows", json_type, br#"{"data": []}"#.to_vec()),
        ("empty row", json_type, br#"{"data": [[]]}"#.to_vec()),
        (
            "ragged rows",
            json_type,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2], [5.1, 3.5]]}"#.to_vec(),
        ),
        (
            "too many features",
            json_type,
            br#"{"data": [[5.1, 3.5, 1.4, 0.2, 9.9]]}"#.to_vec(),
        ),
        (
            "a string",
            json_type,
            br#"{"data": [["5.1", 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "null",
            json_type,
            br#"{"data": [[null, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "NaN",
            json_type,
            br#"{"data": [[NaN, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "Infinity",
            json_type,
            br#"{"data": [[Infinity, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "beyond f64",
            json_type,
            br#"{"data": [[1e400, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "beyond f32",
            json_type,
            br#"{"data": [[1e39, 3.5, 1.4, 0.2]]}"#.to_vec(),
        ),
        (
            "deep nesting",
            json_type,
            format!("{{\"data\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        ),
        ("invalid UTF-8", json_type, b"{\"data\": [[\xff]]}".to_vec()),
    ];
    let mut answers = Vec::new();
    for (case, content_type, body) in cases {
        let response = app.post_raw("/predict", content_type, body).await;
        let status = response.status;
        assert!(status.is_client_error(), "{case}: {status}");
        let body = response.json();
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{case}: {body}"
        );
        answers.push(json!({ "case": case, "status": status.as_u16(), "body": body }));
    }
    assert_json_snapshot!("bad_requests", answers);

    // Oversized body: 413, not a dropped connection.
    let huge = format!("{{\"data\": [{}[1,2,3,4]]}}", "[1,2,3,4],".repeat(300_000));
    let response = app.post_raw("/predict", json_type, huge.into_bytes()).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.json()["error"]
            .as_str()
            .unwrap()
            .contains("too large")
    );

    // Wrong method, unknown route: JSON too.
    let wrong_method = app.get("/predict").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.json()["error"].is_string());
    let unknown = app.get("/predictions").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.json()["error"].is_string());

    // And the server is still up.
    assert_eq!(app.get("/health").await.status, StatusCode::OK);
}

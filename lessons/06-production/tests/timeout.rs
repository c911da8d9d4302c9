//! A request the server cannot answer within REQUEST_TIMEOUT_SECONDS gets 503 Service
//! Unavailable with a JSON error and a Retry-After, not 408: 408 would blame the client for
//! being slow to send and invite it to retry at once. The real layers (`layers::wrap`) around a
//! handler that takes longer than the timeout, served on loopback.

use std::time::Duration;

use axum::{Router, routing::get};
use production::{layers, metrics};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_request_that_outlives_the_timeout_gets_503_with_a_json_error_and_retry_after() {
    let router = Router::new()
        .route("/slow", get(|| tokio::time::sleep(Duration::from_secs(30))))
        .route("/fast", get(|| async { "done" }));
    let (metrics_layer, handle) = metrics::layer();
    let app = layers::wrap(router, metrics_layer, Duration::from_millis(200));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();

    let fast = client
        .get(format!("http://{address}/fast"))
        .send()
        .await
        .unwrap();
    assert_eq!(fast.status(), StatusCode::OK);

    let slow = client
        .get(format!("http://{address}/slow"))
        .send()
        .await
        .unwrap();
    assert_eq!(slow.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(slow.headers()["retry-after"], "1");
    let body: Value = slow.json().await.unwrap();
    let error = body["error"].as_str().unwrap();
    assert!(error.contains("REQUEST_TIMEOUT_SECONDS"), "{error}");

    // Counted as what it is: a server-side failure.
    let metrics = handle.render();
    assert!(
        metrics
            .contains(r#"axum_http_requests_total{method="GET",status="503",endpoint="/slow"} 1"#),
        "{metrics}"
    );
}

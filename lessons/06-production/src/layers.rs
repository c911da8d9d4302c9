//! What wraps every request, outermost first:
//!
//! 1. a request ID: the client's `x-request-id`, or a new UUID (`request_id`); it is in every log line about
//!    the request and in the response, so a user's report can be matched to the logs;
//! 2. Prometheus request metrics;
//! 3. a log line for every refused or failed request (all requests with `LOG_LEVEL=debug`);
//! 4. every error answer as `{"error": ...}` JSON, whichever layer produced it;
//! 5. a timeout (503: the server ran out of time, not the client - see below) and a body-size
//!    limit (413);
//! 6. a panic becomes a 500 for that request instead of a dropped connection.

use std::time::Duration;

use axum::{
    BoxError, Json, Router,
    body::{Body, Bytes, HttpBody},
    extract::{DefaultBodyLimit, Request},
    http::{HeaderName, StatusCode, header},
    response::{IntoResponse, Response},
};
use model_in_image::input::MAX_BODY_BYTES;
use serde_json::json;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};
use tracing::Span;

use crate::{request_id::MakeCountedUuid, request_metrics::RequestMetricsLayer};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

// ANCHOR: layers
/// A request that outlives `timeout` is answered 503 Service Unavailable. Not 408 Request
/// Timeout: that says the *client* was too slow to send its request, and browsers and HTTP
/// clients retry it at once, piling more work on a server that is already too slow. 503 says
/// the server could not answer in time: load balancers and clients count it as a server-side
/// failure, back off, and try another replica. (504 is a gateway's answer when the server
/// behind it is too slow; this server is the one behind.)
///
/// The layers are one stack, applied once: `Router::layer` wraps every route in what it is given
/// and boxes the result, so eight `layer` calls would box each route eight times over, and every
/// request would clone all eight boxes (callgrind: about a fifth of a request's instructions).
pub fn wrap(router: Router, metrics: RequestMetricsLayer, timeout: Duration) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeCountedUuid))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(metrics)
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_request(())
                    .on_response(log_response)
                    .on_failure(()),
            )
            .map_response(json_errors)
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                timeout,
            ))
            .layer(CatchPanicLayer::new()),
    )
}
// ANCHOR_END: layers

fn request_span(request: &Request) -> Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = request.method().as_str(),
        path = request.uri().path(),
        request_id = id
    )
}

fn log_response(response: &Response, latency: Duration, _span: &Span) {
    let status = response.status().as_u16();
    let ms = latency.as_secs_f64() * 1000.0;
    if response.status().is_server_error() {
        tracing::error!(status, ms, "request failed");
    } else if response.status().is_client_error() {
        tracing::info!(status, ms, "request refused");
    } else {
        tracing::debug!(status, ms, "request served");
    }
}

/// An error answer from a layer (timeout, panic, body limit) has a plain-text or empty body:
/// give it the same `{"error": ...}` shape as the handlers' errors.
fn json_errors<B>(response: axum::http::Response<B>) -> Response
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response.map(Body::new);
    }
    let message = match status {
        StatusCode::SERVICE_UNAVAILABLE => {
            "the server could not answer within its REQUEST_TIMEOUT_SECONDS; try again later"
                .to_owned()
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("request body is too large (the limit is {MAX_BODY_BYTES} bytes)")
        }
        StatusCode::INTERNAL_SERVER_ERROR => "internal error; see the server's log".to_owned(),
        other => other.canonical_reason().unwrap_or("error").to_owned(),
    };
    let mut answer = (status, Json(json!({ "error": message }))).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        // A timeout: tell well-behaved clients to wait a moment before they try again.
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    answer
}

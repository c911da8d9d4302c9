//! The HTTP request metrics, by route, method and status, with the names and labels of
//! axum-prometheus (which this server used before):
//!
//! - `axum_http_requests_total{method, status, endpoint}`: requests answered;
//! - `axum_http_requests_duration_seconds{method, status, endpoint}`: how long they took;
//! - `axum_http_requests_pending{method, endpoint}`: requests in flight.
//!
//! The endpoint is the route's pattern (`/v2/models/{name}/infer`), or `unmatched` for a path
//! no route matches, so random URLs cannot grow the label set; `/metrics` itself is not counted.
//!
//! Why not axum-prometheus itself: for every request it built the label strings and looked the
//! series up in the recorder by name and labels, three times (callgrind: about 12,000
//! instructions, a tenth of a single-row request). This layer looks each series up once, keeps
//! its handles, and then costs a hash of the route's pattern and a few atomic additions.

use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::{Arc, RwLock},
    task::{Context, Poll},
    time::Instant,
};

use axum::{
    extract::MatchedPath,
    http::{Request, Response},
};
use metrics::{Counter, Gauge, Histogram};
use tower::{Layer, Service};

pub const REQUESTS_TOTAL: &str = "axum_http_requests_total";
pub const REQUESTS_DURATION_SECONDS: &str = "axum_http_requests_duration_seconds";
pub const REQUESTS_PENDING: &str = "axum_http_requests_pending";

/// Request times' histogram buckets: 5 ms to 10 s.
pub const DURATION_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The label for paths that match no route.
const UNMATCHED: &str = "unmatched";

/// Counts every request of the router it wraps (with `Router::layer`, so that the matched
/// route is known).
#[derive(Clone, Default)]
pub struct RequestMetricsLayer {
    series: Arc<Series>,
}

impl RequestMetricsLayer {
    pub fn new() -> Self {
        metrics::describe_counter!(
            REQUESTS_TOTAL,
            metrics::Unit::Count,
            "HTTP requests answered"
        );
        metrics::describe_gauge!(
            REQUESTS_PENDING,
            metrics::Unit::Count,
            "HTTP requests in flight"
        );
        metrics::describe_histogram!(
            REQUESTS_DURATION_SECONDS,
            metrics::Unit::Seconds,
            "HTTP response times"
        );
        Self::default()
    }
}

impl<S> Layer<S> for RequestMetricsLayer {
    type Service = RequestMetrics<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestMetrics {
            inner,
            series: self.series.clone(),
        }
    }
}

#[derive(Clone)]
pub struct RequestMetrics<S> {
    inner: S,
    series: Arc<Series>,
}

// ANCHOR: series
/// Every series handed out so far: endpoint, then method, then status. Read-locked on the way of
/// a request; write-locked only the first time a combination is seen.
#[derive(Default)]
struct Series {
    endpoints: RwLock<HashMap<String, Vec<Arc<Endpoint>>>>,
}

/// One endpoint and method: its in-flight gauge and, per status, its counter and histogram.
struct Endpoint {
    method: String,
    name: String,
    pending: Gauge,
    statuses: RwLock<Vec<(u16, Counter, Histogram)>>,
}
// ANCHOR_END: series

impl Series {
    fn endpoint(&self, name: &str, method: &str) -> Arc<Endpoint> {
        let find = |all: &HashMap<String, Vec<Arc<Endpoint>>>| {
            all.get(name)?.iter().find(|e| e.method == method).cloned()
        };
        if let Some(found) = find(&self.endpoints.read().unwrap_or_else(|e| e.into_inner())) {
            return found;
        }
        let mut all = self.endpoints.write().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = find(&all) {
            return found;
        }
        let endpoint = Arc::new(Endpoint {
            method: method.to_owned(),
            name: name.to_owned(),
            pending: metrics::gauge!(REQUESTS_PENDING,
                "method" => method.to_owned(), "endpoint" => name.to_owned()),
            statuses: RwLock::default(),
        });
        all.entry(name.to_owned())
            .or_default()
            .push(endpoint.clone());
        endpoint
    }
}

impl Endpoint {
    fn answered(&self, status: u16, seconds: f64) {
        let record = |(_, count, time): &(u16, Counter, Histogram)| {
            count.increment(1);
            time.record(seconds);
        };
        let statuses = self.statuses.read().unwrap_or_else(|e| e.into_inner());
        if let Some(series) = statuses.iter().find(|(s, ..)| *s == status) {
            return record(series);
        }
        drop(statuses);
        let mut statuses = self.statuses.write().unwrap_or_else(|e| e.into_inner());
        if !statuses.iter().any(|(s, ..)| *s == status) {
            let labels = [
                ("method", self.method.clone()),
                ("status", status.to_string()),
                ("endpoint", self.name.clone()),
            ];
            statuses.push((
                status,
                metrics::counter!(REQUESTS_TOTAL, &labels),
                metrics::histogram!(REQUESTS_DURATION_SECONDS, &labels),
            ));
        }
        let series = statuses.iter().find(|(s, ..)| *s == status);
        record(series.expect("just added"));
    }
}

impl<S, B, ResBody> Service<Request<B>> for RequestMetrics<S>
where
    S: Service<Request<B>, Response = Response<ResBody>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let name = request
            .extensions()
            .get::<MatchedPath>()
            .map_or(UNMATCHED, MatchedPath::as_str);
        let pending = (name != "/metrics").then(|| {
            let endpoint = self.series.endpoint(name, request.method().as_str());
            endpoint.pending.increment(1);
            Pending {
                endpoint,
                started: Instant::now(),
            }
        });
        ResponseFuture {
            inner: self.inner.call(request),
            pending,
        }
    }
}

/// A request in flight: counted as pending until it is answered or dropped.
struct Pending {
    endpoint: Arc<Endpoint>,
    started: Instant,
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.endpoint.pending.decrement(1);
    }
}

pin_project_lite::pin_project! {
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        pending: Option<Pending>,
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = std::task::ready!(this.inner.poll(cx));
        if let (Ok(response), Some(pending)) = (&result, this.pending.take()) {
            let seconds = pending.started.elapsed().as_secs_f64();
            pending
                .endpoint
                .answered(response.status().as_u16(), seconds);
        }
        Poll::Ready(result)
    }
}

//! Lesson 06: the production model server.
//!
//! Lesson 03's model and guide API, lesson 04's readiness and drain, and what a team needs to
//! run it for real: the Open Inference Protocol v2, liveness ≠ readiness, a bounded graceful
//! shutdown, timeouts and size limits, request IDs, JSON logs, Prometheus metrics, an OpenAPI
//! document generated from the handlers, and a pool of ONNX Runtime sessions for every core.
//!
//! The image is built by the repository's root `Dockerfile` and deployed by `k8s/` (see this
//! lesson's README).

pub mod config;
pub mod guide;
pub mod health;
pub mod layers;
pub mod logging;
pub mod metrics;
pub mod openapi;
pub mod pool;
pub mod request_id;
pub mod request_metrics;
pub mod serve;
pub mod server;
pub mod v2;

pub use config::Config;
pub use serve::{app, serve};
pub use server::{Server, load};

//! The in-process layer: a lesson's router called directly (`tower::ServiceExt::oneshot`), with
//! the real model loaded on the host, for API behaviour no container is needed to show -
//! validation, 4xx JSON bodies, routes, the protocol's shapes. Container tests keep what only a
//! container shows: the image, its user, healthcheck, signals, limits, configuration by env.
//!
//! ```no_run
//! # async fn demo() {
//! use workbook_harness::in_process;
//! let app = in_process::lesson_03();
//! let health = app.get("/health").await;
//! assert_eq!(health.status, 200);
//! # }
//! ```
//!
//! Each lesson's router is built in ONE place below, the way its server builds it.

use std::sync::{Arc, OnceLock};

use axum::{
    Router,
    body::{Body, Bytes},
    http::{HeaderMap, Request, StatusCode},
};
use serde_json::Value;
use tower::ServiceExt;

use crate::{onnxruntime_library, repo_root};

/// A lesson's router, to be asked in-process.
#[derive(Clone)]
pub struct InProcessApp {
    router: Router,
}

/// An answer: status, headers and the whole body.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON, failing with the body text when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl InProcessApp {
    pub fn new(router: Router) -> Self {
        InProcessApp { router }
    }

    /// Sends one request through the router, as the server would on a connection.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("a router never fails");
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("read the response body");
        Answer {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        let request = Request::get(path).body(Body::empty()).unwrap();
        self.send(request).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Answer {
        self.post_raw(
            path,
            Some("application/json"),
            body.to_string().into_bytes(),
        )
        .await
    }

    pub async fn post_raw(&self, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
        let mut request = Request::post(path);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }
}

/// Lesson 03's server (`model_in_image::routes::app`) with the model and labels the image
/// bakes in (models/) and the version its image reports when no APP_VERSION is given.
/// Built once per test process (ONNX Runtime is loaded once).
#[cfg(feature = "lesson-03")]
pub fn lesson_03() -> InProcessApp {
    static APP: OnceLock<Router> = OnceLock::new();
    let router = APP.get_or_init(|| {
        let mut config = model_in_image::Config::from_env().expect("lesson 03's configuration");
        config.model_path = repo_root().join("models/iris_svc.onnx");
        config.label_path = repo_root().join("models/label.json");
        config.onnxruntime = onnxruntime_library();
        config.version = "0.1.0".into();
        let state = model_in_image::load(&config).expect("lesson 03 loads the model");
        model_in_image::routes::app(Arc::new(state))
    });
    InProcessApp::new(router.clone())
}

/// Lesson 06's server (`production::app`) as the final image runs it: the baked-in model, the
/// Dockerfile's APP_VERSION (v1.0), loaded, warmed up and ready. Built once per test process:
/// its metrics recorder is the process's one global recorder.
#[cfg(feature = "lesson-06")]
pub fn lesson_06() -> InProcessApp {
    static APP: OnceLock<Router> = OnceLock::new();
    let router = APP.get_or_init(|| {
        let mut config = production::Config::from_env().expect("lesson 06's configuration");
        config.base.model_path = repo_root().join("models/iris_svc.onnx");
        config.base.label_path = repo_root().join("models/label.json");
        config.base.onnxruntime = onnxruntime_library();
        config.base.version = "v1.0".into();
        config.model_name = "iris_svc".into();
        let server = Arc::new(production::load(&config).expect("lesson 06 loads the model"));
        let router = production::app(server.clone(), config.request_timeout);
        server.readiness.set(true);
        router
    });
    InProcessApp::new(router.clone())
}

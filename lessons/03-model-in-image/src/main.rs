//! Lesson 03: the Model-in-Image server.
//!
//! `model-in-image` serves the model; `model-in-image healthcheck` asks a running server for
//! `/health` (the image's HEALTHCHECK uses it, so the image needs no curl).

use std::process::ExitCode;

use model_in_image::{Config, healthcheck, serve};

// ANCHOR: main
#[tokio::main]
async fn main() -> ExitCode {
    model_in_image::init_logging();
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck::run();
    }
    // Bad configuration ends the process with one line that names the culprit, and a
    // non-zero exit code: in Kubernetes this is what a CrashLoopBackOff's logs show.
    let result = match Config::from_env() {
        Ok(config) => serve(config).await,
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main

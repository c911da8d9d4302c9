//! `kubernetes-basics`: lesson 03's server made ready for Kubernetes (see the library), or
//! `kubernetes-basics healthcheck` for the image's HEALTHCHECK.

use std::process::ExitCode;

use model_in_image::{Config, StartupError, healthcheck};

#[tokio::main]
async fn main() -> ExitCode {
    model_in_image::init_logging();
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck::run();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env().map_err(StartupError::from)?;
    let drain = kubernetes_basics::drain_seconds()?;
    kubernetes_basics::serve(config, drain).await?;
    Ok(())
}

//! Lesson 05: lesson 03's server with one more setting a learner can get wrong - `HOST`, the
//! address it listens on (default `0.0.0.0`, every interface). Python servers such as
//! uvicorn listen on `127.0.0.1` unless told otherwise; inside a container that address is
//! the container's own loopback, which a published port never reaches. The troubleshooting
//! lab's cases (`cases/`) build this server into broken and fixed images.

use std::{net::IpAddr, process::ExitCode};

use model_in_image::{Config, StartupError, healthcheck, serve};

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

// ANCHOR: host
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::from_env().map_err(StartupError::from)?;
    match std::env::var("HOST").ok().filter(|h| !h.is_empty()) {
        None => {} // 0.0.0.0: every interface, the one a published port reaches
        Some(host) => match host.parse::<IpAddr>() {
            Ok(ip) => config.addr.set_ip(ip),
            Err(_) => return Err(format!("HOST={host:?} is not an IP address").into()),
        },
    }
    serve(config).await?;
    Ok(())
}
// ANCHOR_END: host

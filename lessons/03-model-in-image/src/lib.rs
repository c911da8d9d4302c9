//! The Model-in-Image server as a library, so that tests and the binary share one `app()`.

pub mod config;
pub mod error;
pub mod healthcheck;
pub mod input;
pub mod labels;
pub mod model;
pub mod routes;
pub mod state;

use std::sync::Arc;

pub use config::Config;
pub use state::AppState;
use tokio::net::TcpListener;

/// Anything that stops the server from starting, each naming the file or variable at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Model(#[from] model::ModelError),
    #[error(transparent)]
    Labels(#[from] labels::LabelError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("LOG_LEVEL").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
}

// ANCHOR: load
/// Loads the model and its labels (baked into the image) and checks that they agree.
pub fn load(config: &Config) -> Result<AppState, StartupError> {
    let model = model::Classifier::load(&config.onnxruntime, &config.model_path)?;
    let labels = labels::Labels::load(&config.label_path)?;
    labels.check_classes(&config.label_path, model.classes())?;
    Ok(AppState {
        model: Arc::new(model),
        labels,
        version: config.version.clone(),
    })
}
// ANCHOR_END: load

/// Loads everything, then serves until SIGTERM or Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let state = Arc::new(load(&config)?);
    let signature = state.model.signature();
    tracing::info!(
        model = %config.model_path.display(),
        input = signature.input_name(),
        features = signature.features(),
        classes = signature.classes(),
        "model loaded"
    );
    listen(config.addr, routes::app(state), shutdown_signal()).await
}

/// Binds `addr`, says so in the log (the ready line, which tests and scripts wait for), and serves `app` until
/// `shutdown` completes; then finishes in-flight requests.
pub async fn listen(
    addr: std::net::SocketAddr,
    app: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    let listen_error = |source| StartupError::Listen { addr, source };
    let listener = TcpListener::bind(addr).await.map_err(listen_error)?;
    tracing::info!("{}", ready_line::line(addr));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(listen_error)?;
    tracing::info!("shut down");
    Ok(())
}

/// `docker stop` sends SIGTERM to PID 1; without a handler the server would be killed after
/// the 10 s grace period instead of stopping at once.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).expect("install SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    tracing::info!("shutdown signal received");
}

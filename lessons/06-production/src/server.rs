//! What the handlers share, and how it is loaded.

use std::sync::Arc;

use axum::http::StatusCode;
use kubernetes_basics::Readiness;
use model_in_image::{AppState, StartupError, error::ApiError, labels::Labels, model::Model};

use crate::{config::Config, pool::Pool};

/// What the handlers share: lesson 03's state (the model, its labels, the version), the pool
/// behind that model, the model's name and lesson 04's readiness switch.
pub struct Server {
    pub app: Arc<AppState>,
    /// `app.model`, as the pool it is.
    pub pool: Arc<Pool>,
    pub name: String,
    pub readiness: Arc<Readiness>,
}

impl Server {
    /// A v2 route names its model: this server has exactly one.
    pub fn check_name(&self, name: &str) -> Result<(), ApiError> {
        if name == self.name {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "no model named {name:?}; this server serves {:?}",
                    self.name
                ),
            ))
        }
    }

    /// A versioned v2 route names its model and version: this model has one version, the
    /// image's `APP_VERSION`.
    pub fn check_version(&self, name: &str, version: &str) -> Result<(), ApiError> {
        self.check_name(name)?;
        if version == self.app.version {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "model {name:?} has no version {version:?}; this server serves version {:?}",
                    self.app.version
                ),
            ))
        }
    }
}

// ANCHOR: load
/// Loads the model into a pool of sessions, warms every session up, then says ready.
pub fn load(config: &Config) -> Result<Server, StartupError> {
    let base = &config.base;
    let pool = Arc::new(Pool::load(
        &base.onnxruntime,
        &base.model_path,
        config.sessions,
    )?);
    let labels = Labels::load(&base.label_path)?;
    labels.check_classes(&base.label_path, pool.signature().classes())?;
    let app = Arc::new(AppState {
        model: pool.clone(),
        labels,
        version: base.version.clone(),
    });
    Ok(Server {
        app,
        pool,
        name: config.model_name.clone(),
        readiness: Arc::default(),
    })
}
// ANCHOR_END: load

//! Configuration from the environment, with the guide's variable names.

use std::{
    env,
    net::{Ipv4Addr, SocketAddr},
    path::PathBuf,
};

// ANCHOR: config
/// Where the model, its labels and ONNX Runtime are, and where to listen.
#[derive(Debug, Clone)]
pub struct Config {
    /// `MODEL_FILEPATH`: the ONNX model baked into the image.
    pub model_path: PathBuf,
    /// `LABEL_FILEPATH`: JSON object from class index to label name.
    pub label_path: PathBuf,
    /// `ORT_DYLIB_PATH`: the ONNX Runtime shared library.
    pub onnxruntime: PathBuf,
    /// `0.0.0.0:$PORT` (default 8000): every interface, so a published port reaches it.
    pub addr: SocketAddr,
    /// `APP_VERSION`: which image this is (its tag), shown at `/metadata`; defaults to the
    /// crate's version.
    pub version: String,
}
// ANCHOR_END: config

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("PORT={value:?} is not a port number (1-65535)")]
    Port { value: String },
    #[error("{name} is not valid UTF-8")]
    NotUnicode { name: &'static str },
}

pub const DEFAULT_PORT: u16 = 8000;

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let port = match var("PORT")? {
            None => DEFAULT_PORT,
            Some(value) => match value.parse::<u16>() {
                Ok(port) if port != 0 => port,
                _ => return Err(ConfigError::Port { value }),
            },
        };
        Ok(Config {
            model_path: var("MODEL_FILEPATH")?
                .unwrap_or_else(|| "models/iris_svc.onnx".into())
                .into(),
            label_path: var("LABEL_FILEPATH")?
                .unwrap_or_else(|| "models/label.json".into())
                .into(),
            onnxruntime: var("ORT_DYLIB_PATH")?
                .unwrap_or_else(|| "libonnxruntime.so".into())
                .into(),
            addr: SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)),
            version: var("APP_VERSION")?.unwrap_or_else(|| env!("CARGO_PKG_VERSION").into()),
        })
    }
}

/// An unset or empty variable is `None`.
fn var(name: &'static str) -> Result<Option<String>, ConfigError> {
    match env::var(name) {
        Ok(value) if value.is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(env::VarError::NotPresent) => Ok(None),
        Err(env::VarError::NotUnicode(_)) => Err(ConfigError::NotUnicode { name }),
    }
}

/// The port the healthcheck should call: `PORT`, or the default when unset or invalid.
pub fn port() -> u16 {
    env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(DEFAULT_PORT)
}

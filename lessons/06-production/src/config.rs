//! Configuration: lesson 03's variables, plus what production needs to be told.

use std::time::Duration;

use kubernetes_basics::{InvalidVariable, seconds, var};

use crate::pool::Sessions;

// ANCHOR: config
/// Everything the server reads from its environment at startup.
#[derive(Debug, Clone)]
pub struct Config {
    /// `MODEL_FILEPATH`, `LABEL_FILEPATH`, `ORT_DYLIB_PATH`, `PORT`, `APP_VERSION` (lesson 03).
    pub base: model_in_image::Config,
    /// `MODEL_NAME`: the name in `/v2/models/{name}`; defaults to the model file's stem.
    pub model_name: String,
    /// `SESSIONS` (default: the CPUs this container may use) and `ORT_INTRA_THREADS`
    /// (default 1): ONNX Runtime sessions run side by side, threads each.
    pub sessions: Sessions,
    /// `DRAIN_SECONDS` (default 5): how long to keep serving, not ready, after SIGTERM
    /// (lesson 04).
    pub drain: Duration,
    /// `REQUEST_TIMEOUT_SECONDS` (default 10): a request taking longer gets 503.
    pub request_timeout: Duration,
    /// `SHUTDOWN_TIMEOUT_SECONDS` (default 20): after draining, how long in-flight requests
    /// may take before the process exits anyway (keep it under the Pod's grace period).
    pub shutdown_timeout: Duration,
    /// `LOG_FORMAT`: `json` (default: one JSON object per line, for log collectors) or `text`.
    pub log_format: LogFormat,
}
// ANCHOR_END: config

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Text,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Base(#[from] model_in_image::config::ConfigError),
    #[error(transparent)]
    Invalid(#[from] InvalidVariable),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let base = model_in_image::Config::from_env()?;
        let model_name = match var("MODEL_NAME") {
            Some(name) => valid_name(name)?,
            None => base
                .model_path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("model")
                .to_owned(),
        };
        // The standard library reads the cgroup CPU quota: a Pod limited to 1 CPU gets 1.
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(Config {
            base,
            model_name,
            sessions: Sessions {
                count: number("SESSIONS", cpus, 1..=256)?,
                intra_threads: number("ORT_INTRA_THREADS", 1, 1..=256)?,
            },
            drain: kubernetes_basics::drain_seconds()?,
            request_timeout: seconds("REQUEST_TIMEOUT_SECONDS", 10)?,
            shutdown_timeout: seconds("SHUTDOWN_TIMEOUT_SECONDS", 20)?,
            log_format: match var("LOG_FORMAT").as_deref() {
                None | Some("json") => LogFormat::Json,
                Some("text") => LogFormat::Text,
                Some(other) => {
                    return Err(InvalidVariable {
                        name: "LOG_FORMAT",
                        value: other.to_owned(),
                        expected: "json or text",
                    }
                    .into());
                }
            },
        })
    }
}

fn number(
    name: &'static str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> Result<usize, ConfigError> {
    let Some(value) = var(name) else {
        return Ok(default);
    };
    match value.parse::<usize>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(InvalidVariable {
            name,
            value,
            expected: "a whole number from 1 to 256",
        }
        .into()),
    }
}

/// Model names go into URLs and metric labels: keep them to a URL-safe alphabet.
fn valid_name(name: String) -> Result<String, ConfigError> {
    let ok = name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(name)
    } else {
        Err(InvalidVariable {
            name: "MODEL_NAME",
            value: name,
            expected: "up to 64 letters, digits, '-', '_' or '.'",
        }
        .into())
    }
}

//! What every handler can see.

use std::sync::Arc;

use crate::{labels::Labels, model::Model};

/// The loaded model, its labels and the version.
pub struct AppState {
    pub model: Arc<dyn Model>,
    pub labels: Labels,
    /// The image's version, for `/metadata`.
    pub version: String,
}

//! The workbook's command line, as a library: read Kubernetes manifests strictly and check
//! what a cluster would only reveal at run time.

pub mod app;
pub mod cases;
pub mod checks;
pub mod cluster;
pub mod dockerfile;
pub mod doctor;
pub mod findings;
pub mod i18n;
pub mod kustomize;
pub mod lint;
pub mod live;
pub mod manifests;
pub mod selectors;
pub mod trouble;

pub use checks::{Expectations, check};
pub use findings::{Finding, Severity};
pub use lint::lint;
pub use manifests::{Manifest, Object, load_path};

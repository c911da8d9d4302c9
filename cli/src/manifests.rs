//! Reading manifests strictly: every document must parse into the Kubernetes API type of its
//! kind (k8s-openapi, Kubernetes 1.35), and - unlike k8s-openapi alone, which skips them -
//! an unknown or misspelled field is an error that names the field.

use std::path::{Path, PathBuf};

use k8s_openapi::{
    api::{
        apps::v1::Deployment, autoscaling::v2::HorizontalPodAutoscaler, core::v1::Namespace,
        core::v1::Service, networking::v1::NetworkPolicy, policy::v1::PodDisruptionBudget,
    },
    serde::de::DeserializeOwned,
};
use serde::Deserialize;
use serde_json::Value;

use crate::findings::{Finding, Severity};

/// The kinds the checks understand.
#[derive(Debug, Clone)]
pub enum Object {
    Namespace(Box<Namespace>),
    Deployment(Box<Deployment>),
    Service(Box<Service>),
    HorizontalPodAutoscaler(Box<HorizontalPodAutoscaler>),
    PodDisruptionBudget(Box<PodDisruptionBudget>),
    NetworkPolicy(Box<NetworkPolicy>),
}

#[derive(Debug, Clone)]
pub struct Manifest {
    pub file: String,
    pub object: Object,
}

impl Manifest {
    pub fn kind(&self) -> &'static str {
        match self.object {
            Object::Namespace(_) => "Namespace",
            Object::Deployment(_) => "Deployment",
            Object::Service(_) => "Service",
            Object::HorizontalPodAutoscaler(_) => "HorizontalPodAutoscaler",
            Object::PodDisruptionBudget(_) => "PodDisruptionBudget",
            Object::NetworkPolicy(_) => "NetworkPolicy",
        }
    }

    pub fn metadata(&self) -> &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
        match &self.object {
            Object::Namespace(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
            Object::HorizontalPodAutoscaler(o) => &o.metadata,
            Object::PodDisruptionBudget(o) => &o.metadata,
            Object::NetworkPolicy(o) => &o.metadata,
        }
    }

    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or("")
    }

    /// `Kind/name`, as kubectl writes it.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind(), self.name())
    }
}

/// Largest file read: manifests are small; anything bigger is not one.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file, or every `.yml`/`.yaml` file below a folder (sorted). Problems become
/// findings; what parsed is returned.
pub fn load_path(path: &Path) -> (Vec<Manifest>, Vec<Finding>) {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    collect(path, &mut files, &mut findings);
    let mut manifests = Vec::new();
    for file in files {
        let (m, f) = load_file(&file);
        manifests.extend(m);
        findings.extend(f);
    }
    (manifests, findings)
}

fn collect(path: &Path, files: &mut Vec<PathBuf>, findings: &mut Vec<Finding>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                findings.push(file_error(path, format!("cannot read the folder: {e}")));
                return;
            }
        };
        entries.sort();
        for entry in entries {
            let yaml = entry.extension().is_some_and(|e| e == "yml" || e == "yaml");
            if entry.is_dir() || yaml {
                collect(&entry, files, findings);
            }
        }
    } else if path.exists() {
        files.push(path.to_owned());
    } else {
        findings.push(file_error(path, "no such file or folder".into()));
    }
}

fn file_error(path: &Path, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        file: path.display().to_string(),
        object: "-".into(),
        field: String::new(),
        message,
    }
}

/// Every YAML document of one file.
pub fn load_file(path: &Path) -> (Vec<Manifest>, Vec<Finding>) {
    let file = path.display().to_string();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return (
            vec![],
            vec![file_error(
                path,
                format!("{size} bytes is too large for a manifest"),
            )],
        );
    }
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return (
                vec![],
                vec![file_error(path, "not a text file (invalid UTF-8)".into())],
            );
        }
        Err(e) => {
            return (
                vec![],
                vec![file_error(path, format!("cannot read it: {e}"))],
            );
        }
    };
    let mut manifests = Vec::new();
    let mut findings = Vec::new();
    for (index, document) in yaml_serde::Deserializer::from_str(&text).enumerate() {
        let value = match Value::deserialize(document) {
            Ok(Value::Null) => continue,
            Ok(value) => value,
            Err(e) => {
                findings.push(Finding {
                    severity: Severity::Error,
                    file: file.clone(),
                    object: format!("document {}", index + 1),
                    field: String::new(),
                    message: format!("not valid YAML: {e}"),
                });
                // The parser cannot resynchronise after a syntax error.
                break;
            }
        };
        match parse_object(value) {
            Ok((object, unknown)) => {
                let manifest = Manifest {
                    file: file.clone(),
                    object,
                };
                for field in unknown {
                    findings.push(Finding {
                        severity: Severity::Error,
                        file: file.clone(),
                        object: manifest.id(),
                        field: field.clone(),
                        message: format!(
                            "unknown field `{}` (misspelled, or at the wrong indentation?); a cluster rejects it with --validate=strict, or silently ignores it",
                            field.rsplit('.').next().unwrap_or(&field)
                        ),
                    });
                }
                manifests.push(manifest);
            }
            Err((object, field, message)) => findings.push(Finding {
                severity: if message.starts_with("kind ") {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                file: file.clone(),
                object: object.unwrap_or_else(|| format!("document {}", index + 1)),
                field,
                message,
            }),
        }
    }
    (manifests, findings)
}

type ParseError = (Option<String>, String, String);

fn parse_object(value: Value) -> Result<(Object, Vec<String>), ParseError> {
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let api_version = value
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let name = value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .filter(|_| !kind.is_empty())
        .map(|n| format!("{kind}/{n}"));
    if !value.is_object() {
        return Err((
            None,
            String::new(),
            "a manifest must be a mapping with apiVersion, kind and metadata".into(),
        ));
    }
    if kind.is_empty() || api_version.is_empty() {
        let missing = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        return Err((name, missing.into(), format!("missing `{missing}`")));
    }
    let mut unknown = Vec::new();
    let object = match (api_version.as_str(), kind.as_str()) {
        ("v1", "Namespace") => Object::Namespace(Box::new(strict(value, &mut unknown, &name)?)),
        ("apps/v1", "Deployment") => {
            Object::Deployment(Box::new(strict(value, &mut unknown, &name)?))
        }
        ("v1", "Service") => Object::Service(Box::new(strict(value, &mut unknown, &name)?)),
        ("autoscaling/v2", "HorizontalPodAutoscaler") => {
            Object::HorizontalPodAutoscaler(Box::new(strict(value, &mut unknown, &name)?))
        }
        ("policy/v1", "PodDisruptionBudget") => {
            Object::PodDisruptionBudget(Box::new(strict(value, &mut unknown, &name)?))
        }
        ("networking.k8s.io/v1", "NetworkPolicy") => {
            Object::NetworkPolicy(Box::new(strict(value, &mut unknown, &name)?))
        }
        _ => {
            return Err((
                name,
                String::new(),
                format!("kind {kind} ({api_version}) is not checked by this tool"),
            ));
        }
    };
    Ok((object, unknown))
}

/// Deserialises into `T`, collecting every ignored (unknown) field's path and naming the
/// field of a type error.
fn strict<T: DeserializeOwned>(
    value: Value,
    unknown: &mut Vec<String>,
    name: &Option<String>,
) -> Result<T, ParseError> {
    let mut on_unknown =
        |path: serde_ignored::Path<'_>| unknown.push(bracket_indices(&path.to_string()));
    let ignored = serde_ignored::Deserializer::new(value, &mut on_unknown);
    serde_path_to_error::deserialize(ignored).map_err(|e| {
        let field = bracket_indices(&e.path().to_string());
        (name.clone(), field, e.into_inner().to_string())
    })
}

/// `spec.?.containers.?.0.image` -> `spec.containers[0].image` (`?` marks an Option).
fn bracket_indices(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.').filter(|p| *p != "?") {
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

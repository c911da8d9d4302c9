//! Reading manifests strictly: every document must parse into the Kubernetes API type of its
//! kind (k8s-openapi, Kubernetes 1.35), and - unlike k8s-openapi alone, which skips them -
//! an unknown or misspelled field is an error that names the field.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use k8s_openapi::{
    api::{
        apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet},
        autoscaling::v2::HorizontalPodAutoscaler,
        batch::v1::{CronJob, Job},
        core::v1::{ConfigMap, Namespace, Pod, PodSpec, Secret, Service, ServiceAccount},
        networking::v1::{Ingress, NetworkPolicy},
        policy::v1::PodDisruptionBudget,
    },
    apimachinery::pkg::apis::meta::v1::ObjectMeta,
    serde::de::DeserializeOwned,
};
use serde::Deserialize;
use serde_json::Value;

use crate::{
    findings::{Finding, Severity, at},
    kustomize,
};

/// Declares the kinds the checks understand: each with its API group version, its k8s-openapi
/// type, and how to reach its Pod template (for workloads).
macro_rules! kinds {
    ($($kind:ident = $api:literal, $ty:ty;)*) => {
        /// A parsed object of one of the kinds the checks understand.
        #[derive(Debug, Clone)]
        pub enum Object {
            $($kind(Box<$ty>),)*
        }

        impl Manifest {
            pub fn kind(&self) -> &'static str {
                match self.object { $(Object::$kind(_) => stringify!($kind),)* }
            }

            pub fn metadata(&self) -> &ObjectMeta {
                match &self.object { $(Object::$kind(o) => &o.metadata,)* }
            }
        }

        fn parse_known(api_version: &str, kind: &str, value: Value, unknown: &mut Vec<String>, name: &Option<String>)
            -> Option<Result<Object, ParseError>> {
            match (api_version, kind) {
                $(($api, stringify!($kind)) => Some(strict(value, unknown, name).map(|o| Object::$kind(Box::new(o)))),)*
                _ => None,
            }
        }
    };
}

kinds! {
    Namespace = "v1", Namespace;
    Deployment = "apps/v1", Deployment;
    StatefulSet = "apps/v1", StatefulSet;
    DaemonSet = "apps/v1", DaemonSet;
    ReplicaSet = "apps/v1", ReplicaSet;
    Job = "batch/v1", Job;
    CronJob = "batch/v1", CronJob;
    Pod = "v1", Pod;
    Service = "v1", Service;
    ConfigMap = "v1", ConfigMap;
    Secret = "v1", Secret;
    ServiceAccount = "v1", ServiceAccount;
    HorizontalPodAutoscaler = "autoscaling/v2", HorizontalPodAutoscaler;
    PodDisruptionBudget = "policy/v1", PodDisruptionBudget;
    NetworkPolicy = "networking.k8s.io/v1", NetworkPolicy;
    Ingress = "networking.k8s.io/v1", Ingress;
}

#[derive(Debug, Clone)]
pub struct Manifest {
    pub file: String,
    pub object: Object,
}

/// The Pods a workload makes: their labels and their spec.
pub struct PodTemplate<'a> {
    pub labels: Option<&'a BTreeMap<String, String>>,
    pub spec: &'a PodSpec,
    /// Where the template sits, e.g. `spec.template`.
    pub at: &'static str,
}

fn template<'a>(
    at: &'static str,
    meta: &'a Option<ObjectMeta>,
    spec: Option<&'a PodSpec>,
) -> Option<PodTemplate<'a>> {
    spec.map(|spec| PodTemplate {
        labels: meta.as_ref().and_then(|m| m.labels.as_ref()),
        spec,
        at,
    })
}

impl Manifest {
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or("")
    }

    /// `Kind/name`, as kubectl writes it.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind(), self.name())
    }

    /// The Pod template of a workload (Deployment, StatefulSet, ..., or a bare Pod).
    pub fn pod_template(&self) -> Option<PodTemplate<'_>> {
        match &self.object {
            Object::Deployment(o) => o.spec.as_ref().and_then(|s| {
                template(
                    "spec.template",
                    &s.template.metadata,
                    s.template.spec.as_ref(),
                )
            }),
            Object::StatefulSet(o) => o.spec.as_ref().and_then(|s| {
                template(
                    "spec.template",
                    &s.template.metadata,
                    s.template.spec.as_ref(),
                )
            }),
            Object::DaemonSet(o) => o.spec.as_ref().and_then(|s| {
                template(
                    "spec.template",
                    &s.template.metadata,
                    s.template.spec.as_ref(),
                )
            }),
            Object::ReplicaSet(o) => o
                .spec
                .as_ref()
                .and_then(|s| s.template.as_ref())
                .and_then(|t| template("spec.template", &t.metadata, t.spec.as_ref())),
            Object::Job(o) => o.spec.as_ref().and_then(|s| {
                template(
                    "spec.template",
                    &s.template.metadata,
                    s.template.spec.as_ref(),
                )
            }),
            Object::CronJob(o) => o
                .spec
                .as_ref()
                .and_then(|s| s.job_template.spec.as_ref())
                .and_then(|s| {
                    template(
                        "spec.jobTemplate.spec.template",
                        &s.template.metadata,
                        s.template.spec.as_ref(),
                    )
                }),
            Object::Pod(o) => o.spec.as_ref().map(|spec| PodTemplate {
                labels: o.metadata.labels.as_ref(),
                spec,
                at: "",
            }),
            _ => None,
        }
    }

    /// A workload's `spec.selector.matchLabels`, for the kinds that must have one.
    pub fn match_labels(&self) -> Option<Option<&BTreeMap<String, String>>> {
        match &self.object {
            Object::Deployment(o) => o.spec.as_ref().map(|s| s.selector.match_labels.as_ref()),
            Object::StatefulSet(o) => o.spec.as_ref().map(|s| s.selector.match_labels.as_ref()),
            Object::DaemonSet(o) => o.spec.as_ref().map(|s| s.selector.match_labels.as_ref()),
            Object::ReplicaSet(o) => o.spec.as_ref().map(|s| s.selector.match_labels.as_ref()),
            _ => None,
        }
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
    // A folder with a kustomization is what `kubectl apply -k` sends, not its files one by one.
    if let Some(kustomization) = path.is_dir().then(|| kustomize::file_in(path)).flatten() {
        files.push(kustomization);
    } else if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                findings.push(file_error(
                    path,
                    crate::t!("manifest-folder-unreadable", error = e.to_string()),
                ));
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
    } else if path.is_file() {
        files.push(path.to_owned());
    } else if path.exists() {
        findings.push(file_error(path, crate::t!("manifest-not-regular")));
    } else {
        findings.push(file_error(path, crate::t!("manifest-no-such-path")));
    }
}

fn file_error(path: &Path, message: String) -> Finding {
    Finding::in_manifest(
        Severity::Error,
        at(&path.display().to_string(), "-", ""),
        message,
    )
}

/// Every YAML document of one file, each read as a manifest (a kustomization file: the
/// objects it renders).
pub fn load_file(path: &Path) -> (Vec<Manifest>, Vec<Finding>) {
    if kustomize::is_kustomization_file(path) {
        return load_kustomization(path);
    }
    let (documents, mut findings) = read_documents(path);
    let mut manifests = Vec::new();
    for (index, value) in documents {
        parse_document(path, index, value, &mut manifests, &mut findings);
    }
    (manifests, findings)
}

/// One file as the doctor reads it: the manifests to apply, and the objects as a cluster
/// reported them (`kubectl get ... -o yaml`: a `kind: List` whose items carry their uid and
/// status), which are a snapshot of live state to diagnose, not manifests to check.
pub fn load_file_or_reported(path: &Path) -> (Vec<Manifest>, Vec<Finding>, Vec<Value>) {
    if kustomize::is_kustomization_file(path) {
        let (manifests, findings) = load_kustomization(path);
        return (manifests, findings, Vec::new());
    }
    let (documents, mut findings) = read_documents(path);
    let mut manifests = Vec::new();
    let mut reported = Vec::new();
    for (index, value) in documents {
        if is_reported(&value) {
            reported.extend(list_items(value));
        } else {
            parse_document(path, index, value, &mut manifests, &mut findings);
        }
    }
    (manifests, findings, reported)
}

/// The objects a kustomization file's folder renders (`kubectl apply -k`), each named by the
/// file that last shaped it: the patch that changed it, or the resource it was read from.
fn load_kustomization(path: &Path) -> (Vec<Manifest>, Vec<Finding>) {
    let folder = path.parent().unwrap_or(Path::new("."));
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    match kustomize::render(folder) {
        Ok(objects) => {
            let mut manifests = Vec::new();
            let mut findings = Vec::new();
            for (index, object) in objects.into_iter().enumerate() {
                let file = object.file().to_owned();
                parse_document(&file, index, object.value, &mut manifests, &mut findings);
            }
            (manifests, findings)
        }
        Err(message) => (vec![], vec![file_error(path, message)]),
    }
}

/// Whether a YAML document is what a cluster reported rather than a manifest: an object with a
/// `metadata.uid` (the API server gives every object one) or a status with something in it, or
/// a `kind: List` of such objects. `kubectl create --dry-run=client -o yaml` writes manifests
/// with an empty `status: {}` (or `status: {loadBalancer: {}}`): those stay manifests.
pub fn is_reported(value: &Value) -> bool {
    fn says_something(value: &Value) -> bool {
        match value {
            Value::String(s) => !s.is_empty(),
            Value::Bool(b) => *b,
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => o.values().any(says_something),
            // desiredReplicas: 0 and the like are defaults, not news.
            Value::Number(_) | Value::Null => false,
        }
    }
    let object = |o: &Value| {
        o.pointer("/metadata/uid").is_some_and(|u| !u.is_null())
            || o.get("status").is_some_and(says_something)
    };
    match value.get("kind").and_then(Value::as_str) {
        Some("List") => value
            .get("items")
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(object)),
        _ => object(value),
    }
}

/// `kind: List` (what `kubectl get -o yaml` writes) holds its objects in `items`.
fn list_items(value: Value) -> Vec<Value> {
    match value.get("kind").and_then(Value::as_str) {
        Some("List") => value
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => vec![value],
    }
}

/// The YAML documents of a file (with their 0-based index), empty ones skipped; problems
/// reading it become findings.
fn read_documents(path: &Path) -> (Vec<(usize, Value)>, Vec<Finding>) {
    let file = path.display().to_string();
    // Read at most one byte past the limit: a device or a pipe reports no size.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
    });
    if read.is_ok() && bytes.len() as u64 > MAX_FILE_BYTES {
        let message = crate::t!("manifest-too-large", bytes = MAX_FILE_BYTES.to_string());
        return (vec![], vec![file_error(path, message)]);
    }
    let text = match read.map(|_| String::from_utf8(bytes)) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return (
                vec![],
                vec![file_error(path, crate::t!("manifest-not-text"))],
            );
        }
        Err(e) => {
            return (
                vec![],
                vec![file_error(
                    path,
                    crate::t!("manifest-unreadable", error = e.to_string()),
                )],
            );
        }
    };
    let mut documents = Vec::new();
    let mut findings = Vec::new();
    for (index, document) in yaml_serde::Deserializer::from_str(&text).enumerate() {
        match Value::deserialize(document) {
            Ok(Value::Null) => continue,
            Ok(value) => documents.push((index, value)),
            Err(e) => {
                findings.push(Finding::in_manifest(
                    Severity::Error,
                    at(&file, &document_name(index), ""),
                    crate::t!("manifest-invalid-yaml", error = e.to_string()),
                ));
                // The parser cannot resynchronise after a syntax error.
                break;
            }
        }
    }
    (documents, findings)
}

/// The manifests of one YAML document (several for a `kind: List`).
fn parse_document(
    path: &Path,
    index: usize,
    value: Value,
    manifests: &mut Vec<Manifest>,
    findings: &mut Vec<Finding>,
) {
    let file = path.display().to_string();
    for value in list_items(value) {
        match parse_object(value) {
            Ok((object, unknown)) => {
                let manifest = Manifest {
                    file: file.clone(),
                    object,
                };
                for field in unknown {
                    findings.push(Finding::in_manifest(
                        Severity::Error,
                        at(&file, &manifest.id(), &field),
                        crate::t!(
                            "manifest-unknown-field",
                            field = field.rsplit('.').next().unwrap_or(&field)
                        ),
                    ));
                }
                manifests.push(manifest);
            }
            Err((object, field, message, severity)) => findings.push(Finding::in_manifest(
                severity,
                at(
                    &file,
                    &object.unwrap_or_else(|| document_name(index)),
                    &field,
                ),
                message,
            )),
        }
    }
}

/// What could not be read: the object (`Kind/name`, when known), the field, the message, and
/// how bad it is (a kind this tool does not check is a warning; everything else an error).
type ParseError = (Option<String>, String, String, Severity);

/// A YAML document without a name of its own, by its place in the file (`document 2`).
fn document_name(index: usize) -> String {
    crate::t!("manifest-document", number = (index + 1).to_string())
}

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
            crate::t!("manifest-not-mapping"),
            Severity::Error,
        ));
    }
    if kind.is_empty() || api_version.is_empty() {
        let missing = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        return Err((
            name,
            missing.into(),
            crate::t!("manifest-missing", field = missing),
            Severity::Error,
        ));
    }
    if let Some(message) = crate::lint::removed_api::no_extensions_v1beta(&api_version) {
        return Err((name, "apiVersion".into(), message, Severity::Error));
    }
    let mut unknown = Vec::new();
    let object = match parse_known(&api_version, &kind, value, &mut unknown, &name) {
        Some(result) => result?,
        None => {
            return Err((
                name,
                String::new(),
                crate::t!(
                    "manifest-kind-unchecked",
                    kind = kind.as_str(),
                    api_version = api_version.as_str()
                ),
                Severity::Warning,
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
        (
            name.clone(),
            field,
            e.into_inner().to_string(),
            Severity::Error,
        )
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

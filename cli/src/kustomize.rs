//! What `kubectl apply -k DIR` (kubectl's built-in kustomize) would send, for the small part of
//! kustomize the workbook uses - enough to read the troubleshooting lab's overlays without a
//! kustomize binary, which this project cannot install:
//!
//! - `resources:` files in or below the kustomization's folder, and folders (in it or
//!   anywhere else) that hold a kustomization of their own - kustomize's load restriction
//!   (`LoadRestrictionsRootOnly`, its default);
//! - `patches:` JSON 6902 patches (a file, `path:`, or inline, `patch:`) with a `target:`
//!   naming the kind and name (and optionally group, version, namespace) of one object,
//!   applied by the `json-patch` crate.
//!
//! Anything else a kustomization may say (`namePrefix`, `images`, strategic-merge patches,
//! a target's `labelSelector`, remote resources...) is refused with the field's name, never
//! ignored: a renderer that skipped a field would show objects kustomize would not make.
//! The fields are kustomize's, as kubectl.docs.kubernetes.io/references/kustomize documents
//! them (`kustomize.config.k8s.io/v1beta1`).
//!
//! It reads nothing of the rest of the CLI: the manifest reader ([`crate::manifests`]), the
//! doctor, `workbook trouble` and the tests all call it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// The names kustomize looks for in a folder, in its order.
pub const FILE_NAMES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// The kustomization file of a folder, if it has one.
pub fn file_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|file| file.is_file())
}

/// Whether `path` is named as a kustomization file is.
pub fn is_kustomization_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| FILE_NAMES.iter().any(|n| name == *n))
}

/// One object of the output, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The object, as kustomize would send it.
    pub value: Value,
    /// The resource file it was read from.
    pub origin: PathBuf,
    /// The patch files (or kustomization files, for an inline patch) that changed it, in order.
    pub patched_by: Vec<PathBuf>,
}

impl Rendered {
    /// Where the object got its last change: the last patch, or else the file it was read from.
    /// A finding about the object is most likely there.
    pub fn file(&self) -> &Path {
        self.patched_by.last().unwrap_or(&self.origin)
    }

    /// `Kind/name`, as kubectl writes it.
    pub fn id(&self) -> String {
        format!(
            "{}/{}",
            self.value["kind"].as_str().unwrap_or_default(),
            self.value["metadata"]["name"].as_str().unwrap_or_default()
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Kustomization {
    api_version: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    resources: Vec<String>,
    #[serde(default)]
    patches: Vec<Patch>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Patch {
    path: Option<String>,
    patch: Option<String>,
    target: Option<Target>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    group: Option<String>,
    version: Option<String>,
    kind: Option<String>,
    name: Option<String>,
    namespace: Option<String>,
}

const API_VERSION: &str = "kustomize.config.k8s.io/v1beta1";
/// Kustomizations within kustomizations, at most: more is a loop.
const MAX_DEPTH: usize = 16;

/// The objects the kustomization in `dir` makes, in the order of its resources; or what is
/// wrong with it, naming the file and the field.
pub fn render(dir: &Path) -> Result<Vec<Rendered>, String> {
    render_at(dir, 0)
}

fn render_at(dir: &Path, depth: usize) -> Result<Vec<Rendered>, String> {
    let file = file_in(dir).ok_or_else(|| {
        format!(
            "{}: no kustomization.yaml, kustomization.yml or Kustomization in the folder",
            dir.display()
        )
    })?;
    if depth > MAX_DEPTH {
        return Err(format!(
            "{}: more than {MAX_DEPTH} kustomizations deep (do two include each other?)",
            file.display()
        ));
    }
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{shown}: {e}"))?;
    let kustomization: Kustomization = yaml_serde::from_str(&text).map_err(|e| {
        format!("{shown}: {e} (this renderer supports apiVersion, kind, resources and patches)")
    })?;
    if let Some(v) = kustomization
        .api_version
        .as_deref()
        .filter(|v| *v != API_VERSION)
    {
        return Err(format!("{shown}: apiVersion: {v} is not {API_VERSION}"));
    }
    if let Some(k) = kustomization
        .kind
        .as_deref()
        .filter(|k| *k != "Kustomization")
    {
        return Err(format!("{shown}: kind: {k} is not Kustomization"));
    }
    let root = dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", dir.display()))?;

    let mut objects: Vec<Rendered> = Vec::new();
    for (i, resource) in kustomization.resources.iter().enumerate() {
        let field = format!("resources[{i}]");
        if resource.contains("://") || resource.starts_with("github.com/") {
            return Err(format!(
                "{shown}: {field}: {resource}: remote resources are not supported by this renderer"
            ));
        }
        let path = tidy(&dir.join(resource));
        let added = if path.is_dir() {
            if file_in(&path).is_none() {
                return Err(format!(
                    "{shown}: {field}: {resource} is a folder without a kustomization.yaml of its own"
                ));
            }
            render_at(&path, depth + 1)?
        } else if path.is_file() {
            inside(&root, &path, &shown, &field, resource)?;
            read_objects(&path)?
                .into_iter()
                .map(|value| Rendered {
                    value,
                    origin: path.clone(),
                    patched_by: Vec::new(),
                })
                .collect()
        } else {
            return Err(format!(
                "{shown}: {field}: {resource}: no such file or folder"
            ));
        };
        for object in added {
            if let Some(other) = objects.iter().find(|o| same_id(&o.value, &object.value)) {
                return Err(format!(
                    "{shown}: {field}: {} from {} is already there, from {}: kustomize refuses an object twice",
                    object.id(),
                    object.origin.display(),
                    other.origin.display()
                ));
            }
            objects.push(object);
        }
    }

    for (i, patch) in kustomization.patches.iter().enumerate() {
        let field = format!("patches[{i}]");
        let (text, from) = match (&patch.path, &patch.patch) {
            (Some(path), None) => {
                let file = tidy(&dir.join(path));
                inside(&root, &file, &shown, &format!("{field}.path"), path)?;
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("{shown}: {field}.path: {path}: {e}"))?;
                (text, file)
            }
            (None, Some(inline)) => (inline.clone(), file.clone()),
            _ => {
                return Err(format!(
                    "{shown}: {field}: give either `path` or `patch`, one of them"
                ));
            }
        };
        let from_shown = from.display().to_string();
        let operations: Value = yaml_serde::from_str(&text)
            .map_err(|e| format!("{from_shown}: not valid YAML: {e}"))?;
        if !operations.is_array() {
            return Err(format!(
                "{from_shown}: a strategic-merge patch (a mapping) is not supported by this renderer: write a JSON 6902 patch, a list of `op`s"
            ));
        }
        let operations: json_patch::Patch = serde_json::from_value(operations)
            .map_err(|e| format!("{from_shown}: not a JSON 6902 patch: {e}"))?;
        let target = patch
            .target
            .as_ref()
            .ok_or_else(|| format!("{shown}: {field}: a JSON 6902 patch needs a `target`"))?;
        if let Some(name) = target
            .name
            .as_deref()
            .filter(|n| n.contains(|c: char| "^$.*+?()[]{}|\\".contains(c)))
        {
            return Err(format!(
                "{shown}: {field}.target.name: {name}: a regular expression is not supported by this renderer; name one object"
            ));
        }
        let mut matched = 0;
        for object in objects.iter_mut().filter(|o| selects(target, &o.value)) {
            json_patch::patch(&mut object.value, &operations).map_err(|e| {
                format!(
                    "{from_shown}: on {} (from {}): {e}",
                    object_id(&object.value),
                    object.origin.display()
                )
            })?;
            object.patched_by.push(from.clone());
            matched += 1;
        }
        if matched == 0 {
            return Err(format!(
                "{shown}: {field}.target selects no object of the resources"
            ));
        }
    }
    Ok(objects)
}

/// `a/b/../c` as `a/c`, so that a file is named as a reader would (no symbolic links are
/// followed: that is [`inside`]'s business).
fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// kustomize's load restriction: a file must be in or below the kustomization's folder.
fn inside(root: &Path, file: &Path, shown: &str, field: &str, given: &str) -> Result<(), String> {
    let real = file
        .canonicalize()
        .map_err(|e| format!("{shown}: {field}: {given}: {e}"))?;
    if real.starts_with(root) {
        Ok(())
    } else {
        Err(format!(
            "{shown}: {field}: {given}: security; file '{}' is not in or below '{}' (kustomize's load restriction: share a file through a folder with its own kustomization.yaml)",
            real.display(),
            root.display()
        ))
    }
}

/// The YAML documents of a resource file, empty ones skipped.
fn read_objects(path: &Path) -> Result<Vec<Value>, String> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let mut out = Vec::new();
    for (i, document) in yaml_serde::Deserializer::from_str(&text).enumerate() {
        match Value::deserialize(document) {
            Ok(Value::Null) => {}
            Ok(value) if value.is_object() => out.push(value),
            Ok(_) => return Err(format!("{shown}: document {}: not a mapping", i + 1)),
            Err(e) => return Err(format!("{shown}: not valid YAML: {e}")),
        }
    }
    Ok(out)
}

fn object_id(value: &Value) -> String {
    format!(
        "{}/{}",
        value["kind"].as_str().unwrap_or_default(),
        value["metadata"]["name"].as_str().unwrap_or_default()
    )
}

/// `(group, version)` of an apiVersion: `apps/v1` -> (apps, v1), `v1` -> ("", v1).
fn group_version(value: &Value) -> (&str, &str) {
    let api = value["apiVersion"].as_str().unwrap_or_default();
    api.split_once('/').unwrap_or(("", api))
}

/// kustomize's resource id: group, kind, namespace and name (not the version).
fn same_id(a: &Value, b: &Value) -> bool {
    let id = |v: &Value| {
        (
            group_version(v).0.to_owned(),
            v["kind"].clone(),
            v["metadata"]["namespace"].clone(),
            v["metadata"]["name"].clone(),
        )
    };
    id(a) == id(b)
}

fn selects(target: &Target, value: &Value) -> bool {
    let (group, version) = group_version(value);
    let is = |wanted: &Option<String>, actual: &str| wanted.as_deref().is_none_or(|w| w == actual);
    is(&target.group, group)
        && is(&target.version, version)
        && is(&target.kind, value["kind"].as_str().unwrap_or_default())
        && is(
            &target.name,
            value["metadata"]["name"].as_str().unwrap_or_default(),
        )
        && is(
            &target.namespace,
            value["metadata"]["namespace"].as_str().unwrap_or_default(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("workbook-kustomize-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    const SERVICE: &str =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";

    #[test]
    fn a_json_patch_on_a_base_folder_changes_its_target_only() {
        let dir = folder(
            "patch",
            &[
                (
                    "base/kustomization.yaml",
                    "resources:\n  - service.yml\n  - other.yml\n",
                ),
                ("base/service.yml", SERVICE),
                (
                    "base/other.yml",
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n",
                ),
                (
                    "overlay/kustomization.yaml",
                    "resources:\n  - ../base\npatches:\n  - path: port.yaml\n    target:\n      kind: Service\n      name: web\n",
                ),
                (
                    "overlay/port.yaml",
                    "# a comment\n- op: replace\n  path: /spec/ports/0/port\n  value: 8080\n",
                ),
            ],
        );
        let objects = render(&dir.join("overlay")).unwrap();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0].value["spec"]["ports"][0]["port"], 8080);
        assert_eq!(objects[0].file(), dir.join("overlay/port.yaml"));
        assert_eq!(objects[1].file(), dir.join("base/other.yml"));
    }

    #[test]
    fn what_it_does_not_support_or_kustomize_refuses_is_an_error_naming_the_field() {
        let cases = [
            ("namePrefix: x-\nresources: []\n", "namePrefix"),
            ("resources:\n  - ../outside.yml\n", "is not in or below"),
            ("resources:\n  - base\n", "without a kustomization.yaml"),
            (
                "resources:\n  - https://example.com/x\n",
                "remote resources",
            ),
            (
                "resources:\n  - s.yml\npatches:\n  - path: p.yaml\n    target:\n      kind: Service\n      labelSelector: a=b\n",
                "labelSelector",
            ),
            (
                "resources:\n  - s.yml\npatches:\n  - path: smp.yaml\n",
                "strategic-merge",
            ),
            (
                "resources:\n  - s.yml\npatches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n",
                "selects no object",
            ),
            ("resources:\n  - s.yml\n  - s.yml\n", "already there"),
        ];
        for (i, (kustomization, expected)) in cases.iter().enumerate() {
            let dir = folder(
                &format!("bad-{i}"),
                &[
                    ("k/kustomization.yaml", kustomization),
                    ("k/s.yml", SERVICE),
                    ("k/base/s.yml", SERVICE),
                    ("k/p.yaml", "- op: remove\n  path: /spec\n"),
                    ("k/smp.yaml", "kind: Service\n"),
                    ("outside.yml", SERVICE),
                ],
            );
            let error = render(&dir.join("k")).unwrap_err();
            assert!(error.contains(expected), "{kustomization}: {error}");
        }
    }
}

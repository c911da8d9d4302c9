//! A Kubernetes case's variant as the plain manifests a learner fixes: the lab keeps each variant
//! as a kustomize overlay of lesson 4's manifests (a patch is the case's one mistake), but an
//! exercise is about the manifests, not about the patch. So `trouble start` writes what
//! `kubectl kustomize VARIANT` renders, one file per file of the resources: a file no patch
//! touched is copied as it is, comments and all; a patched one is written from the rendered
//! objects, in the order of the original's fields, under a comment saying where it came from.

use std::{fs, path::Path};

use serde_json::Value as Json;
use yaml_serde::{Mapping, Value as Yaml};

use crate::kustomize::{self, Rendered};

use super::paths::shown;

/// Writes the objects the kustomization in `variant` renders into `to`, one file per resource
/// file (by its name); returns the names written, sorted.
pub fn write_plain(variant: &Path, to: &Path) -> Result<Vec<String>, String> {
    let objects = kustomize::render(variant)?;
    // The resource files, in the order their first object comes.
    let mut files: Vec<(String, Vec<&Rendered>)> = Vec::new();
    for object in &objects {
        let name = object
            .origin
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some((_, group)) if group[0].origin == object.origin => group.push(object),
            Some(_) => {
                return Err(format!(
                    "{}: two resource files are named {name}: an exercise folder holds one",
                    variant.display()
                ));
            }
            None => files.push((name, vec![object])),
        }
    }
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for (name, group) in &files {
        let target = to.join(name);
        let origin = &group[0].origin;
        let written = if group.iter().all(|o| o.patched_by.is_empty()) {
            fs::copy(origin, &target).map(|_| ())
        } else {
            fs::write(&target, patched_file(variant, origin, group)?)
        };
        written.map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let mut names: Vec<String> = files.into_iter().map(|(name, _)| name).collect();
    names.sort();
    Ok(names)
}

/// A patched resource file: its objects as rendered, each field where the original has it.
fn patched_file(variant: &Path, origin: &Path, group: &[&Rendered]) -> Result<String, String> {
    let text = fs::read_to_string(origin).map_err(|e| format!("{}: {e}", origin.display()))?;
    let originals: Vec<Yaml> = yaml_serde::Deserializer::from_str(&text)
        .filter_map(|d| serde::Deserialize::deserialize(d).ok())
        .filter(|v: &Yaml| !v.is_null())
        .collect();
    let mut out = format!(
        "# {}, with the case's mistake in it: what `kubectl kustomize {}` prints.\n",
        shown(origin),
        shown(variant)
    );
    for (i, object) in group.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        let yaml = yaml_serde::to_string(&ordered(&object.value, originals.get(i)))
            .map_err(|e| e.to_string())?;
        out.push_str(&yaml);
    }
    Ok(out)
}

/// `value` as YAML, each mapping's keys in the order `original` has them (new keys after).
fn ordered(value: &Json, original: Option<&Yaml>) -> Yaml {
    match value {
        Json::Object(map) => {
            let before = original.and_then(Yaml::as_mapping);
            let mut keys: Vec<&String> = before
                .into_iter()
                .flat_map(|m| m.keys())
                .filter_map(Yaml::as_str)
                .filter_map(|k| map.get_key_value(k).map(|(k, _)| k))
                .collect();
            keys.extend(map.keys().filter(|k| !keys.contains(k)).collect::<Vec<_>>());
            let mut out = Mapping::new();
            for key in keys {
                let inner = before.and_then(|m| m.get(key.as_str()));
                out.insert(Yaml::String(key.clone()), ordered(&map[key], inner));
            }
            Yaml::Mapping(out)
        }
        Json::Array(items) => {
            let before = original.and_then(Yaml::as_sequence);
            Yaml::Sequence(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| ordered(item, before.and_then(|s| s.get(i))))
                    .collect(),
            )
        }
        other => yaml_serde::to_value(other).unwrap_or(Yaml::Null),
    }
}

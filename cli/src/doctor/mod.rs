//! `workbook doctor PATH...`: names the mistakes of the troubleshooting chapter in a learner's
//! own files - Dockerfiles, Kubernetes manifests - and in the local images the manifests run,
//! each in plain words, with the fix and the chapter to read. What a cluster reports
//! (`kubectl get ... -o yaml` in a file, or the cluster itself with `--cluster`) is diagnosed
//! by `live.rs` in the same words.
//!
//! One file a concern: `context` (what the doctor knows besides the manifests: Dockerfiles
//! and local images), `dockerfiles` (the Dockerfile rules), `workloads` (the rules on
//! manifests that check-manifests does not have), `images` (the local images the manifests
//! run). The live objects are `live`'s.

mod context;
mod dockerfiles;
mod images;
mod workloads;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use crate::{
    Expectations, Severity,
    app::LocalImage,
    check, kustomize,
    live::{self, Live},
    manifests::load_file_or_reported,
    t,
};

pub use crate::findings::{Finding, Read, read};
pub use context::Context;
use context::unreadable;
pub use dockerfiles::examine_dockerfile;
use dockerfiles::{diagnose_dockerfile, read_dockerfile};
use images::{examine_image, host_docker, image_location};
pub use workloads::examine_manifests;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Do not ask Docker about the images the manifests run.
    pub no_docker: bool,
    /// Local images to look at as well (`--image IMAGE`).
    pub images: Vec<String>,
}

/// What one run of the doctor found.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub dockerfiles: usize,
    pub manifests: usize,
    pub images: usize,
    /// Objects as a cluster reported them (a `kubectl get -o yaml` file, or `--cluster`).
    pub live: usize,
    /// Said once when Docker was wanted and does not answer.
    pub notes: Vec<String>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

pub fn examine(paths: &[PathBuf], options: &Options) -> Report {
    let mut report = Report::default();
    let mut dockerfiles = Vec::new();
    // Manifests are cross-checked with the others of their folder.
    let mut folders: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in paths {
        collect(path, true, &mut dockerfiles, &mut folders, &mut report);
    }
    // The Dockerfiles, kept: they say what the images the learner builds hold.
    let mut parsed = Vec::new();
    for file in &dockerfiles {
        report.dockerfiles += 1;
        let location = file.display().to_string();
        match read_dockerfile(file) {
            Ok(dockerfile) => {
                report
                    .findings
                    .extend(diagnose_dockerfile(&location, &dockerfile));
                parsed.push((location, dockerfile));
            }
            Err(diagnosis) => report.findings.push(diagnosis),
        }
    }
    // Each folder's manifests, and what a cluster reported in its files.
    let mut sets = Vec::new();
    let mut images: BTreeMap<(String, String, String), Option<String>> = BTreeMap::new();
    for files in folders.values() {
        let mut manifests = Vec::new();
        let mut said = Vec::new();
        let mut findings = Vec::new();
        for file in files {
            let (m, f, reported) = load_file_or_reported(file);
            manifests.extend(m);
            findings.extend(f);
            if !reported.is_empty() {
                let location = file.display().to_string();
                let (objects, problems) = Live::from_values(&location, reported);
                said.extend(problems);
                said.extend(live::diagnose(&location, &objects));
                report.live += objects.len();
            }
        }
        findings.extend(check(&manifests, &Expectations::default()));
        said.extend(findings);
        report.manifests += manifests.len();
        for manifest in &manifests {
            if let Some(template) = manifest.pod_template() {
                for container in &template.spec.containers {
                    if let Some(image) = container.image.clone() {
                        images.insert(
                            (image, manifest.file.clone(), manifest.id()),
                            container.image_pull_policy.clone(),
                        );
                    }
                }
            }
        }
        sets.push((manifests, said));
    }
    for image in &options.images {
        images.insert((image.clone(), "--image".into(), image.clone()), None);
    }
    // This machine's Docker, asked once per image.
    let host = if options.no_docker || images.is_empty() {
        None
    } else {
        let host = host_docker();
        if host.is_none() {
            report.notes.push(t!("doctor-no-docker"));
        }
        host
    };
    let mut local = BTreeMap::new();
    if host.is_some() {
        for (image, _, _) in images.keys() {
            if !local.contains_key(image) {
                local.insert(image.clone(), LocalImage::inspect(image));
            }
        }
    }
    let context = Context {
        dockerfiles: &parsed,
        local: &local,
    };
    for (manifests, said) in sets {
        report.findings.extend(said);
        report
            .findings
            .extend(examine_manifests(&manifests, &context));
    }
    if let Some(host) = &host {
        for ((image, file, id), policy) in &images {
            report.images += 1;
            let found = local.get(image).and_then(Option::as_ref);
            report.findings.extend(examine_image(
                image,
                policy.as_deref(),
                file == "--image",
                &image_location(file, id),
                found,
                host,
            ));
        }
    }
    report
}

fn is_dockerfile(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    (name.starts_with("dockerfile") || name.ends_with(".dockerfile"))
        && !name.ends_with(".dockerignore")
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yml" || e == "yaml")
}

fn collect(
    path: &Path,
    given: bool,
    dockerfiles: &mut Vec<PathBuf>,
    folders: &mut BTreeMap<PathBuf, Vec<PathBuf>>,
    report: &mut Report,
) {
    let location = path.display().to_string();
    // A folder with a kustomization: the objects `kubectl apply -k` would send, as one set.
    if let Some(kustomization) = path.is_dir().then(|| kustomize::file_in(path)).flatten() {
        folders
            .entry(path.to_owned())
            .or_default()
            .push(kustomization);
    } else if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                report.findings.push(unreadable(
                    location,
                    t!("doctor-cannot-read-folder", error = e.to_string()),
                ));
                return;
            }
        };
        entries.sort();
        for entry in entries {
            let name = entry.file_name().unwrap_or_default().to_string_lossy();
            if entry.is_dir()
                && (name.starts_with('.') || name == "target" || name == "node_modules")
            {
                continue;
            }
            if entry.is_dir() || is_dockerfile(&entry) || is_yaml(&entry) {
                collect(&entry, false, dockerfiles, folders, report);
            }
        }
    } else if path.is_file() {
        if is_dockerfile(path) {
            dockerfiles.push(path.to_owned());
        } else if is_yaml(path) {
            let folder = path.parent().unwrap_or(Path::new("")).to_owned();
            folders.entry(folder).or_default().push(path.to_owned());
        } else if given {
            report
                .findings
                .push(unreadable(location, t!("doctor-neither")));
        }
    } else if path.exists() {
        report
            .findings
            .push(unreadable(location, t!("doctor-not-regular")));
    } else {
        report
            .findings
            .push(unreadable(location, t!("doctor-no-such-file")));
    }
}

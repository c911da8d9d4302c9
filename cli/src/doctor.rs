//! `workbook doctor PATH...`: names the mistakes of the troubleshooting chapter in a learner's
//! own files - Dockerfiles, Kubernetes manifests - and in the local images the manifests run,
//! each in plain words, with the fix and the chapter to read. What a cluster reports
//! (`kubectl get ... -o yaml` in a file, or the cluster itself with `--cluster`) is diagnosed
//! by `live.rs` in the same words.

use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
    process::Command as Process,
};

use k8s_openapi::{
    api::{
        core::v1::{Container, ServicePort},
        networking::v1::NetworkPolicy,
    },
    apimachinery::pkg::util::intstr::IntOrString,
};

use crate::{
    Expectations, Severity,
    app::{Holds, LocalImage, Origin, is_workbook_image, provides},
    check,
    dockerfile::{self, Command, Dockerfile},
    live::{self, Live},
    manifests::{Manifest, Object, load_file_or_reported},
};

/// One problem: where, what happens because of it, what to do, what to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub severity: Severity,
    /// `file:line`, or `file: Kind/name: field`, or an image.
    pub location: String,
    pub problem: String,
    pub fix: String,
    pub read: &'static str,
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {}: {}",
            self.severity.word(),
            self.location,
            self.problem
        )?;
        writeln!(f, "  fix: {}", self.fix)?;
        write!(f, "  read: {}", self.read)
    }
}

/// The chapter sections the diagnoses point to.
pub mod read {
    pub const ORT: &str = "Troubleshooting, Docker case 01: the ONNX Runtime library is missing (book/src/05-troubleshooting/docker.md)";
    pub const MODEL: &str = "Troubleshooting, Docker case 02: the model file is not in the image (book/src/05-troubleshooting/docker.md)";
    pub const ENTRYPOINT: &str = "Troubleshooting, Docker case 03: the wrong entrypoint (book/src/05-troubleshooting/docker.md)";
    pub const LOCALHOST: &str = "Troubleshooting, Docker case 04: listening on 127.0.0.1 inside the container (book/src/05-troubleshooting/docker.md)";
    pub const PORT: &str =
        "Troubleshooting, Docker case 05: the wrong port (book/src/05-troubleshooting/docker.md)";
    pub const SIZE: &str = "Troubleshooting, Docker case 06: the image is too large (book/src/05-troubleshooting/docker.md)";
    pub const ARCH: &str = "Troubleshooting, Docker case 07: exec format error (book/src/05-troubleshooting/docker.md)";
    pub const BASE: &str = "The Dockerfile, built right (book/src/02-small-image/README.md)";
    pub const PROBES: &str = "Troubleshooting, Kubernetes case 08: the HEALTHCHECK Kubernetes ignores (book/src/05-troubleshooting/kubernetes.md)";
    pub const IMAGE_PULL: &str = "Troubleshooting, Kubernetes case 09: ImagePullBackOff and ErrImageNeverPull (book/src/05-troubleshooting/kubernetes.md)";
    pub const CRASH_LOOP: &str = "Troubleshooting, Kubernetes case 10: CrashLoopBackOff (book/src/05-troubleshooting/kubernetes.md)";
    pub const SELECTOR: &str = "Troubleshooting, Kubernetes case 11: the Service selects no Pods (book/src/05-troubleshooting/kubernetes.md)";
    pub const TARGET_PORT: &str = "Troubleshooting, Kubernetes case 12: the wrong targetPort (book/src/05-troubleshooting/kubernetes.md)";
    pub const NETWORK_POLICY: &str = "Troubleshooting, Kubernetes case 13: a NetworkPolicy blocks the port (book/src/05-troubleshooting/kubernetes.md)";
    pub const HPA: &str = "Troubleshooting, Kubernetes case 14: the HPA shows <unknown> (book/src/05-troubleshooting/kubernetes.md)";
    pub const MANIFESTS: &str =
        "kubectl and manifests (book/src/04-kubernetes-basics/kubectl-and-manifests.md)";
    pub const LIVE: &str = "Troubleshooting, Kubernetes cases: ask the doctor about a running cluster (book/src/05-troubleshooting/kubernetes.md)";
}

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
    pub diagnoses: Vec<Diagnosis>,
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
        self.diagnoses
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Largest Dockerfile read.
const MAX_DOCKERFILE_BYTES: u64 = 1024 * 1024;

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
                    .diagnoses
                    .extend(diagnose_dockerfile(&location, &dockerfile));
                parsed.push((location, dockerfile));
            }
            Err(diagnosis) => report.diagnoses.push(diagnosis),
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
        said.extend(findings.into_iter().map(|f| manifest_diagnosis(&f)));
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
            report.notes.push(
                "Docker does not answer: the images the manifests run were not looked at".into(),
            );
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
        report.diagnoses.extend(said);
        report
            .diagnoses
            .extend(examine_manifests(&manifests, &context));
    }
    if let Some(host) = &host {
        for ((image, file, id), policy) in &images {
            report.images += 1;
            let found = local.get(image).and_then(Option::as_ref);
            report.diagnoses.extend(examine_image(
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

/// What the doctor knows besides the manifests themselves: the Dockerfiles among the inputs,
/// and the images this machine's Docker has (an image asked about and not there: `None`).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub dockerfiles: &'a [(String, Dockerfile)],
    pub local: &'a BTreeMap<String, Option<LocalImage>>,
}

impl<'a> Context<'a> {
    /// Where to learn what `image` holds, best first: this machine's Docker; for an image the
    /// learner builds, the Dockerfile among the inputs nearest the manifest; the workbook's
    /// own image. None when nothing can tell.
    pub fn holds(&self, image: &str, origin: &Origin, manifest: &str) -> Option<Holds<'a>> {
        if let Some(Some(local)) = self.local.get(image) {
            return Some(Holds::Local(local));
        }
        if origin.learner_builds()
            && let Some((file, dockerfile)) = self.dockerfile_for(manifest)
        {
            return Some(Holds::Dockerfile(file, dockerfile));
        }
        is_workbook_image(image).then_some(Holds::Workbook)
    }

    /// The Dockerfile that builds the learner's image of a manifest: the one in the nearest
    /// folder above it (`Dockerfile` itself if there are several there), or the only one given.
    fn dockerfile_for(&self, manifest: &str) -> Option<(&'a str, &'a Dockerfile)> {
        let folder = Path::new(manifest).parent().unwrap_or(Path::new(""));
        let depth = |file: &str| {
            let dir = Path::new(file).parent().unwrap_or(Path::new(""));
            folder.starts_with(dir).then(|| dir.components().count())
        };
        let nearest = self.dockerfiles.iter().filter_map(|(f, _)| depth(f)).max();
        let candidates: Vec<&(String, Dockerfile)> = match nearest {
            Some(d) => self
                .dockerfiles
                .iter()
                .filter(|(f, _)| depth(f) == Some(d))
                .collect(),
            None => self.dockerfiles.iter().collect(),
        };
        let chosen = match candidates.as_slice() {
            [one] => Some(*one),
            several => several
                .iter()
                .copied()
                .find(|(f, _)| Path::new(f).file_name().is_some_and(|n| n == "Dockerfile")),
        };
        chosen.map(|(f, d)| (f.as_str(), d))
    }
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
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                report
                    .diagnoses
                    .push(unreadable(location, format!("cannot read the folder: {e}")));
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
            report.diagnoses.push(unreadable(
                location,
                "neither a Dockerfile (Dockerfile, Dockerfile.*, *.Dockerfile) nor a manifest (.yml, .yaml)".into(),
            ));
        }
    } else if path.exists() {
        report
            .diagnoses
            .push(unreadable(location, "not a regular file".into()));
    } else {
        report
            .diagnoses
            .push(unreadable(location, "no such file or folder".into()));
    }
}

fn unreadable(location: String, problem: String) -> Diagnosis {
    Diagnosis {
        severity: Severity::Error,
        location,
        problem,
        fix: "give the doctor a Dockerfile, a manifest, or a folder holding them".into(),
        read: read::MANIFESTS,
    }
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles

pub fn examine_dockerfile(path: &Path) -> Vec<Diagnosis> {
    match read_dockerfile(path) {
        Ok(parsed) => diagnose_dockerfile(&path.display().to_string(), &parsed),
        Err(diagnosis) => vec![diagnosis],
    }
}

/// A Dockerfile, parsed; what keeps it from being read is a diagnosis.
fn read_dockerfile(path: &Path) -> Result<Dockerfile, Diagnosis> {
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(f, MAX_DOCKERFILE_BYTES + 1),
            &mut bytes,
        )
    });
    let problem = match (&read, bytes.len() as u64 > MAX_DOCKERFILE_BYTES) {
        (Err(e), _) => Some(format!("cannot read it: {e}")),
        (Ok(_), true) => Some(format!(
            "more than {MAX_DOCKERFILE_BYTES} bytes is too large for a Dockerfile"
        )),
        _ => None,
    };
    if let Some(problem) = problem {
        return Err(unreadable(file, problem));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => text,
        _ => return Err(unreadable(file, "not a text file".into())),
    };
    dockerfile::parse(&text).map_err(|problem| Diagnosis {
        severity: Severity::Error,
        location: file,
        problem,
        fix: "write one instruction per line (FROM, COPY, RUN, ENV, ...); end a line with \\ to continue it".into(),
        read: read::BASE,
    })
}

/// Directories on PATH in the images the workbook builds.
const BIN_DIRS: [&str; 6] = [
    "/usr/local/sbin/",
    "/usr/local/bin/",
    "/usr/sbin/",
    "/usr/bin/",
    "/sbin/",
    "/bin/",
];

/// The programs `cargo build` makes in the build stages (`-p NAME`, `--bin NAME`).
fn cargo_binaries(file: &Dockerfile) -> Vec<String> {
    let mut out = Vec::new();
    for stage in &file.stages {
        for (run, _) in &stage.runs {
            let words = dockerfile::words(run);
            for pair in words.windows(2) {
                if matches!(pair[0].as_str(), "-p" | "--package" | "--bin") {
                    out.push(pair[1].clone());
                }
            }
        }
    }
    out
}

fn diagnose_dockerfile(file: &str, parsed: &Dockerfile) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    let at = |line: usize| format!("{file}:{line}");
    let stage = parsed.final_stage();
    let stage_names: Vec<&str> = parsed
        .stages
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();

    // Rule: a base image with no tag or :latest. Assumes nothing about the app: a tag is what
    // makes the same Dockerfile build the same image.
    for s in &parsed.stages {
        let image = &s.base;
        if image == "scratch" || image.contains('$') || stage_names.contains(&image.as_str()) {
            continue;
        }
        let tag = image
            .rsplit_once(':')
            .map(|(_, t)| t)
            .filter(|t| !t.contains('/'));
        if !image.contains('@') && matches!(tag, None | Some("latest")) {
            out.push(Diagnosis {
                severity: Severity::Warning,
                location: at(s.line),
                problem: format!(
                    "FROM {image} means :latest, whatever it is on the day you build: the same Dockerfile builds a different image tomorrow"
                ),
                fix: format!("pin a version tag, e.g. FROM {}:<version>", image.trim_end_matches(":latest")),
                read: read::BASE,
            });
        }
    }

    // Rule: a file variable of the workbook's server (ORT_DYLIB_PATH - also the ort crate's -,
    // MODEL_FILEPATH, LABEL_FILEPATH) names a path nothing in the final stage provides.
    // Assumes the program reads it at startup, as the workbook's server does; a COPY or a RUN
    // naming the folder counts as providing it.
    for (variable, what, read, fix) in [
        (
            "ORT_DYLIB_PATH",
            "the ONNX Runtime library",
            read::ORT,
            "copy the library there from the build stage, e.g. COPY --from=builder /opt/onnxruntime/libonnxruntime.so.1.32.0 /usr/local/lib/",
        ),
        (
            "MODEL_FILEPATH",
            "the model",
            read::MODEL,
            "copy the model there, e.g. COPY models/iris_svc.onnx models/label.json /app/models/",
        ),
        (
            "LABEL_FILEPATH",
            "the labels",
            read::MODEL,
            "copy the labels there, e.g. COPY models/iris_svc.onnx models/label.json /app/models/",
        ),
    ] {
        let Some((value, line)) = stage.env.get(variable) else {
            continue;
        };
        if value.contains('$') || value.is_empty() {
            continue;
        }
        let path = if value.starts_with('/') {
            value.clone()
        } else {
            format!(
                "{}{value}",
                stage.workdir.trim_end_matches('/').to_owned() + "/"
            )
        };
        if !provides(stage, &path) {
            let symptom = match variable {
                "ORT_DYLIB_PATH" => "cannot load the ONNX Runtime library",
                "MODEL_FILEPATH" => "model file ... not found; set MODEL_FILEPATH",
                _ => "label file ... not found; set LABEL_FILEPATH",
            };
            out.push(Diagnosis {
                severity: Severity::Error,
                location: at(*line),
                problem: format!(
                    "{variable} is {path}, but nothing in the final stage puts {what} there: the container exits at once with code 1 and `{symptom}`"
                ),
                fix: fix.into(),
                read,
            });
        }
    }

    // Rule: the program ENTRYPOINT/CMD (and HEALTHCHECK) run must be in the image (below: only
    // where it can only come from a COPY).
    let copies_from_stage = stage
        .copies
        .iter()
        .any(|c| c.from.as_deref().is_some_and(|f| stage_names.contains(&f)));
    let built = cargo_binaries(parsed);
    let start = stage.entrypoint.as_ref().or(stage.cmd.as_ref());
    for (instruction, command) in [
        ("ENTRYPOINT/CMD", start),
        ("HEALTHCHECK", stage.healthcheck.as_ref()),
    ] {
        let Some((Command::Exec(words), line)) = command else {
            continue;
        };
        let Some(program) = words.first() else {
            continue;
        };
        if !copies_from_stage || program.starts_with('.') || program.contains('$') {
            continue;
        }
        // Assumes the program can only come from a COPY: true when the base image carries no
        // programs (scratch, distroless), or when the Dockerfile builds its own with cargo and
        // the one named is not among them. A base like nginx or python carries its own, and a
        // RUN that names the program (apt-get install tini) may install it: nothing is said.
        let base_is_empty = base_carries_no_programs(&parsed.root_image(stage));
        let installed = stage.runs.iter().any(|(run, _)| {
            dockerfile::words(run)
                .iter()
                .any(|w| w == program.rsplit('/').next().unwrap_or(program))
        });
        let base_may_carry = !base_is_empty
            && (built.is_empty()
                || DISTRO_PROGRAMS.contains(&program.rsplit('/').next().unwrap_or(program)));
        if installed || base_may_carry {
            continue;
        }
        let found = if program.starts_with('/') {
            provides(stage, program)
        } else {
            BIN_DIRS
                .iter()
                .any(|dir| provides(stage, &format!("{dir}{program}")))
        };
        if !found {
            let carried: Vec<&String> = built
                .iter()
                .filter(|b| {
                    BIN_DIRS
                        .iter()
                        .any(|dir| provides(stage, &format!("{dir}{b}")))
                })
                .collect();
            let carried = match carried.as_slice() {
                [] => String::new(),
                names => format!(
                    " (it carries {})",
                    names
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let symptom = if instruction == "HEALTHCHECK" {
                "the healthcheck fails and the container turns unhealthy".to_owned()
            } else {
                format!(
                    "docker run fails with exit code 127: exec: \"{program}\": executable file not found in $PATH"
                )
            };
            out.push(Diagnosis {
                severity: Severity::Error,
                location: at(*line),
                problem: format!(
                    "{instruction} runs {program:?}, which nothing copies into this image{carried}: {symptom}"
                ),
                fix: "name the program the image carries (or copy it in from the build stage)".into(),
                read: read::ENTRYPOINT,
            });
        }
    }

    // Rule: a listen address of 127.0.0.1 or localhost (in ENV, or a --host/--bind flag).
    for (name, (value, line)) in &stage.env {
        let upper = name.to_ascii_uppercase();
        // Assumes the variable is the address the server binds - HOST, BIND, LISTEN_ADDR,
        // SERVER_HOST... - not one it connects to (REDIS_HOST=localhost reaches a sidecar in
        // the same Pod, which is right).
        let names_an_address = is_bind_variable(&upper);
        if names_an_address && is_loopback(value) {
            out.push(localhost(at(*line), format!("{name}={value}")));
        }
    }
    for (command, line) in [stage.entrypoint.as_ref(), stage.cmd.as_ref()]
        .into_iter()
        .flatten()
    {
        let words = command.words();
        for (i, word) in words.iter().enumerate() {
            let flag_value = matches!(
                words.get(i.wrapping_sub(1)).map(String::as_str),
                Some("--host" | "-h" | "-H" | "--bind" | "-b" | "--listen" | "--address")
            ) && is_loopback(word);
            let inline = word
                .split_once('=')
                .is_some_and(|(k, v)| k.starts_with("--") && is_loopback(v))
                || word.starts_with("127.0.0.1:")
                || word.starts_with("localhost:");
            if flag_value || inline {
                out.push(localhost(at(*line), word.clone()));
            }
        }
    }

    // Rule: the port the server listens on (PORT, --port) is not among EXPOSE's. Assumes the
    // server reads PORT or --port, as the workbook's and most web frameworks do.
    let exposed: Vec<u16> = stage.exposes.iter().map(|(p, _)| *p).collect();
    let mut listens: Vec<(u16, usize, String)> = Vec::new();
    if let Some((value, line)) = stage.env.get("PORT")
        && let Ok(port) = value.parse::<u16>()
    {
        listens.push((port, *line, format!("PORT={port}")));
    }
    for (command, line) in [stage.entrypoint.as_ref(), stage.cmd.as_ref()]
        .into_iter()
        .flatten()
    {
        let words = command.words();
        for pair in words.windows(2) {
            if pair[0] == "--port"
                && let Ok(port) = pair[1].parse::<u16>()
            {
                listens.push((port, *line, format!("--port {port}")));
            }
        }
    }
    if !exposed.is_empty() {
        for (port, line, said) in listens {
            if !exposed.contains(&port) {
                let declared = exposed
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(Diagnosis {
                    severity: Severity::Error,
                    location: at(line),
                    problem: format!(
                        "{said}: the server listens on {port}, but the image declares EXPOSE {declared}: `docker run -p {first}:{first}` publishes a port nothing listens on (curl: Connection reset by peer)",
                        first = exposed[0]
                    ),
                    fix: format!(
                        "make them agree: listen on {} or EXPOSE {port} (and publish the port the server listens on: docker run -p HOST_PORT:{port})",
                        exposed[0]
                    ),
                    read: read::PORT,
                });
            }
        }
    }

    // Rule: the container runs as root (no USER, or USER root/0).
    let root_image = parsed.root_image(stage);
    let user = stage.user.as_ref().map(|(u, _)| u.as_str());
    // Assumes the base image runs as root unless its name says otherwise (distroless's
    // :nonroot, nginx-unprivileged, Chainguard's images), as Docker's official images do.
    let nonroot_base = root_image.ends_with(":nonroot")
        || root_image.contains("-nonroot")
        || root_image.contains("unprivileged")
        || root_image.starts_with("cgr.dev/chainguard/");
    let root = match user {
        None => !nonroot_base,
        Some(u) => matches!(u.split(':').next(), Some("root" | "0")),
    };
    if root {
        out.push(Diagnosis {
            severity: Severity::Warning,
            location: at(stage.user.as_ref().map_or(stage.line, |(_, l)| *l)),
            problem: "the container runs as root: a flaw in the server is a flaw with root's rights, and Kubernetes' runAsNonRoot refuses to start it".into(),
            fix: "add USER 10001:10001 (a numeric user, which runAsNonRoot can verify) after the COPY lines".into(),
            read: read::BASE,
        });
    }

    // Rule: the final stage is a toolchain image: compilers and sources ship with the server.
    // Assumes the final stage is what runs (it is: the last FROM is the image).
    let base_name = root_image
        .trim_start_matches("docker.io/")
        .trim_start_matches("library/");
    let toolchain = ["rust", "golang", "gcc", "maven", "gradle"]
        .iter()
        .find(|t| base_name == **t || base_name.starts_with(&format!("{t}:")));
    if let Some(toolchain) = toolchain {
        out.push(Diagnosis {
            severity: Severity::Warning,
            location: at(stage.line),
            problem: format!(
                "the image is built on {root_image}, the {toolchain} toolchain: it ships compilers and sources with the server (about 1 GB instead of about 100 MB)"
            ),
            fix: "build in one stage and start the final stage again from a slim image (FROM debian:trixie-slim, or distroless), copying only the binary, the libraries and the model".into(),
            read: read::SIZE,
        });
    }

    // Rule: an architecture written into RUN, ADD or FROM --platform instead of TARGETARCH.
    // Assumes the word names what the commands download or build.
    for instruction in &parsed.instructions {
        let text = match instruction.keyword.as_str() {
            "RUN" | "ADD" => instruction.args.clone(),
            "FROM" => instruction
                .args
                .split_whitespace()
                .filter(|w| w.starts_with("--platform"))
                .collect::<Vec<_>>()
                .join(" "),
            _ => continue,
        };
        if text.contains("TARGETARCH") || text.contains("TARGETPLATFORM") {
            continue;
        }
        let arch = ["arm64", "aarch64", "amd64", "x86_64", "armhf", "armv7"]
            .into_iter()
            .find(|arch| {
                text.match_indices(arch).any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + arch.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            });
        if let Some(arch) = arch {
            out.push(Diagnosis {
                severity: Severity::Error,
                location: at(instruction.line),
                problem: format!(
                    "{} names the architecture {arch} instead of the platform being built: the image holds {arch} programs whatever machine it is for, and on any other one they fail with `exec format error`",
                    instruction.keyword
                ),
                fix: "use the platform BuildKit is building for: ARG TARGETARCH, then ${TARGETARCH} where the architecture goes".into(),
                read: read::ARCH,
            });
        }
    }
    out.sort_by_key(|d| (line_of(&d.location), d.severity));
    out
}

/// Programs a distribution's base image (Debian, Alpine, a language image) carries.
const DISTRO_PROGRAMS: [&str; 22] = [
    "sh",
    "bash",
    "dash",
    "ash",
    "env",
    "busybox",
    "sleep",
    "true",
    "cat",
    "curl",
    "wget",
    "tini",
    "dumb-init",
    "python",
    "python3",
    "node",
    "java",
    "ruby",
    "perl",
    "php",
    "nginx",
    "httpd",
];

/// Bases with nothing on PATH but what the Dockerfile copies in.
fn base_carries_no_programs(image: &str) -> bool {
    image == "scratch"
        || image.contains("/distroless/")
        || image.starts_with("cgr.dev/chainguard/static")
}

/// A variable that holds the address a server binds, rather than one it connects to.
fn is_bind_variable(upper: &str) -> bool {
    matches!(
        upper,
        "HOST" | "BIND" | "ADDR" | "ADDRESS" | "LISTEN" | "SERVER_HOST" | "HTTP_HOST" | "APP_HOST"
    ) || upper.starts_with("BIND_")
        || upper.starts_with("LISTEN_")
        || upper.ends_with("_BIND")
        || upper.ends_with("_BIND_ADDR")
        || upper.ends_with("_BIND_ADDRESS")
        || upper.ends_with("_LISTEN")
        || upper.ends_with("_LISTEN_ADDR")
        || upper.ends_with("_LISTEN_ADDRESS")
        || upper.ends_with("_LISTEN_HOST")
}

fn line_of(location: &str) -> usize {
    location
        .rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0)
}

fn is_loopback(value: &str) -> bool {
    let host = value.split(':').next().unwrap_or(value);
    host.starts_with("127.") || host == "localhost" || value == "::1" || value == "[::1]"
}

fn localhost(location: String, said: String) -> Diagnosis {
    Diagnosis {
        severity: Severity::Error,
        location,
        problem: format!(
            "{said}: the server listens on the container's own loopback, which a published port never reaches: it logs that it listens, its HEALTHCHECK passes, yet curl through the published port gets `Connection reset by peer`"
        ),
        fix: "listen on every interface: 0.0.0.0".into(),
        read: read::LOCALHOST,
    }
}

// ---------------------------------------------------------------------------------------------
// Manifests

/// check-manifests' findings, with the fix and the chapter.
fn manifest_diagnosis(finding: &crate::Finding) -> Diagnosis {
    let field = finding.field.as_str();
    let (fix, read) = if field == "spec.selector" && finding.object.starts_with("Service/") {
        (
            "make the Service's selector the labels of the Deployment's Pod template (spec.template.metadata.labels); `kubectl get endpoints` then lists the Pods",
            read::SELECTOR,
        )
    } else if field.ends_with("targetPort") {
        (
            "set targetPort to the containerPort the server listens on (or its name, e.g. http)",
            read::TARGET_PORT,
        )
    } else if field.starts_with("spec.metrics") {
        (
            "give every container resources.requests.cpu (e.g. 250m), and enable metrics-server (minikube addons enable metrics-server)",
            read::HPA,
        )
    } else if (field.ends_with(".image") || field.ends_with("imagePullPolicy"))
        && (finding.message.contains("locally loaded")
            || finding.message.contains("minikube image load"))
    {
        (
            "pin a tag (v1.0, never latest) and set imagePullPolicy: IfNotPresent, then `minikube image load IMAGE`",
            read::IMAGE_PULL,
        )
    } else if field.ends_with(".image") {
        (
            "pin the version you tested: a version tag (NAME:1.2.3) or a digest (NAME@sha256:...)",
            read::IMAGE_PULL,
        )
    } else {
        (
            "correct the field as the message says; `kubectl apply --dry-run=server` shows what the cluster thinks",
            read::MANIFESTS,
        )
    };
    let mut location = format!("{}: {}", finding.file, finding.object);
    if !finding.field.is_empty() {
        location = format!("{location}: {}", finding.field);
    }
    Diagnosis {
        severity: finding.severity,
        location,
        problem: finding.message.clone(),
        fix: fix.into(),
        read,
    }
}

/// What check-manifests does not look at: probes, env overrides, NetworkPolicies.
pub fn examine_manifests(manifests: &[Manifest], context: &Context) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    let policies: Vec<(&Manifest, &NetworkPolicy)> = manifests
        .iter()
        .filter_map(|m| match &m.object {
            Object::NetworkPolicy(p) => Some((m, &**p)),
            _ => None,
        })
        .collect();
    for manifest in manifests {
        let Some(template) = manifest.pod_template() else {
            continue;
        };
        let long_running = !matches!(manifest.object, Object::Job(_) | Object::CronJob(_));
        let spec_at = if template.at.is_empty() {
            "spec".to_owned()
        } else {
            format!("{}.spec", template.at)
        };
        for (i, container) in template.spec.containers.iter().enumerate() {
            let location = format!(
                "{}: {}: {spec_at}.containers[{i}]",
                manifest.file,
                manifest.id()
            );
            let image = container.image.as_deref().unwrap_or_default();
            let origin = Origin::of(image, container.image_pull_policy.as_deref());
            let holds = context.holds(image, &origin, &manifest.file);
            if long_running {
                let services = services_for(manifests, manifest, template.labels, container);
                out.extend(no_probes(&location, container, &services, holds));
            }
            out.extend(env_overrides(&location, container, holds));
            for (m, policy) in &policies {
                if let Some(problem) = blocks(m, policy, manifest, template.labels, container) {
                    out.push(Diagnosis {
                        severity: Severity::Error,
                        location: format!("{}: {}", m.file, m.id()),
                        problem,
                        fix: format!(
                            "add an ingress rule that allows the containerPort (ports: [{{protocol: TCP, port: {}}}]), from the clients that need it",
                            container
                                .ports
                                .iter()
                                .flatten()
                                .next()
                                .map_or(crate::app::WORKBOOK_PORT, |p| p.container_port)
                        ),
                        read: read::NETWORK_POLICY,
                    });
                }
            }
        }
    }
    out
}

/// The ports of the Services that send to a container, with the Service's name: what they
/// call the port (`name`, `appProtocol`) says what the container speaks there.
fn services_for<'m>(
    manifests: &'m [Manifest],
    workload: &Manifest,
    labels: Option<&BTreeMap<String, String>>,
    container: &Container,
) -> Vec<(&'m str, &'m ServicePort)> {
    let Some(labels) = labels else {
        return vec![];
    };
    let ns = |m: &Manifest| m.metadata().namespace.clone();
    let mut out = Vec::new();
    for manifest in manifests {
        let Object::Service(service) = &manifest.object else {
            continue;
        };
        let Some(spec) = &service.spec else { continue };
        let selects = spec
            .selector
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|(k, v)| labels.get(k) == Some(v)));
        if !selects
            || (ns(manifest).is_some() && ns(workload).is_some() && ns(manifest) != ns(workload))
        {
            continue;
        }
        for port in spec.ports.iter().flatten() {
            let target = port
                .target_port
                .clone()
                .unwrap_or(IntOrString::Int(port.port));
            let reaches = container.ports.iter().flatten().any(|p| match &target {
                IntOrString::Int(n) => p.container_port == *n,
                IntOrString::String(name) => p.name.as_deref() == Some(name),
            });
            if reaches {
                out.push((manifest.name(), port));
            }
        }
    }
    out
}

/// Rule: a long-running container with no readinessProbe and no livenessProbe. Assumes it
/// serves on a port (it declares one, or its image exposes one; otherwise there is nothing to
/// probe and nothing is said). A warning when the image is known to have a HEALTHCHECK - the
/// workbook's, or one this machine's Docker or a Dockerfile among the inputs shows - which
/// Kubernetes ignores; a hint otherwise. The advice follows what the container speaks.
fn no_probes(
    location: &str,
    container: &Container,
    services: &[(&str, &ServicePort)],
    holds: Option<Holds>,
) -> Option<Diagnosis> {
    if container.readiness_probe.is_some() || container.liveness_probe.is_some() {
        return None;
    }
    let image = container.image.as_deref().unwrap_or_default();
    let exposed = holds.map(|h| h.exposed()).unwrap_or_default();
    let listener = crate::app::listener(container, services, &exposed)?;
    let fix = listener.probe_advice(image);
    let name = &container.name;
    if is_workbook_image(image) {
        return Some(Diagnosis {
            severity: Severity::Warning,
            location: location.into(),
            problem: format!(
                "container {name:?} has no readinessProbe and no livenessProbe: Kubernetes ignores the image's HEALTHCHECK, so the Service sends requests before the model is loaded and a server that hangs is never restarted"
            ),
            fix,
            read: read::PROBES,
        });
    }
    let healthcheck = holds.and_then(|h| h.healthcheck().map(|c| (h.describe(image), c)));
    let (severity, ignored) = match healthcheck {
        Some((whose, command)) => (
            Severity::Warning,
            format!("; {whose} has a HEALTHCHECK ({command}), which Kubernetes ignores"),
        ),
        None => (Severity::Hint, String::new()),
    };
    Some(Diagnosis {
        severity,
        location: location.into(),
        problem: format!(
            "container {name:?} ({image}) has no readinessProbe and no livenessProbe: Kubernetes counts it ready as soon as its process starts (a Service may send it connections before it accepts them) and restarts it only if the process exits, not if it hangs{ignored}"
        ),
        fix,
        read: read::PROBES,
    })
}

/// The variables the workbook's server reads a file from at startup, and what that file is.
const FILE_VARIABLES: [(&str, &str); 3] = [
    ("MODEL_FILEPATH", "the model"),
    ("LABEL_FILEPATH", "the labels"),
    ("ORT_DYLIB_PATH", "the ONNX Runtime library"),
];

/// Rule: an env override of a file the server reads at startup (MODEL_FILEPATH,
/// LABEL_FILEPATH, ORT_DYLIB_PATH) with no volume mounted there. Assumes the program exits when
/// the file is missing, as the workbook's server does. Checks the image before it says so:
/// the same value as the image's own, or a file the image has at that path, is no finding; a
/// path the image does not have is a warning; an image nothing can look into, a hint.
fn env_overrides(location: &str, container: &Container, holds: Option<Holds>) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    let image = container.image.as_deref().unwrap_or_default();
    let name = &container.name;
    for env in container.env.iter().flatten() {
        let (variable, Some(path)) = (env.name.as_str(), env.value.as_deref()) else {
            continue;
        };
        let Some((_, what)) = FILE_VARIABLES.iter().find(|(v, _)| *v == variable) else {
            continue;
        };
        let mounted = container
            .volume_mounts
            .iter()
            .flatten()
            .any(|v| path.starts_with(v.mount_path.trim_end_matches('/')));
        if mounted || path.contains('$') {
            continue;
        }
        let Some(holds) = holds else {
            out.push(Diagnosis {
                severity: Severity::Hint,
                location: location.into(),
                problem: format!(
                    "container {name:?} sets {variable}={path}, overriding what the image {image} sets, and the doctor cannot look inside that image (it is not in this machine's Docker, and no Dockerfile among the inputs builds it): if it has no file at {path}, a server that reads {what} from there exits at every start (CrashLoopBackOff)"
                ),
                fix: format!(
                    "check the image has it: docker run --rm --entrypoint ls {image} -l {path} (or give the doctor the Dockerfile, or build the image first); if not, remove {variable} from the manifest or mount a volume with the file there"
                ),
                read: read::CRASH_LOOP,
            });
            continue;
        };
        let own = holds.env(variable);
        if own.as_deref() == Some(path) || holds.has_file(path) != Some(false) {
            continue;
        }
        let whose = holds.describe(image);
        let own = match own {
            Some(value) => format!(" (its own {variable} is {value})"),
            None => String::new(),
        };
        out.push(Diagnosis {
            severity: Severity::Warning,
            location: location.into(),
            problem: format!(
                "container {name:?} sets {variable}={path}, but {whose} has no file at {path}{own} and no volume is mounted there: {}",
                if is_workbook_image(image) {
                    format!("the server does not find {what} and exits with code 1 at every start (CrashLoopBackOff)")
                } else {
                    format!("a server that reads {what} from there at startup, as the workbook's does, exits at every start (CrashLoopBackOff)")
                }
            ),
            fix: format!(
                "remove {variable} from the manifest (the image knows where its files are), or mount a volume with the file at {path}"
            ),
            read: read::CRASH_LOOP,
        });
    }
    out
}

/// Whether a NetworkPolicy that selects the Pods lets no connection reach the container's
/// ports; the problem in words if so.
fn blocks(
    policy_manifest: &Manifest,
    policy: &NetworkPolicy,
    workload: &Manifest,
    labels: Option<&BTreeMap<String, String>>,
    container: &Container,
) -> Option<String> {
    let spec = policy.spec.as_ref()?;
    let ns = |m: &Manifest| m.metadata().namespace.clone();
    if ns(policy_manifest).is_some()
        && ns(workload).is_some()
        && ns(policy_manifest) != ns(workload)
    {
        return None;
    }
    let selector = spec.pod_selector.clone().unwrap_or_default();
    if selector
        .match_expressions
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        return None; // not judged here
    }
    let wanted = selector.match_labels.clone().unwrap_or_default();
    let selected = wanted
        .iter()
        .all(|(k, v)| labels.is_some_and(|l| l.get(k) == Some(v)));
    let ingress_controlled = match &spec.policy_types {
        Some(types) => types.iter().any(|t| t == "Ingress"),
        None => true,
    };
    if !selected || !ingress_controlled {
        return None;
    }
    let ports: Vec<(i32, Option<&str>)> = container
        .ports
        .iter()
        .flatten()
        .map(|p| (p.container_port, p.name.as_deref()))
        .collect();
    if ports.is_empty() {
        return None;
    }
    let rules = spec.ingress.clone().unwrap_or_default();
    if rules.is_empty() {
        return Some(format!(
            "selects the Pods of {} and allows no ingress at all: every connection to them - through the Service or not - times out",
            workload.id()
        ));
    }
    let allowed = |port: i32, name: Option<&str>| {
        rules.iter().any(|rule| match &rule.ports {
            None => true,
            Some(list) if list.is_empty() => true,
            Some(list) => list.iter().any(|p| match &p.port {
                None => true,
                Some(IntOrString::Int(n)) => {
                    *n == port || p.end_port.is_some_and(|end| *n <= port && port <= end)
                }
                Some(IntOrString::String(s)) => Some(s.as_str()) == name,
            }),
        })
    };
    if ports.iter().any(|(port, name)| allowed(*port, *name)) {
        return None;
    }
    let declared: Vec<String> = ports.iter().map(|(p, _)| p.to_string()).collect();
    Some(format!(
        "selects the Pods of {} but allows none of their ports ({}): connections to the server time out (where the network plugin enforces NetworkPolicies)",
        workload.id(),
        declared.join(", ")
    ))
}

// ---------------------------------------------------------------------------------------------
// Local images

/// The local Docker's architecture (`amd64`, `arm64`), if Docker answers.
fn host_docker() -> Option<String> {
    let out = Process::new("docker")
        .args(["version", "--format", "{{.Server.Arch}}"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Rule: an image the cluster cannot get. Assumes the learner builds it - it is one of the
/// workbook's tags, has no registry host and no Docker Hub account, or runs with
/// `imagePullPolicy: Never` - or was asked about with `--image`; an image the cluster pulls
/// from a registry is no concern of this machine's Docker. Then the image's platform, and the
/// program it starts, against this machine's.
fn examine_image(
    image: &str,
    policy: Option<&str>,
    asked: bool,
    location: &str,
    local: Option<&LocalImage>,
    host_arch: &str,
) -> Vec<Diagnosis> {
    let origin = Origin::of(image, policy);
    let Some(local) = local else {
        if !asked && !origin.learner_builds() {
            return vec![];
        }
        let assumed = if asked {
            "you asked about it with --image".to_owned()
        } else {
            origin.assumed()
        };
        let problem = match origin {
            Origin::PullNever => format!(
                "the image {image} is not in this machine's Docker ({assumed}): a cluster cannot have it either unless it was loaded there, and the Pod waits in ErrImageNeverPull"
            ),
            _ => format!(
                "the image {image} is not in this machine's Docker ({assumed}): a cluster cannot have it either unless it was loaded there (ErrImageNeverPull with imagePullPolicy: Never, ImagePullBackOff otherwise)"
            ),
        };
        return vec![Diagnosis {
            severity: Severity::Warning,
            location: location.into(),
            problem,
            fix: format!(
                "build it (docker build -t {image} .), then load it into the cluster: minikube image load {image}"
            ),
            read: read::IMAGE_PULL,
        }];
    };
    let platform = &local.platform;
    let arch = platform.rsplit('/').next().unwrap_or_default();
    if !arch.is_empty() && arch != host_arch {
        return vec![Diagnosis {
            severity: Severity::Error,
            location: location.into(),
            problem: format!(
                "the image {image} is for {platform}, this machine is linux/{host_arch}: its programs fail with `exec format error`"
            ),
            fix: format!(
                "build it for linux/{host_arch} (docker buildx build --platform linux/{host_arch}), or for both: --platform linux/amd64,linux/arm64"
            ),
            read: read::ARCH,
        }];
    }
    // The label can say one architecture and the program be for another (a binary copied in,
    // built elsewhere): the ELF header of the program the container starts tells.
    if let Some((program, machine)) = entrypoint_machine(image)
        && machine != host_arch
    {
        return vec![Diagnosis {
            severity: Severity::Error,
            location: location.into(),
            problem: format!(
                "the image {image} says it is for {platform}, but the program it starts, {program}, is built for {machine}: on this linux/{host_arch} machine it fails with `exec format error`"
            ),
            fix: "build or fetch the program for the platform being built: ARG TARGETARCH, then ${TARGETARCH} where the architecture goes".into(),
            read: read::ARCH,
        }];
    }
    vec![]
}

fn image_location(file: &str, id: &str) -> String {
    if file == "--image" {
        format!("image {id}")
    } else {
        format!("{file}: {id}")
    }
}

/// The architecture an ELF header is for, by its e_machine (Docker's names).
fn elf_machine(header: &[u8]) -> Option<&'static str> {
    if header.len() < 20 || &header[..4] != b"\x7fELF" {
        return None;
    }
    let machine = match header[5] {
        2 => u16::from_be_bytes([header[18], header[19]]),
        _ => u16::from_le_bytes([header[18], header[19]]),
    };
    Some(match machine {
        0x03 => "386",
        0x3e => "amd64",
        0xb7 => "arm64",
        0x28 => "arm",
        0xf3 => "riscv64",
        0x15 => "ppc64le",
        0x16 => "s390x",
        _ => "an unknown architecture",
    })
}

/// The first file of a tar stream: its type, link target and first bytes.
fn first_tar_entry(tar: &[u8]) -> Option<(u8, String, &[u8])> {
    let header = tar.get(..512)?;
    let text = |range: std::ops::Range<usize>| {
        String::from_utf8_lossy(&header[range])
            .trim_end_matches('\0')
            .to_owned()
    };
    let size = usize::from_str_radix(text(124..136).trim(), 8).ok()?;
    let body = tar.get(512..512 + size)?;
    Some((header[156], text(157..257), body))
}

/// The program the image's container starts (ENTRYPOINT, else CMD; looked up on its PATH) and
/// the architecture of its ELF header, read with `docker create` and `docker cp` (nothing runs).
fn entrypoint_machine(image: &str) -> Option<(String, &'static str)> {
    let docker = |args: &[&str]| {
        Process::new("docker")
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| o.stdout)
    };
    let config = docker(&["image", "inspect", "--format", "{{json .Config}}", image])?;
    let config: serde_json::Value = serde_json::from_slice(&config).ok()?;
    let first = |key: &str| {
        config[key]
            .get(0)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let program = first("Entrypoint").or_else(|| first("Cmd"))?;
    let candidates: Vec<String> = if program.contains('/') {
        vec![program.clone()]
    } else {
        let path = config["Env"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str()?.strip_prefix("PATH="))
            .next()
            .unwrap_or("/usr/local/bin:/usr/bin:/bin")
            .to_owned();
        path.split(':').map(|d| format!("{d}/{program}")).collect()
    };
    let id = String::from_utf8(docker(&["create", image])?).ok()?;
    let id = id.trim().to_owned();
    let mut found = None;
    'candidates: for candidate in candidates {
        let mut file = candidate.clone();
        // Follow a few symbolic links (busybox's applets, /usr/bin/env...).
        for _ in 0..5 {
            let Some(tar) = docker(&["cp", &format!("{id}:{file}"), "-"]) else {
                continue 'candidates;
            };
            let Some((kind, link, body)) = first_tar_entry(&tar) else {
                continue 'candidates;
            };
            if kind == b'2' {
                file = if link.starts_with('/') {
                    link
                } else {
                    let dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
                    format!("{dir}/{link}")
                };
                continue;
            }
            found = elf_machine(body).map(|machine| (candidate.clone(), machine));
            break 'candidates;
        }
    }
    let _ = docker(&["rm", &id]);
    found
}

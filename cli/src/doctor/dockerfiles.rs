//! The doctor's Dockerfile rules: each names a mistake of the troubleshooting chapter in a
//! learner's Dockerfile, says what it assumes about the app, and its fix.

use std::path::Path;

use super::context::unreadable;
use crate::{
    Severity,
    app::provides,
    dockerfile::{self, Command, Dockerfile, Stage},
    findings::{Finding, read},
    t,
};

/// Largest Dockerfile read.
pub(crate) const MAX_DOCKERFILE_BYTES: u64 = 1024 * 1024;

pub fn examine_dockerfile(path: &Path) -> Vec<Finding> {
    match read_dockerfile(path) {
        Ok(parsed) => diagnose_dockerfile(&path.display().to_string(), &parsed),
        Err(diagnosis) => vec![diagnosis],
    }
}

/// A Dockerfile, parsed; what keeps it from being read is a diagnosis.
pub(crate) fn read_dockerfile(path: &Path) -> Result<Dockerfile, Finding> {
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(f, MAX_DOCKERFILE_BYTES + 1),
            &mut bytes,
        )
    });
    let problem = match (&read, bytes.len() as u64 > MAX_DOCKERFILE_BYTES) {
        (Err(e), _) => Some(t!("doctor-cannot-read-it", error = e.to_string())),
        (Ok(_), true) => Some(t!(
            "doctor-dockerfile-too-large",
            max = MAX_DOCKERFILE_BYTES.to_string()
        )),
        _ => None,
    };
    if let Some(problem) = problem {
        return Err(unreadable(file, problem));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => text,
        _ => return Err(unreadable(file, t!("doctor-not-text"))),
    };
    dockerfile::parse(&text).map_err(|problem| Finding {
        severity: Severity::Error,
        location: file,
        problem,
        fix: t!("doctor-dockerfile-syntax-fix"),
        read: read::BASE,
    })
}

/// Directories on PATH in the images the workbook builds.
pub(crate) const BIN_DIRS: [&str; 6] = [
    "/usr/local/sbin/",
    "/usr/local/bin/",
    "/usr/sbin/",
    "/usr/bin/",
    "/sbin/",
    "/bin/",
];

/// The programs `cargo build` makes in the build stages (`-p NAME`, `--bin NAME`).
pub(crate) fn cargo_binaries(file: &Dockerfile) -> Vec<String> {
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

/// What every Dockerfile rule looks at: the file, its stages, the final stage (the image).
pub(crate) struct Facts<'a> {
    file: &'a str,
    parsed: &'a Dockerfile,
    stage: &'a Stage,
    stage_names: Vec<&'a str>,
}

impl Facts<'_> {
    /// `file:line`, where a diagnosis points.
    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.file)
    }
}

/// A Dockerfile rule: what it finds goes to `out`.
type Rule = fn(&Facts, &mut Vec<Finding>);

/// The Dockerfile rules, in the order their diagnoses of one line are listed.
const RULES: [Rule; 8] = [
    unpinned_base,
    file_variable_not_provided,
    program_not_in_image,
    listens_on_loopback,
    port_not_exposed,
    runs_as_root,
    toolchain_final_stage,
    hardcoded_architecture,
];

/// Every rule on one Dockerfile, its diagnoses in the order of the lines they point to.
pub(crate) fn diagnose_dockerfile(file: &str, parsed: &Dockerfile) -> Vec<Finding> {
    let facts = Facts {
        file,
        parsed,
        stage: parsed.final_stage(),
        stage_names: parsed
            .stages
            .iter()
            .filter_map(|s| s.name.as_deref())
            .collect(),
    };
    let mut out = Vec::new();
    for rule in RULES {
        rule(&facts, &mut out);
    }
    out.sort_by_key(|d| (line_of(&d.location), d.severity));
    out
}

/// Rule: a base image with no tag or :latest. Assumes nothing about the app: a tag is what
/// makes the same Dockerfile build the same image.
fn unpinned_base(f: &Facts, out: &mut Vec<Finding>) {
    let parsed = f.parsed;
    let stage_names = &f.stage_names;
    let at = |line: usize| f.at(line);
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
            out.push(Finding {
                severity: Severity::Warning,
                location: at(s.line),
                problem: t!("doctor-base-unpinned", image = image),
                fix: t!(
                    "doctor-base-unpinned-fix",
                    name = image.trim_end_matches(":latest")
                ),
                read: read::BASE,
            });
        }
    }
}

/// Rule: a file variable of the workbook's server (ORT_DYLIB_PATH - also the ort crate's -,
/// MODEL_FILEPATH, LABEL_FILEPATH) names a path nothing in the final stage provides.
/// Assumes the program reads it at startup, as the workbook's server does; a COPY or a RUN
/// naming the folder counts as providing it.
fn file_variable_not_provided(f: &Facts, out: &mut Vec<Finding>) {
    let stage = f.stage;
    let at = |line: usize| f.at(line);
    for (variable, what, read, fix) in [
        (
            "ORT_DYLIB_PATH",
            t!("doctor-what-ort"),
            read::case(1),
            t!("doctor-ort-missing-fix"),
        ),
        (
            "MODEL_FILEPATH",
            t!("doctor-what-model"),
            read::case(2),
            t!("doctor-model-missing-fix"),
        ),
        (
            "LABEL_FILEPATH",
            t!("doctor-what-labels"),
            read::case(2),
            t!("doctor-labels-missing-fix"),
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
            out.push(Finding {
                severity: Severity::Error,
                location: at(*line),
                problem: t!(
                    "doctor-file-not-provided",
                    variable = variable,
                    path = path,
                    what = what,
                    symptom = symptom
                ),
                fix,
                read,
            });
        }
    }
}

/// Rule: the program ENTRYPOINT/CMD (and HEALTHCHECK) run must be in the image (below: only
/// where it can only come from a COPY).
fn program_not_in_image(f: &Facts, out: &mut Vec<Finding>) {
    let parsed = f.parsed;
    let stage = f.stage;
    let stage_names = &f.stage_names;
    let at = |line: usize| f.at(line);
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
                names => t!(
                    "doctor-program-carried",
                    names = names
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let symptom = if instruction == "HEALTHCHECK" {
                t!("doctor-healthcheck-fails")
            } else {
                t!("doctor-exec-not-found", program = program)
            };
            out.push(Finding {
                severity: Severity::Error,
                location: at(*line),
                problem: t!(
                    "doctor-program-not-in-image",
                    instruction = instruction,
                    program = format!("{program:?}"),
                    carried = carried,
                    symptom = symptom
                ),
                fix: t!("doctor-program-not-in-image-fix"),
                read: read::case(3),
            });
        }
    }
}

/// Rule: a listen address of 127.0.0.1 or localhost (in ENV, or a --host/--bind flag).
fn listens_on_loopback(f: &Facts, out: &mut Vec<Finding>) {
    let stage = f.stage;
    let at = |line: usize| f.at(line);
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
}

/// Rule: the port the server listens on (PORT, --port) is not among EXPOSE's. Assumes the
/// server reads PORT or --port, as the workbook's and most web frameworks do.
fn port_not_exposed(f: &Facts, out: &mut Vec<Finding>) {
    let stage = f.stage;
    let at = |line: usize| f.at(line);
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
                out.push(Finding {
                    severity: Severity::Error,
                    location: at(line),
                    problem: t!(
                        "doctor-port-not-exposed",
                        said = said,
                        port = port.to_string(),
                        declared = declared,
                        first = exposed[0].to_string()
                    ),
                    fix: t!(
                        "doctor-port-not-exposed-fix",
                        first = exposed[0].to_string(),
                        port = port.to_string()
                    ),
                    read: read::case(5),
                });
            }
        }
    }
}

/// Rule: the container runs as root (no USER, or USER root/0).
fn runs_as_root(f: &Facts, out: &mut Vec<Finding>) {
    let parsed = f.parsed;
    let stage = f.stage;
    let at = |line: usize| f.at(line);
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
        out.push(Finding {
            severity: Severity::Warning,
            location: at(stage.user.as_ref().map_or(stage.line, |(_, l)| *l)),
            problem: t!("doctor-runs-as-root"),
            fix: t!("doctor-runs-as-root-fix"),
            read: read::BASE,
        });
    }
}

/// Rule: the final stage is a toolchain image: compilers and sources ship with the server.
/// Assumes the final stage is what runs (it is: the last FROM is the image).
fn toolchain_final_stage(f: &Facts, out: &mut Vec<Finding>) {
    let stage = f.stage;
    let at = |line: usize| f.at(line);
    let root_image = f.parsed.root_image(stage);
    let base_name = root_image
        .trim_start_matches("docker.io/")
        .trim_start_matches("library/");
    let toolchain = ["rust", "golang", "gcc", "maven", "gradle"]
        .iter()
        .find(|t| base_name == **t || base_name.starts_with(&format!("{t}:")));
    if let Some(toolchain) = toolchain {
        out.push(Finding {
            severity: Severity::Warning,
            location: at(stage.line),
            problem: t!(
                "doctor-toolchain-final",
                image = root_image.as_str(),
                toolchain = *toolchain
            ),
            fix: t!("doctor-toolchain-final-fix"),
            read: read::case(6),
        });
    }
}

/// Rule: an architecture written into RUN, ADD or FROM --platform instead of TARGETARCH.
/// Assumes the word names what the commands download or build.
fn hardcoded_architecture(f: &Facts, out: &mut Vec<Finding>) {
    let parsed = f.parsed;
    let at = |line: usize| f.at(line);
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
            out.push(Finding {
                severity: Severity::Error,
                location: at(instruction.line),
                problem: t!(
                    "doctor-hardcoded-arch",
                    instruction = instruction.keyword.as_str(),
                    arch = arch
                ),
                fix: t!("doctor-hardcoded-arch-fix"),
                read: read::case(7),
            });
        }
    }
}

/// Programs a distribution's base image (Debian, Alpine, a language image) carries.
pub(crate) const DISTRO_PROGRAMS: [&str; 22] = [
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
pub(crate) fn base_carries_no_programs(image: &str) -> bool {
    image == "scratch"
        || image.contains("/distroless/")
        || image.starts_with("cgr.dev/chainguard/static")
}

/// A variable that holds the address a server binds, rather than one it connects to.
pub(crate) fn is_bind_variable(upper: &str) -> bool {
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

pub(crate) fn line_of(location: &str) -> usize {
    location
        .rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0)
}

pub(crate) fn is_loopback(value: &str) -> bool {
    let host = value.split(':').next().unwrap_or(value);
    host.starts_with("127.") || host == "localhost" || value == "::1" || value == "[::1]"
}

pub(crate) fn localhost(location: String, said: String) -> Finding {
    Finding {
        severity: Severity::Error,
        location,
        problem: t!("doctor-loopback", said = said),
        fix: t!("doctor-loopback-fix"),
        read: read::case(4),
    }
}

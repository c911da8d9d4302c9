//! What an image holds: the copy in this machine's Docker, else the Dockerfile that builds it,
//! else the workbook's own image.

use std::process::{Command as Process, Stdio};

use serde_json::Value;

use super::workbook::{WORKBOOK_ENV, WORKBOOK_PORT};
use crate::dockerfile::{Command, Dockerfile, Stage};

/// An image as this machine's Docker has it.
#[derive(Debug, Clone)]
pub struct LocalImage {
    pub image: String,
    /// `docker image inspect`'s `.Config`: Env, User, Healthcheck, ExposedPorts...
    pub config: Value,
    /// `.Os/.Architecture`.
    pub platform: String,
}

pub(crate) fn docker(args: &[&str]) -> Option<Vec<u8>> {
    Process::new("docker")
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout)
}

impl LocalImage {
    /// The image, if this machine's Docker has it.
    pub fn inspect(image: &str) -> Option<LocalImage> {
        let out = docker(&["image", "inspect", "--format", "{{json .}}", image])?;
        let value: Value = serde_json::from_slice(&out).ok()?;
        let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
        Some(LocalImage {
            image: image.to_owned(),
            config: value["Config"].clone(),
            platform: format!("{}/{}", text("Os"), text("Architecture")),
        })
    }

    pub fn env(&self, name: &str) -> Option<String> {
        self.config["Env"]
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .find_map(|e| e.strip_prefix(name)?.strip_prefix('=').map(str::to_owned))
    }

    /// Whether the image has a file (or folder) at `path`: `docker create`, then `docker cp`
    /// of just that path (nothing runs). None when Docker could not tell.
    pub fn has_file(&self, path: &str) -> Option<bool> {
        // A command of its own: an image with neither ENTRYPOINT nor CMD cannot be created
        // without one (nothing runs it).
        let id = String::from_utf8(docker(&["create", &self.image, "doctor-looks-only"])?).ok()?;
        let id = id.trim();
        // Only the first bytes: a folder can be large.
        let found = Process::new("docker")
            .args(["cp", &format!("{id}:{path}"), "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()
            .map(|mut child| {
                let mut header = [0u8; 512];
                let read = child
                    .stdout
                    .take()
                    .map(|mut out| std::io::Read::read_exact(&mut out, &mut header).is_ok())
                    .unwrap_or(false);
                let _ = child.kill();
                let _ = child.wait();
                read
            });
        let _ = docker(&["rm", id]);
        found
    }

    /// The HEALTHCHECK the image defines (Docker runs it; Kubernetes does not).
    pub fn healthcheck(&self) -> Option<String> {
        let test: Vec<&str> = self.config["Healthcheck"]["Test"]
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        match test.as_slice() {
            [] | ["NONE", ..] => None,
            ["CMD-SHELL", command] => Some(command.to_string()),
            ["CMD", rest @ ..] => Some(rest.join(" ")),
            other => Some(other.join(" ")),
        }
    }

    pub fn exposed(&self) -> Vec<i32> {
        self.config["ExposedPorts"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(port, _)| port.split('/').next()?.parse().ok())
            .collect()
    }
}

/// Where the doctor learns what an image holds, best first.
#[derive(Debug, Clone, Copy)]
pub enum Holds<'a> {
    /// The image in this machine's Docker.
    Local(&'a LocalImage),
    /// The final stage of a Dockerfile among the inputs that builds it.
    Dockerfile(&'a str, &'a Dockerfile),
    /// The workbook's own image, whose settings are known.
    Workbook,
}

impl Holds<'_> {
    /// `the image X in this machine's Docker`, `the image Dockerfile builds`...
    pub fn describe(&self, image: &str) -> String {
        match self {
            Holds::Local(_) => crate::t!("holds-local", image = image),
            Holds::Dockerfile(file, _) => crate::t!("holds-dockerfile", file = *file),
            Holds::Workbook => crate::t!("holds-workbook", image = image),
        }
    }

    /// The value the image itself gives a variable.
    pub fn env(&self, name: &str) -> Option<String> {
        match self {
            Holds::Local(image) => image.env(name),
            Holds::Dockerfile(_, file) => file.final_stage().env.get(name).map(|(v, _)| v.clone()),
            Holds::Workbook => WORKBOOK_ENV
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned()),
        }
    }

    /// Whether the image has a file at `path`; None when it cannot be told.
    pub fn has_file(&self, path: &str) -> Option<bool> {
        match self {
            Holds::Local(image) => image.has_file(path),
            Holds::Dockerfile(_, file) => Some(provides(file.final_stage(), path)),
            Holds::Workbook => Some(WORKBOOK_ENV.iter().any(|(_, v)| *v == path)),
        }
    }

    /// The image's HEALTHCHECK, if it has one.
    pub fn healthcheck(&self) -> Option<String> {
        match self {
            Holds::Local(image) => image.healthcheck(),
            Holds::Dockerfile(_, file) => {
                file.final_stage()
                    .healthcheck
                    .as_ref()
                    .map(|(command, _)| match command {
                        Command::Exec(words) => words.join(" "),
                        Command::Shell(text) => text.clone(),
                    })
            }
            Holds::Workbook => Some("healthcheck (the server asks its own /health)".into()),
        }
    }

    pub fn exposed(&self) -> Vec<i32> {
        match self {
            Holds::Local(image) => image.exposed(),
            Holds::Dockerfile(_, file) => file
                .final_stage()
                .exposes
                .iter()
                .map(|(p, _)| i32::from(*p))
                .collect(),
            Holds::Workbook => vec![WORKBOOK_PORT],
        }
    }
}

/// Whether something in the stage (or a stage it starts from) puts a file at `path`.
pub fn provides(stage: &Stage, path: &str) -> bool {
    let copied = stage.copies.iter().any(|copy| {
        let dir_dest = copy.dest.ends_with('/') || copy.sources.len() > 1;
        copy.sources.iter().any(|source| {
            let trimmed = source.trim_end_matches('/');
            let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
            // A folder copies its contents; a name without an extension may be one, unless
            // it is a program (in a bin/ folder or cargo's target/).
            let program = trimmed.contains("bin/") || trimmed.contains("target/");
            let maybe_dir = source.ends_with('/')
                || base == "."
                || base.contains('*')
                || (!base.contains('.') && !program);
            let dest = copy.dest.trim_end_matches('/');
            if dir_dest {
                path == format!("{dest}/{base}")
                    || (maybe_dir && path.starts_with(&format!("{dest}/")))
            } else {
                path == dest || (maybe_dir && path.starts_with(&format!("{dest}/")))
            }
        })
    });
    // A RUN that names the file's folder (a download, a build) may well create it.
    let folder = path.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
    copied || (!folder.is_empty() && stage.runs.iter().any(|(run, _)| run.contains(folder)))
}

//! The local images the manifests run, asked of this machine's Docker: an image the cluster
//! cannot get, and an image or entrypoint built for another architecture.

use std::process::Command as Process;

use crate::{
    Severity,
    app::{LocalImage, Origin},
    findings::{Finding, read},
    t,
};

/// The local Docker's architecture (`amd64`, `arm64`), if Docker answers.
pub(crate) fn host_docker() -> Option<String> {
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
pub(crate) fn examine_image(
    image: &str,
    policy: Option<&str>,
    asked: bool,
    location: &str,
    local: Option<&LocalImage>,
    host_arch: &str,
) -> Vec<Finding> {
    let origin = Origin::of(image, policy);
    let Some(local) = local else {
        if !asked && !origin.learner_builds() {
            return vec![];
        }
        let assumed = if asked {
            t!("doctor-image-asked")
        } else {
            origin.assumed()
        };
        let problem = match origin {
            Origin::PullNever => t!(
                "doctor-image-missing-never",
                image = image,
                assumed = assumed
            ),
            _ => t!("doctor-image-missing", image = image, assumed = assumed),
        };
        return vec![Finding {
            severity: Severity::Warning,
            location: location.into(),
            problem,
            fix: t!("doctor-image-missing-fix", image = image),
            read: read::case(9),
        }];
    };
    let platform = &local.platform;
    let arch = platform.rsplit('/').next().unwrap_or_default();
    if !arch.is_empty() && arch != host_arch {
        return vec![Finding {
            severity: Severity::Error,
            location: location.into(),
            problem: t!(
                "doctor-image-platform",
                image = image,
                platform = platform,
                host = host_arch
            ),
            fix: t!("doctor-image-platform-fix", host = host_arch),
            read: read::case(7),
        }];
    }
    // The label can say one architecture and the program be for another (a binary copied in,
    // built elsewhere): the ELF header of the program the container starts tells.
    if let Some((program, machine)) = entrypoint_machine(image)
        && machine != host_arch
    {
        return vec![Finding {
            severity: Severity::Error,
            location: location.into(),
            problem: t!(
                "doctor-image-program-arch",
                image = image,
                platform = platform,
                program = program,
                machine = machine,
                host = host_arch
            ),
            fix: t!("doctor-image-program-arch-fix"),
            read: read::case(7),
        }];
    }
    vec![]
}

pub(crate) fn image_location(file: &str, id: &str) -> String {
    if file == "--image" {
        format!("image {id}")
    } else {
        format!("{file}: {id}")
    }
}

/// The architecture an ELF header is for, by its e_machine (Docker's names).
pub(crate) fn elf_machine(header: &[u8]) -> Option<&'static str> {
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
pub(crate) fn first_tar_entry(tar: &[u8]) -> Option<(u8, String, &[u8])> {
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
pub(crate) fn entrypoint_machine(image: &str) -> Option<(String, &'static str)> {
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

//! The local images the manifests run, asked of this machine's Docker: an image the cluster
//! cannot get, and an image or entrypoint built for another architecture.
//!
//! Parsing is done by crates made for it (issue 13): the ELF header of the program an image
//! starts by [`object`] (gimli-rs, the reader Rust's own backtraces use; only its ELF reader is
//! built, no new crate besides it), the tar stream `docker cp` writes by [`tar`] (the
//! rust-lang-era tar-rs, without xattr: one more crate, filetime). Both replaced header offsets
//! written by hand, which missed big-endian ppc64 and tar's long link names.

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

/// The architecture an ELF header is for, by its e_machine (Docker's names): [`object`]
/// reads the header (class, byte order, version checked), so an ELF of either byte order or
/// size is read alike and anything else is no ELF.
pub(crate) fn elf_machine(data: &[u8]) -> Option<&'static str> {
    use object::{
        Endianness,
        elf::{self, FileHeader32, FileHeader64},
        read::elf::FileHeader,
    };
    fn machine<H: FileHeader<Endian = Endianness>>(data: &[u8]) -> Option<(u16, bool)> {
        let header = H::parse(data).ok()?;
        let endian = header.endian().ok()?;
        Some((header.e_machine(endian), header.is_little_endian()))
    }
    let (machine, little) = match object::FileKind::parse(data).ok()? {
        object::FileKind::Elf32 => machine::<FileHeader32<Endianness>>(data)?,
        object::FileKind::Elf64 => machine::<FileHeader64<Endianness>>(data)?,
        _ => return None,
    };
    Some(match machine {
        elf::EM_386 => "386",
        elf::EM_X86_64 => "amd64",
        elf::EM_AARCH64 => "arm64",
        elf::EM_ARM => "arm",
        elf::EM_RISCV => "riscv64",
        elf::EM_PPC64 if little => "ppc64le",
        elf::EM_PPC64 => "ppc64",
        elf::EM_S390 => "s390x",
        _ => "an unknown architecture",
    })
}

/// The first file of a tar stream (what `docker cp CONTAINER:PATH -` writes): whether it is a
/// symbolic link and to what, and its content. Read with [`tar`], so PAX and GNU long names
/// and link targets (over 100 bytes) are read as Docker wrote them.
pub(crate) fn first_tar_entry(stream: &[u8]) -> Option<TarEntry> {
    use std::io::Read as _;
    let mut archive = tar::Archive::new(stream);
    let mut entry = archive.entries().ok()?.next()?.ok()?;
    let link = match entry.header().entry_type() {
        tar::EntryType::Symlink => Some(entry.link_name().ok()??.to_string_lossy().into_owned()),
        _ => None,
    };
    let mut content = Vec::new();
    entry.read_to_end(&mut content).ok()?;
    Some(TarEntry { link, content })
}

/// One file of a tar stream.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TarEntry {
    /// The target, if the file is a symbolic link.
    pub(crate) link: Option<String>,
    pub(crate) content: Vec<u8>,
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
            let Some(entry) = first_tar_entry(&tar) else {
                continue 'candidates;
            };
            if let Some(link) = entry.link {
                file = if link.starts_with('/') {
                    link
                } else {
                    let dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
                    format!("{dir}/{link}")
                };
                continue;
            }
            found = elf_machine(&entry.content).map(|machine| (candidate.clone(), machine));
            break 'candidates;
        }
    }
    let _ = docker(&["rm", &id]);
    found
}

#[cfg(test)]
mod tests {
    use super::{TarEntry, elf_machine, first_tar_entry};

    /// An ELF header: class (1: 32-bit, 2: 64-bit), byte order (1: little, 2: big), e_machine.
    fn elf(class: u8, order: u8, machine: u16) -> Vec<u8> {
        let mut header = vec![0u8; if class == 2 { 64 } else { 52 }];
        header[..4].copy_from_slice(b"\x7fELF");
        header[4] = class;
        header[5] = order;
        header[6] = 1; // EV_CURRENT
        header[16] = 2; // ET_EXEC
        let bytes = if order == 2 {
            machine.to_be_bytes()
        } else {
            machine.to_le_bytes()
        };
        header[18..20].copy_from_slice(&bytes);
        header
    }

    #[test]
    fn elf_headers_of_either_architecture_byte_order_and_size() {
        assert_eq!(elf_machine(&elf(2, 1, 62)), Some("amd64"));
        assert_eq!(elf_machine(&elf(2, 1, 183)), Some("arm64"));
        assert_eq!(elf_machine(&elf(1, 1, 40)), Some("arm"));
        assert_eq!(elf_machine(&elf(1, 1, 3)), Some("386"));
        assert_eq!(elf_machine(&elf(2, 1, 243)), Some("riscv64"));
        assert_eq!(elf_machine(&elf(2, 2, 22)), Some("s390x"));
        assert_eq!(elf_machine(&elf(2, 1, 21)), Some("ppc64le"));
        assert_eq!(elf_machine(&elf(2, 2, 21)), Some("ppc64"));
        assert_eq!(
            elf_machine(&elf(2, 1, 0x9026)),
            Some("an unknown architecture")
        );
    }

    #[test]
    fn what_is_not_an_elf_header_is_none() {
        assert_eq!(elf_machine(b"#!/bin/sh\necho hello\n"), None);
        assert_eq!(elf_machine(&elf(2, 1, 62)[..20]), None, "cut short");
        let mut unknown_class = elf(2, 1, 62);
        unknown_class[4] = 3;
        assert_eq!(elf_machine(&unknown_class), None);
    }

    fn stream(build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        build(&mut builder);
        builder.into_inner().unwrap()
    }

    #[test]
    fn the_first_file_of_a_tar_stream_and_where_a_link_points() {
        let file = stream(|b| {
            let mut header = tar::Header::new_gnu();
            header.set_size(5);
            header.set_cksum();
            b.append_data(&mut header, "server", &b"\x7fELF!"[..5])
                .unwrap();
        });
        assert_eq!(
            first_tar_entry(&file),
            Some(TarEntry {
                link: None,
                content: b"\x7fELF!"[..5].to_vec()
            })
        );
        // A link target longer than a tar header's 100 bytes (a GNU long-link record first).
        let target = format!("/opt/{}/bin/server", "long-folder-name/".repeat(8));
        let link = stream(|b| {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(tar::EntryType::Symlink);
            header.set_size(0);
            b.append_link(&mut header, "usr/local/bin/server", &target)
                .unwrap();
        });
        assert_eq!(first_tar_entry(&link).unwrap().link, Some(target));
        assert_eq!(first_tar_entry(b""), None);
        assert_eq!(first_tar_entry(&[0u8; 100]), None);
    }
}

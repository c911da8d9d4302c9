//! `start`, `reset`, `hint`, `list` and `verify`: the exercises' life cycle.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{i18n, t};

use super::{
    case::{Case, cases, find},
    paths::{NOT_FIXED, OK, exercises_root, fail, repo_root, shown},
    plain::write_plain,
    progress::{Outcome, Progress, now, utc},
};

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<Vec<String>> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<PathBuf> = fs::read_dir(from)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let mut copied = Vec::new();
    for entry in entries {
        let name = entry.file_name().unwrap_or_default();
        let target = to.join(name);
        if entry.is_dir() {
            for inner in copy_dir(&entry, &target)? {
                copied.push(format!("{}/{inner}", name.to_string_lossy()));
            }
        } else {
            fs::copy(&entry, &target)?;
            copied.push(name.to_string_lossy().into_owned());
        }
    }
    Ok(copied)
}

/// `trouble start N`: copies the broken variant, never over the learner's folder.
pub fn start(arg: &str) -> u8 {
    let case = match find(arg) {
        Ok(case) => case,
        Err(e) => return fail(e),
    };
    let folder = case.exercise();
    if folder.exists() {
        eprintln!(
            "trouble: {}",
            t!(
                "trouble-exists",
                folder = shown(&folder),
                n = case.number.to_string(),
                old = shown(&exercises_root().join(".old"))
            )
        );
        return NOT_FIXED;
    }
    copy_fresh(&case)
}

fn copy_fresh(case: &Case) -> u8 {
    let folder = case.exercise();
    // A Docker case's broken variant is copied; a Kubernetes case's is an overlay of lesson 4's
    // manifests, written out as the plain manifests it renders (the exercise is to fix those).
    let broken = case.dir().join("broken");
    let files = if case.is_docker() {
        copy_dir(&broken, &folder).map_err(|e| e.to_string())
    } else {
        write_plain(&broken, &folder)
    };
    let files = match files {
        Ok(files) => files,
        Err(e) => {
            return fail(t!(
                "trouble-cannot-copy",
                folder = shown(&folder),
                error = e
            ));
        }
    };
    let n = case.number;
    println!("{}", case.heading());
    println!(
        "{}",
        t!(
            "trouble-started",
            name = &case.name,
            n = n.to_string(),
            folder = shown(&folder)
        )
    );
    for file in files {
        println!("  {file}");
    }
    let symptom = if case.is_docker() {
        t!("trouble-symptom-docker")
    } else {
        t!("trouble-symptom-kubernetes")
    };
    println!("{}", t!("trouble-something-wrong", symptom = symptom));
    let check = format!("just trouble-check {n}");
    let hint = format!("just trouble-hint {n}");
    let width = check.len().max(hint.len()) + 4;
    println!("  {}{}", i18n::pad(&check, width), t!("trouble-what-check"));
    println!("  {}{}", i18n::pad(&hint, width), t!("trouble-what-hint"));
    OK
}

/// `trouble reset N`: moves the learner's folder to `.old/` and copies the broken variant again.
pub fn reset(arg: &str) -> u8 {
    let case = match find(arg) {
        Ok(case) => case,
        Err(e) => return fail(e),
    };
    // Starting again: the exercise is no longer checked.
    if let Err(e) = Progress::record(|p| {
        p.exercises.remove(&case.name);
    }) {
        return fail(e);
    }
    let folder = case.exercise();
    if folder.exists() {
        let old = exercises_root().join(".old");
        let mut kept = old.join(format!("{}-{}", case.name, now()));
        let mut i = 1;
        while kept.exists() {
            kept = old.join(format!("{}-{}-{i}", case.name, now()));
            i += 1;
        }
        if let Err(e) = fs::create_dir_all(&old).and_then(|_| fs::rename(&folder, &kept)) {
            return fail(t!(
                "trouble-cannot-move",
                folder = shown(&folder),
                error = e.to_string()
            ));
        }
        println!("{}", t!("trouble-kept", kept = shown(&kept)));
    }
    copy_fresh(&case)
}

/// `trouble hint N`.
pub fn hint(arg: &str) -> u8 {
    let case = match find(arg) {
        Ok(case) => case,
        Err(e) => return fail(e),
    };
    println!("{}", case.heading());
    println!(
        "{}\n{}",
        t!("trouble-hint-for", name = &case.name),
        case.hint().trim()
    );
    println!(
        "{}",
        t!(
            "trouble-still-stuck",
            nn = format!("{:02}", case.number),
            fixed = shown(&case.dir().join("fixed"))
        )
    );
    OK
}

/// `trouble list`: every exercise, and the lessons' tests as last run by `verify`.
pub fn list() -> u8 {
    let progress = match Progress::load() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let all = cases();
    println!(
        "{}",
        t!("trouble-list-title", folder = shown(&exercises_root()))
    );
    let status = |word: String, more: String| format!("{} {more}", i18n::pad(&word, 12));
    let mut fixed = 0;
    for case in &all {
        let status = match progress.exercises.get(&case.name) {
            Some(o) if o.passed => {
                fixed += 1;
                status(
                    t!("trouble-status-fixed"),
                    t!("trouble-status-checked", at = utc(o.at)),
                )
            }
            Some(o) => status(
                t!("trouble-status-not-fixed"),
                t!("trouble-status-checked", at = utc(o.at)),
            ),
            None if case.exercise().exists() => status(
                t!("trouble-status-started"),
                t!("trouble-status-not-checked"),
            ),
            None => t!("trouble-status-not-started"),
        };
        println!("  {:<28} {status}", case.name);
        println!("    {}", case.title());
    }
    println!(
        "{}",
        t!("trouble-fixed-count", fixed = fixed, total = all.len())
    );
    println!("\n{}", t!("trouble-lessons-title"));
    for (number, lesson, package) in lessons() {
        let status = match progress.lessons.get(&lesson) {
            Some(o) => status(
                if o.passed {
                    t!("trouble-lesson-passed")
                } else {
                    t!("trouble-lesson-failed")
                },
                format!("({}: {})", utc(o.at), o.command),
            ),
            None => status(
                t!("trouble-lesson-not-run"),
                t!(
                    "trouble-lesson-how",
                    n = number.to_string(),
                    package = package
                ),
            ),
        };
        println!("  {lesson:<28} {status}");
    }
    OK
}

// ---------------------------------------------------------------------------------------------
// Lessons

/// `(number, folder name, package)` of every lesson.
pub fn lessons() -> Vec<(u32, String, String)> {
    let mut out: Vec<(u32, String, String)> = fs::read_dir(repo_root().join("lessons"))
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let number = name.split('-').next()?.parse().ok()?;
                    let manifest = fs::read_to_string(e.path().join("Cargo.toml")).ok()?;
                    let package = manifest
                        .lines()
                        .find_map(|l| l.strip_prefix("name = "))?
                        .trim_matches('"')
                        .to_owned();
                    Some((number, name, package))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// `verify N [ARGS...]`: runs the lesson's tests (`cargo test -p PACKAGE ARGS...`, with the
/// cargo in `$CARGO`) and records whether they passed, and the command, for `trouble list`.
pub fn verify(arg: &str, extra: &[String]) -> u8 {
    let all = lessons();
    let Some((_, lesson, package)) = arg
        .parse::<u32>()
        .ok()
        .and_then(|n| all.iter().find(|l| l.0 == n))
    else {
        let numbers: Vec<String> = all.iter().map(|l| l.0.to_string()).collect();
        return fail(t!(
            "trouble-no-lesson",
            arg = format!("{arg:?}"),
            numbers = numbers.join(", ")
        ));
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut args = vec!["test".to_owned(), "-p".to_owned(), package.clone()];
    args.extend(extra.iter().cloned());
    let command = format!("cargo {}", args.join(" "));
    eprintln!("verify: {command}");
    let status = Command::new(&cargo)
        .args(&args)
        .current_dir(repo_root())
        .status();
    let status = match status {
        Ok(status) => status,
        Err(e) => {
            return fail(t!(
                "trouble-cannot-run",
                program = &cargo,
                error = e.to_string()
            ));
        }
    };
    let passed = status.success();
    let outcome = Outcome {
        passed,
        at: now(),
        command: command.clone(),
    };
    if let Err(e) = Progress::record(|p| {
        p.lessons.insert(lesson.clone(), outcome);
    }) {
        return fail(e);
    }
    println!(
        "{}",
        t!(
            "trouble-verified",
            lesson = lesson,
            command = &command,
            outcome = if passed {
                t!("trouble-lesson-passed")
            } else {
                t!("trouble-lesson-failed")
            },
            path = shown(&Progress::path())
        )
    );
    if passed {
        OK
    } else {
        status.code().map_or(NOT_FIXED, |c| c.clamp(1, 255) as u8)
    }
}

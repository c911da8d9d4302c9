//! `workbook trouble`: the troubleshooting lab's cases as exercises, in the manner of rustlings.
//!
//! The cases, their titles, hints and what each fixed variant must do are the lab's manifest,
//! `lessons/05-troubleshooting/cases.toml` ([`crate::cases`]). Messages are in the locale's
//! language ([`crate::i18n`]).
//!
//! `start N` copies case N's broken variant into the learner's own folder (`exercises/NN-name/`
//! at the repository root, or `$WORKBOOK_EXERCISES/NN-name/`); the learner edits it; `check N`
//! runs on it the checks the lab's tests run on the fixed variant - the doctor must find
//! nothing, and for a Docker case the learner's Dockerfile is built (from the repository root,
//! as `scripts/docker-build` builds every image) and run until the real symptom is gone. `hint N`
//! prints the case's hint; `list` shows the exercises fixed and the lessons whose tests
//! passed when last run through `workbook verify N`. Progress is kept in `.progress.json` in the
//! exercises folder, so it survives restarts. Nothing the learner wrote is overwritten:
//! `start` refuses an existing folder, `reset` moves it to `.old/` before copying again.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    fs,
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

use crate::{
    Severity, cases,
    doctor::{self, Diagnosis},
    i18n, t,
};

/// Where the lab's cases are, relative to the repository root.
pub const CASES: &str = "lessons/05-troubleshooting/cases";
/// The progress file, in the exercises folder.
pub const PROGRESS: &str = ".progress.json";

/// Exit codes: fixed or done; not fixed (or refused); could not even try.
pub const OK: u8 = 0;
pub const NOT_FIXED: u8 = 1;
pub const USAGE: u8 = 2;

/// The repository this binary was built from: the build context and the home of the cases.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is inside the repository")
        .to_owned()
}

/// The learner's exercises: `$WORKBOOK_EXERCISES`, or `exercises/` at the repository root.
pub fn exercises_root() -> PathBuf {
    std::env::var_os("WORKBOOK_EXERCISES")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("exercises"))
}

/// A path as the learner reads it: relative to the repository root when inside it.
fn shown(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Cases

/// One case of the lab, e.g. `04-listening-on-localhost`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub number: u32,
    pub name: String,
}

impl Case {
    /// The case's entry in the manifest.
    pub fn info(&self) -> &'static cases::Case {
        cases::get(self.number).expect("a Case is made from the manifest")
    }

    pub fn dir(&self) -> PathBuf {
        repo_root().join(self.info().dir())
    }

    /// A Docker case has a Dockerfile to build; the others are Kubernetes manifests.
    pub fn is_docker(&self) -> bool {
        self.info().is_docker()
    }

    /// The title in the locale's language (plain text).
    pub fn title(&self) -> String {
        match i18n::lang() {
            i18n::Lang::En => self.info().plain_title(),
            i18n::Lang::Ja => self.info().plain_title_ja(),
        }
    }

    /// The hint in the locale's language.
    pub fn hint(&self) -> &'static str {
        match i18n::lang() {
            i18n::Lang::En => &self.info().hint,
            i18n::Lang::Ja => &self.info().hint_ja,
        }
    }

    /// `Case 04: TITLE (book/src/05-troubleshooting/docker.md#case-04-...)`.
    pub fn heading(&self) -> String {
        t!(
            "trouble-case",
            nn = format!("{:02}", self.number),
            title = self.title(),
            link = self.info().book_link()
        )
    }

    /// The learner's folder for it.
    pub fn exercise(&self) -> PathBuf {
        exercises_root().join(&self.name)
    }
}

/// Every case of the manifest, in order.
pub fn cases() -> Vec<Case> {
    cases::all()
        .iter()
        .map(|c| Case {
            number: c.number,
            name: c.name(),
        })
        .collect()
}

/// The case a learner names: `4`, `04` or `04-listening-on-localhost`.
pub fn find(arg: &str) -> Result<Case, String> {
    let all = cases();
    let found = cases::find(arg).and_then(|c| all.iter().find(|a| a.number == c.number));
    found.cloned().ok_or_else(|| {
        let range = match (all.first(), all.last()) {
            (Some(first), Some(last)) => {
                t!("trouble-range", first = first.number, last = last.number)
            }
            _ => t!("trouble-range-none", cases = CASES),
        };
        t!(
            "trouble-no-exercise",
            arg = format!("{arg:?}"),
            range = range
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Progress

/// The last result of a check (`workbook trouble check N`) or of a lesson's tests
/// (`workbook verify N`), and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub passed: bool,
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// What ran.
    pub command: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub exercises: BTreeMap<String, Outcome>,
    #[serde(default)]
    pub lessons: BTreeMap<String, Outcome>,
}

impl Progress {
    pub fn path() -> PathBuf {
        exercises_root().join(PROGRESS)
    }

    /// The saved progress (none yet is empty progress); a file that is not ours is an error,
    /// never silently replaced.
    pub fn load() -> Result<Progress, String> {
        let path = Self::path();
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                t!(
                    "trouble-progress-foreign",
                    path = shown(&path),
                    error = e.to_string()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Progress::default()),
            Err(e) => Err(t!(
                "trouble-cannot-read",
                path = shown(&path),
                error = e.to_string()
            )),
        }
    }

    /// Writes the whole file anew (a temporary file renamed over it: never half written).
    pub fn save(&self) -> Result<(), String> {
        let path = Self::path();
        let fail = |e: std::io::Error| {
            t!(
                "trouble-cannot-write",
                path = shown(&path),
                error = e.to_string()
            )
        };
        fs::create_dir_all(exercises_root()).map_err(fail)?;
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("progress is JSON") + "\n";
        fs::write(&temporary, text).map_err(fail)?;
        fs::rename(&temporary, &path).map_err(fail)
    }

    /// Loads, changes and saves.
    fn record(change: impl FnOnce(&mut Progress)) -> Result<(), String> {
        let mut progress = Self::load()?;
        change(&mut progress);
        progress.save()
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `2025-11-28 04:50 UTC`.
pub fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

// ---------------------------------------------------------------------------------------------
// Commands

fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("trouble: {message}");
    USAGE
}

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
    let files = match copy_dir(&case.dir().join("broken"), &folder) {
        Ok(files) => files,
        Err(e) => {
            return fail(t!(
                "trouble-cannot-copy",
                folder = shown(&folder),
                error = e.to_string()
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

// ---------------------------------------------------------------------------------------------
// check

/// `trouble check N`: the doctor on the learner's folder, then (Docker cases) their image built
/// and run; records the outcome.
pub fn check(arg: &str) -> u8 {
    let case = match find(arg) {
        Ok(case) => case,
        Err(e) => return fail(e),
    };
    let n = case.number;
    let folder = case.exercise();
    if !folder.is_dir() {
        return fail(t!(
            "trouble-not-started",
            n = n.to_string(),
            folder = shown(&folder)
        ));
    }
    if let Err(e) = Progress::load() {
        return fail(e);
    }
    println!(
        "{}",
        t!(
            "trouble-checking",
            name = &case.name,
            folder = shown(&folder)
        )
    );

    // 1. The doctor, as the tests run it on the fixed variants: nothing at all to say.
    // Named relative to where the learner is, as `just doctor exercises/...` would.
    let given = std::env::current_dir()
        .ok()
        .and_then(|here| folder.strip_prefix(here).ok().map(Path::to_owned))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| folder.clone());
    let report = doctor::examine(
        &[given],
        &doctor::Options {
            no_docker: true,
            ..Default::default()
        },
    );
    let ours = format!("case {n:02}");
    let (own, other): (Vec<&Diagnosis>, Vec<&Diagnosis>) = report
        .diagnoses
        .iter()
        .filter(|d| d.severity != Severity::Hint) // a hint is no mistake of the exercise
        .partition(|d| d.read.contains(&ours));
    if report.diagnoses.is_empty() {
        println!("{}", t!("doctor-nothing"));
    }
    for d in &report.diagnoses {
        let text = i18n::diagnosis(d.severity, &d.location, &d.problem, &d.fix, d.read);
        println!("{text}\n");
    }
    let mut problems = Vec::new();
    if !own.is_empty() {
        problems.push(t!("trouble-own-mistake", nn = format!("{n:02}")));
    }
    if !other.is_empty() {
        problems.push(t!("trouble-other-problems", count = other.len()));
    }

    // 2. A Docker case: the learner's Dockerfile, built and run for real.
    if case.is_docker() {
        let dockerfile = folder.join("Dockerfile");
        if !docker_answers() {
            return fail(t!("trouble-no-docker"));
        }
        if !dockerfile.is_file() {
            problems.push(t!("trouble-no-dockerfile", path = shown(&dockerfile)));
        } else {
            let outcome = run_image(&case, &dockerfile);
            for line in &outcome.lines {
                println!("{line}");
            }
            if let Some(symptom) = outcome.symptom {
                println!("{}", t!("trouble-symptom", symptom = symptom));
                problems.push(t!("trouble-symptom-still-there"));
            }
        }
    }

    let passed = problems.is_empty();
    let outcome = Outcome {
        passed,
        at: now(),
        command: format!("workbook trouble check {n}"),
    };
    if let Err(e) = Progress::record(|p| {
        p.exercises.insert(case.name.clone(), outcome);
    }) {
        return fail(e);
    }
    if report.diagnoses.is_empty() || case.is_docker() {
        println!();
    }
    if passed {
        let how = if case.is_docker() {
            t!("trouble-fixed-docker")
        } else {
            t!("trouble-fixed-kubernetes")
        };
        println!(
            "{}",
            t!(
                "trouble-is-fixed",
                name = &case.name,
                how = how,
                path = shown(&Progress::path())
            )
        );
        OK
    } else {
        println!(
            "{}",
            t!(
                "trouble-not-fixed",
                name = &case.name,
                problems = problems.join("; "),
                folder = shown(&folder),
                n = n.to_string()
            )
        );
        NOT_FIXED
    }
}

fn docker_answers() -> bool {
    Command::new("docker")
        .args(["version", "--format", "{{.Server.Version}}"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What building and running the learner's image showed.
struct ImageOutcome {
    lines: Vec<String>,
    /// The symptom, if it is still there.
    symptom: Option<String>,
}

fn docker(args: &[&str]) -> (bool, String, String) {
    match Command::new("docker").args(args).output() {
        Ok(out) => (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).trim().to_owned(),
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        ),
        Err(e) => (false, String::new(), e.to_string()),
    }
}

/// Removes the check's container however the check ends.
struct Container(String);

impl Drop for Container {
    fn drop(&mut self) {
        let _ = Command::new("docker")
            .args(["rm", "-f", &self.0])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_image(case: &Case, dockerfile: &Path) -> ImageOutcome {
    let mut lines = Vec::new();
    let n = case.number;
    let tag = format!("model-in-image-workbook/exercise-{n:02}:latest");
    let iidfile = std::env::temp_dir().join(format!(
        "workbook-exercise-{n:02}-{}.iid",
        std::process::id()
    ));
    println!(
        "{}",
        t!(
            "trouble-building",
            dockerfile = shown(dockerfile),
            tag = &tag
        )
    );
    let started = Instant::now();
    let built = Command::new(repo_root().join("scripts/docker-build"))
        .arg(&tag)
        .arg(dockerfile)
        .arg("--iidfile")
        .arg(&iidfile)
        .arg("--progress=plain")
        .current_dir(repo_root())
        .output();
    let image = fs::read_to_string(&iidfile).unwrap_or_default();
    let _ = fs::remove_file(&iidfile);
    match built {
        Ok(out) if out.status.success() && !image.trim().is_empty() => {
            let seconds = format!("{:.0}", started.elapsed().as_secs_f64());
            lines.push(t!("trouble-built", seconds = seconds));
        }
        Ok(out) => {
            let log = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = log.lines().rev().take(25).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return ImageOutcome {
                lines,
                symptom: Some(format!(
                    "{}\n{}",
                    t!("trouble-does-not-build"),
                    indent(&tail.join("\n"))
                )),
            };
        }
        Err(e) => {
            return ImageOutcome {
                lines,
                symptom: Some(t!(
                    "trouble-cannot-run",
                    program = "scripts/docker-build",
                    error = e.to_string()
                )),
            };
        }
    }
    let image = image.trim().to_owned();
    let info = case.info();
    let symptom = match info.expect {
        cases::Expect::RunsToSuccess => {
            let (ok, stdout, stderr) = docker(&["run", "--rm", &image]);
            let output = [stdout, stderr].join("\n").trim().to_owned();
            if ok {
                lines.push(format!(
                    "{}\n{}",
                    t!("trouble-ran", tag = &tag),
                    indent(&output)
                ));
            }
            (!ok).then(|| {
                format!(
                    "{}\n{}",
                    t!("trouble-run-fails", tag = &tag),
                    indent(&output)
                )
            })
        }
        cases::Expect::Serves | cases::Expect::DoctorClean => {
            let serves = serves(n, &image, &mut lines);
            let size = info.max_image_mb.and_then(|max| {
                let (_, size, _) = docker(&["image", "inspect", "-f", "{{.Size}}", &image]);
                let mb = size.parse::<f64>().unwrap_or_default() / 1e6;
                let shown_mb = format!("{mb:.0}");
                lines.push(t!("trouble-image-size", mb = &shown_mb));
                (mb > max).then(|| {
                    t!(
                        "trouble-image-too-large",
                        mb = shown_mb,
                        max = format!("{max:.0}")
                    )
                })
            });
            serves.err().or(size)
        }
    };
    ImageOutcome { lines, symptom }
}

/// Runs the image with port 8000 published, waits until the server says it listens (or exits),
/// and asks it for a prediction through the published port, as the tests' `assert_serves` does.
fn serves(n: u32, image: &str, lines: &mut Vec<String>) -> Result<(), String> {
    let name = format!("workbook-exercise-{n:02}-{}", std::process::id());
    let _ = docker(&["rm", "-f", &name]);
    let container = Container(name);
    let name = container.0.as_str();
    let (ok, _, stderr) = docker(&["run", "-d", "--name", name, "-p", "127.0.0.1::8000", image]);
    if !ok {
        // Docker's own error, without its advice to read `docker run --help`.
        let error: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("Run 'docker run --help'"))
            .collect();
        return Err(format!(
            "{}\n{}",
            t!("trouble-docker-run-fails"),
            indent(&error.join("\n"))
        ));
    }
    let deadline = Instant::now() + Duration::from_secs(90);
    let logs = || {
        let (_, out, err) = docker(&["logs", name]);
        [out, err].join("\n").trim().to_owned()
    };
    loop {
        let text = logs();
        if let Some(line) = text.lines().find(|l| l.contains("listening on")) {
            lines.push(t!("trouble-server-logs", line = line.trim()));
            break;
        }
        let (_, state, _) = docker(&[
            "inspect",
            "-f",
            "{{.State.Running}} {{.State.ExitCode}}",
            name,
        ]);
        if let Some(code) = state.strip_prefix("false ") {
            return Err(format!(
                "{}\n{}",
                t!("trouble-exits-at-once", code = code),
                indent(&logs())
            ));
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{}\n{}",
                t!("trouble-never-listens", seconds = "90"),
                indent(&text)
            ));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let (_, port, _) = docker(&["port", name, "8000/tcp"]);
    let address = port.lines().next().unwrap_or_default().to_owned();
    let Ok(address) = address.parse::<SocketAddr>() else {
        return Err(t!("trouble-port-not-published", port = format!("{port:?}")));
    };
    let mut said = String::new();
    for (path, expected) in [
        ("/health", None),
        ("/predict/test/label", Some(r#"{"prediction":"setosa"}"#)),
    ] {
        match http_get(address, path) {
            Ok((200, body)) if expected.is_none_or(|e| body.trim() == e) => {
                let _ = write!(said, "GET {path}: 200 {}; ", body.trim());
            }
            Ok((status, body)) => {
                return Err(t!(
                    "trouble-port-answers",
                    path = path,
                    status = status.to_string(),
                    body = body.trim()
                ));
            }
            Err(e) => {
                return Err(t!(
                    "trouble-port-no-answer",
                    address = address.to_string(),
                    path = path,
                    error = e
                ));
            }
        }
    }
    lines.push(t!(
        "trouble-port-served",
        said = said.trim_end_matches("; ")
    ));
    Ok(())
}

/// A plain HTTP/1.1 GET: the status and the body, or why no answer came.
fn http_get(address: SocketAddr, path: &str) -> Result<(u16, String), String> {
    let timeout = Duration::from_secs(10);
    let mut stream = TcpStream::connect_timeout(&address, timeout).map_err(|e| e.to_string())?;
    // Docker's proxy accepts the connection, finds nothing listening behind it and closes it:
    // depending on timing the request cannot be written (broken pipe), the answer is reset,
    // or it is empty. All say the same.
    let closed = t!("trouble-closed");
    let mut bytes = Vec::new();
    let exchange = stream
        .set_read_timeout(Some(timeout))
        .and_then(|_| {
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            )
        })
        .and_then(|_| stream.read_to_end(&mut bytes));
    match exchange {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            return Err(t!(
                "trouble-no-answer-within",
                seconds = timeout.as_secs().to_string()
            ));
        }
        Err(_) => return Err(closed),
        Ok(_) if bytes.is_empty() => return Err(closed),
        Ok(_) => {}
    }
    let text = String::from_utf8_lossy(&bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {head:?}"))?;
    Ok((status, body.to_owned()))
}

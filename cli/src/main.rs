//! `workbook check-manifests [--production] [--image IMAGE] [--paths /a,/b] PATH...`
//! `workbook doctor [--strict] [--no-docker] [--image IMAGE]... [--cluster [--namespace NS]] [PATH...]`
//! `workbook trouble [list | [start] N | check N | hint N | reset N]`
//! `workbook verify N [CARGO TEST ARGS...]`
//!
//! Reads the manifests strictly and cross-checks them; prints one line per finding and exits
//! 1 when there is an error, 0 otherwise (warnings alone do not fail). `--production` adds
//! kube-linter's default checks (security context, anti-affinity, PodDisruptionBudgets...),
//! which lesson 4's learning manifests do not try to meet.
//!
//! `doctor` looks at Dockerfiles, manifests and the local images the manifests run - and at
//! live objects: a file of `kubectl get ... -o yaml` output, or with `--cluster` the cluster
//! the kubeconfig names (namespace model-in-image unless `--namespace`) - and names each
//! mistake of the troubleshooting chapter with its fix and the section to read. Each rule
//! checks what it assumes about the app (where the image comes from, what it holds, what the
//! container speaks) and, where it cannot tell, says so as a hint. Exit code: 0 when it finds
//! nothing, only warnings or only hints, 1 when it finds an error (with `--strict`, a warning
//! too; a hint never), 2 for a usage error or, with `--cluster`, no cluster to ask.
//!
//! `trouble` runs lesson 5's exercises (see `trouble.rs`): exit code 0 when done or fixed, 1
//! when not fixed (or `start` refuses to overwrite), 2 when it could not even try. `verify`
//! runs a lesson's tests and records the result for `trouble list`.

use std::{path::PathBuf, process::ExitCode};

use workbook_cli::{Expectations, Severity, check, lint, load_path, trouble};

const USAGE: &str = "usage: workbook check-manifests [--production] [--image IMAGE] [--paths /health,/ready] FILE_OR_FOLDER...
       workbook doctor [--strict] [--no-docker] [--image IMAGE]... [--cluster [--namespace NS]] [FILE_OR_FOLDER...]
       workbook trouble [list | [start] N | check N | hint N | reset N]
       workbook verify N [CARGO TEST ARGS...]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("check-manifests") => check_manifests(args.collect()),
        Some("doctor") => doctor(args.collect()),
        Some("trouble") => trouble(args.collect()),
        Some("verify") => match args.next() {
            Some(n) => ExitCode::from(trouble::verify(&n, &args.collect::<Vec<_>>())),
            None => {
                eprintln!("which lesson? workbook verify N\n{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check_manifests(args: Vec<String>) -> ExitCode {
    let mut expect = Expectations::default();
    let mut paths = Vec::new();
    let mut production = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--production" => production = true,
            "--image" => expect.image = args.next(),
            "--paths" => {
                expect.server_paths = args
                    .next()
                    .map(|p| p.split(',').map(str::to_owned).collect())
            }
            flag if flag.starts_with("--") => {
                eprintln!("unknown option {flag}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut manifests = Vec::new();
    let mut findings = Vec::new();
    for path in &paths {
        let (m, f) = load_path(path);
        manifests.extend(m);
        findings.extend(f);
    }
    findings.extend(check(&manifests, &expect));
    if production {
        findings.extend(lint(&manifests));
    }
    for finding in &findings {
        println!("{finding}");
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    println!(
        "{} objects checked: {errors} errors, {warnings} warnings",
        manifests.len()
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The namespace of the guide's manifests, which `doctor --cluster` looks at by default.
const GUIDE_NAMESPACE: &str = "model-in-image";

fn doctor(args: Vec<String>) -> ExitCode {
    let mut options = workbook_cli::doctor::Options::default();
    let mut strict = false;
    let mut cluster = false;
    let mut namespace = None;
    let mut paths = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--strict" => strict = true,
            "--no-docker" => options.no_docker = true,
            "--cluster" => cluster = true,
            "--namespace" => match args.next() {
                Some(ns) if !ns.starts_with('-') => namespace = Some(ns),
                _ => {
                    eprintln!(
                        "--namespace needs a namespace, e.g. --namespace model-in-image\n{USAGE}"
                    );
                    return ExitCode::from(2);
                }
            },
            "--image" => match args.next() {
                Some(image) => options.images.push(image),
                None => {
                    eprintln!(
                        "--image needs an image, e.g. --image model-in-image-pattern:v1.0\n{USAGE}"
                    );
                    return ExitCode::from(2);
                }
            },
            flag if flag.starts_with("--") => {
                eprintln!("unknown option {flag}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if namespace.is_some() && !cluster {
        eprintln!("--namespace goes with --cluster\n{USAGE}");
        return ExitCode::from(2);
    }
    if paths.is_empty() && options.images.is_empty() && !cluster {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    // The cluster first: when there is none, say so before anything else.
    let live = if cluster {
        let namespace = namespace.as_deref().unwrap_or(GUIDE_NAMESPACE);
        match workbook_cli::cluster::fetch(namespace) {
            Ok(found) => Some(found),
            Err(why) => {
                eprintln!("doctor --cluster: {why}");
                return ExitCode::from(2);
            }
        }
    } else {
        None
    };
    let mut report = if paths.is_empty() && options.images.is_empty() {
        workbook_cli::doctor::Report::default()
    } else {
        workbook_cli::doctor::examine(&paths, &options)
    };
    if let Some((source, objects)) = live {
        report
            .diagnoses
            .extend(workbook_cli::live::diagnose(&source, &objects));
        report.live += objects.len();
        if objects.is_empty() {
            report.notes.push(format!(
                "{source}: no Pods, Services or HPAs at all: is it the namespace you deployed to? (kubectl get namespaces; --namespace NS)"
            ));
        }
    }
    for diagnosis in &report.diagnoses {
        println!("{diagnosis}\n");
    }
    for note in &report.notes {
        println!("note: {note}");
    }
    let errors = report.errors();
    let warnings = report.count(Severity::Warning);
    let hints = match report.count(Severity::Hint) {
        0 => String::new(),
        n => format!(", {n} hints"),
    };
    let live = if report.live > 0 {
        format!(", {} live objects", report.live)
    } else {
        String::new()
    };
    println!(
        "doctor: {} Dockerfiles, {} Kubernetes objects{live}, {} images looked at: {errors} errors, {warnings} warnings{hints}",
        report.dockerfiles, report.manifests, report.images
    );
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn trouble(args: Vec<String>) -> ExitCode {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let code = match args.as_slice() {
        [] | ["list"] => trouble::list(),
        ["start", n] => trouble::start(n),
        [n] if n.starts_with(|c: char| c.is_ascii_digit()) => trouble::start(n),
        ["check", n] => trouble::check(n),
        ["hint", n] => trouble::hint(n),
        ["reset", n] => trouble::reset(n),
        ["start" | "check" | "hint" | "reset"] => {
            eprintln!(
                "which exercise? give its number, e.g. workbook trouble {} 4",
                args[0]
            );
            trouble::USAGE
        }
        _ => {
            eprintln!("{USAGE}");
            trouble::USAGE
        }
    };
    ExitCode::from(code)
}

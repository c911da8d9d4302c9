//! `workbook check-manifests [--production] [--image IMAGE] [--paths /a,/b] PATH...`
//!
//! Reads the manifests strictly and cross-checks them; prints one line per finding and exits
//! 1 when there is an error, 0 otherwise (warnings alone do not fail). `--production` adds
//! kube-linter's default checks (security context, anti-affinity, PodDisruptionBudgets...),
//! which lesson 4's learning manifests do not try to meet.

use std::{path::PathBuf, process::ExitCode};

use workbook_cli::{Expectations, Severity, check, lint, load_path};

const USAGE: &str = "usage: workbook check-manifests [--production] [--image IMAGE] [--paths /health,/ready] FILE_OR_FOLDER...";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("check-manifests") => check_manifests(args.collect()),
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
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
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

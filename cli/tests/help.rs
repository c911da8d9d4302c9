//! `workbook --help` and `workbook COMMAND --help` answer: a learner who forgets a flag asks
//! the command itself, and each command and action says in one line what it is for.

use assert_cmd::Command;

fn help(args: &[&str]) -> String {
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{args:?} --help: {stdout}");
    stdout
}

#[test]
fn workbook_help_lists_every_command_with_what_it_does() {
    let stdout = help(&[]);
    assert!(stdout.contains("Usage: workbook [COMMAND]"), "{stdout}");
    for (command, says) in [
        (
            "check-manifests",
            "Check Kubernetes manifests the way a cluster would",
        ),
        ("doctor", "Name the mistakes in your Dockerfiles, manifests"),
        ("trouble", "troubleshooting exercises"),
        ("verify", "Run lesson N's tests"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(command))
            .unwrap_or_else(|| panic!("{command} is not listed:\n{stdout}"));
        assert!(line.contains(says), "{command}: {line}");
    }
}

#[test]
fn each_command_and_action_has_its_own_help() {
    for (args, usage, flags) in [
        (
            &["check-manifests"][..],
            "Usage: workbook check-manifests [OPTIONS] <FILE_OR_FOLDER>...",
            &["--production", "--image <IMAGE>", "--paths"][..],
        ),
        (
            &["doctor"],
            "Usage: workbook doctor [OPTIONS] [FILE_OR_FOLDER]...",
            &[
                "--strict",
                "--no-docker",
                "--image <IMAGE>",
                "--cluster",
                "--namespace <NS>",
            ],
        ),
        (
            &["trouble"],
            "Usage: workbook trouble [N]",
            &["list", "start", "check", "hint", "reset"],
        ),
        (&["trouble", "list"], "Usage: workbook trouble list", &[]),
        (
            &["trouble", "start"],
            "Usage: workbook trouble start [N]",
            &[],
        ),
        (
            &["trouble", "check"],
            "Usage: workbook trouble check [N]",
            &[],
        ),
        (
            &["trouble", "hint"],
            "Usage: workbook trouble hint [N]",
            &[],
        ),
        (
            &["trouble", "reset"],
            "Usage: workbook trouble reset [N]",
            &[],
        ),
        (
            &["verify"],
            "Usage: workbook verify N [CARGO TEST ARGS]...",
            &[],
        ),
    ] {
        let stdout = help(args);
        assert!(stdout.contains(usage), "{args:?}: {stdout}");
        // The first line says what the command is for, in words.
        let first = stdout.lines().next().unwrap_or_default();
        assert!(first.split_whitespace().count() >= 3, "{args:?}: {first:?}");
        for flag in flags {
            assert!(stdout.contains(flag), "{args:?}: no {flag} in {stdout}");
        }
    }
}

/// A usage error still exits 2 with a line starting `usage: workbook`, as scripts expect.
#[test]
fn usage_errors_exit_2_and_say_usage() {
    for args in [
        &["frobnicate"][..],
        &["doctor", "--frobnicate", "k8s"],
        &["check-manifests"],
        &["trouble", "frobnicate"],
    ] {
        let output = Command::cargo_bin("workbook")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("usage: workbook"), "{args:?}: {stderr}");
    }
}

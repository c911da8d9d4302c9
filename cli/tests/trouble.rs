//! `workbook trouble`, lesson 5's exercises, as a learner runs them - each test in its own
//! exercises folder under target/test-scratch (`WORKBOOK_EXERCISES`), never the learner's own
//! `exercises/`: start copies the broken variant and never overwrites; check fails on it with
//! the case's own message and passes on the fixed variant (Docker cases built and run for
//! real); progress survives into a new process; hints print; bad input gets a message and
//! exit code 2. And the book's exercise commands, through the justfile's recipes, are the
//! ones run here.

use std::{
    fs,
    path::{Path, PathBuf},
    time::Instant,
};

use assert_cmd::Command;
use workbook_cli::cases;
use workbook_harness::repo_root;

const CASES: &str = "lessons/05-troubleshooting/cases";

/// An empty exercises folder of the test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = repo_root().join("target/test-scratch/trouble").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn workbook_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::cargo_bin("workbook").unwrap();
    // English, whatever the machine's locale; a test that wants Japanese sets LANG.
    command
        .current_dir(repo_root())
        .env("WORKBOOK_EXERCISES", root)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn workbook(root: &Path, args: &[&str]) -> Run {
    workbook_with(root, args, &[])
}

/// Times, ports and the test's own folder, which change from run to run.
fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "[time]");
    settings.add_filter(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "[time]");
    settings.add_filter(
        r"port 8000 \(127\.0\.0\.1:\d+\)",
        "port 8000 (127.0.0.1:[port])",
    );
    settings.add_filter(r"built in \d+s", "built in [n]s");
    settings.add_filter(r"(\.old/[a-z0-9-]+)-\d+", "$1-[time]");
    settings.bind(|| insta::assert_snapshot!(name, text));
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn case_dir(case: &str) -> PathBuf {
    repo_root().join(CASES).join(case)
}

/// A case's variant as the learner's folder holds it: a Docker case's files, or the plain
/// manifests a Kubernetes case's overlay renders.
fn variant_files(case: &str, variant: &str) -> Vec<(String, String)> {
    let dir = case_dir(case).join(variant);
    if dir.join("Dockerfile").is_file() {
        return files(&dir);
    }
    let plain = repo_root()
        .join("target/test-scratch/trouble/plain")
        .join(format!("{case}-{variant}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&plain);
    workbook_cli::trouble::write_plain(&dir, &plain).unwrap();
    let out = files(&plain);
    fs::remove_dir_all(&plain).unwrap();
    out
}

/// Copies a case's fixed variant over the learner's folder, as a learner's fix would.
fn fix(root: &Path, case: &str) {
    for (name, text) in variant_files(case, "fixed") {
        fs::write(root.join(case).join(name), text).unwrap();
    }
}

#[test]
fn start_copies_the_broken_variant_and_never_overwrites_the_learners_work() {
    let root = scratch("start");
    let case = "11-service-selector";
    let started = workbook(&root, &["trouble", "start", "11"]);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    snapshot("start", &started.stdout);
    // The overlay's objects as plain manifests: lesson 4's files, the Service with the case's
    // mistake in it.
    let copied = files(&root.join(case));
    assert_eq!(copied, variant_files(case, "broken"));
    let names: Vec<&str> = copied.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["deployment.yml", "hpa.yml", "namespace.yml", "service.yml"]
    );
    let lesson_4 = |name: &str| {
        fs::read_to_string(
            repo_root()
                .join("lessons/04-kubernetes-basics/k8s")
                .join(name),
        )
        .unwrap()
    };
    assert_eq!(copied[0].1, lesson_4("deployment.yml"));
    assert!(
        copied[3].1.contains("app: model-in-imag\n"),
        "{}",
        copied[3].1
    );

    // The learner edits; starting again (either way of saying it) refuses and keeps the edit.
    let edited = root.join(case).join("service.yml");
    fs::write(&edited, "# my attempt\n").unwrap();
    for args in [["trouble", "start", "11"].as_slice(), &["trouble", "11"]] {
        let again = workbook(&root, args);
        assert_eq!(again.code, Some(1), "{args:?}");
        assert!(again.stdout.is_empty(), "{}", again.stdout);
        snapshot("start-refused", &again.stderr);
        assert_eq!(fs::read_to_string(&edited).unwrap(), "# my attempt\n");
    }

    // reset moves the attempt to .old/ and copies the broken variant again.
    let reset = workbook(&root, &["trouble", "reset", "11"]);
    assert_eq!(reset.code, Some(0), "{}", reset.stderr);
    assert!(
        reset
            .stdout
            .starts_with("your previous attempt is kept in ")
    );
    assert_eq!(files(&root.join(case)), variant_files(case, "broken"));
    let old: Vec<PathBuf> = fs::read_dir(root.join(".old"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(old.len(), 1);
    assert_eq!(
        fs::read_to_string(old[0].join("service.yml")).unwrap(),
        "# my attempt\n"
    );
}

#[test]
fn a_kubernetes_exercise_fails_with_its_finding_until_fixed_and_progress_survives() {
    let root = scratch("kubernetes");
    assert_eq!(workbook(&root, &["trouble", "11"]).code, Some(0));
    let broken = workbook(&root, &["trouble", "check", "11"]);
    assert_eq!(broken.code, Some(1), "{}", broken.stdout);
    assert!(
        broken
            .stdout
            .contains("the Service would have no Endpoints")
    );
    snapshot("check-11-broken", &broken.stdout);

    fix(&root, "11-service-selector");
    let fixed = workbook(&root, &["trouble", "check", "11"]);
    assert_eq!(fixed.code, Some(0), "{}", fixed.stdout);
    snapshot("check-11-fixed", &fixed.stdout);

    // Another exercise, started and checked but not fixed.
    assert_eq!(workbook(&root, &["trouble", "start", "14"]).code, Some(0));
    assert_eq!(workbook(&root, &["trouble", "check", "14"]).code, Some(1));
    assert_eq!(workbook(&root, &["trouble", "12"]).code, Some(0));

    // A new process reads what the others recorded.
    let progress: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join(".progress.json")).unwrap()).unwrap();
    assert_eq!(progress["exercises"]["11-service-selector"]["passed"], true);
    assert_eq!(progress["exercises"]["14-hpa-unknown"]["passed"], false);
    for args in [["trouble", "list"].as_slice(), &["trouble"]] {
        let list = workbook(&root, args);
        assert_eq!(list.code, Some(0));
        snapshot("list", &list.stdout);
    }

    // Starting exercise 11 again forgets its check.
    assert_eq!(workbook(&root, &["trouble", "reset", "11"]).code, Some(0));
    let list = workbook(&root, &["trouble"]).stdout;
    assert!(
        list.contains("11-service-selector          started") && list.contains("0 of 14 fixed."),
        "{list}"
    );
}

/// Every Kubernetes case: the broken copy fails with the case's own finding, the fixed one
/// passes. (No Docker: these are the doctor's checks.)
#[test]
fn every_kubernetes_exercise_fails_broken_and_passes_fixed() {
    let root = scratch("every-kubernetes");
    for number in 8..=14 {
        let n = number.to_string();
        assert_eq!(workbook(&root, &["trouble", "start", &n]).code, Some(0));
        let broken = workbook(&root, &["trouble", "check", &n]);
        assert_eq!(broken.code, Some(1), "{}", broken.stdout);
        let own = format!("the doctor still finds case {number:02}'s mistake");
        assert!(broken.stdout.contains(&own), "{}", broken.stdout);
        let case = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|name| name.starts_with(&format!("{number:02}-")))
            .unwrap();
        fix(&root, &case);
        let fixed = workbook(&root, &["trouble", "check", &n]);
        assert_eq!(fixed.code, Some(0), "{case}: {}", fixed.stdout);
    }
}

/// Docker cases: the learner's Dockerfile is built (from the repository root, by
/// scripts/docker-build, sharing the lab's cached builder stage) and run for real.
#[test]
fn a_docker_exercise_is_built_and_run_and_shows_the_real_symptom_until_fixed() {
    let root = scratch("docker");
    for (number, case, symptom) in [
        (
            "4",
            "04-listening-on-localhost",
            "symptom: through the published port 8000 (127.0.0.1:",
        ),
        (
            "2",
            "02-model-not-copied",
            "symptom: the container exits at once, with code 1",
        ),
    ] {
        assert_eq!(workbook(&root, &["trouble", "start", number]).code, Some(0));
        let started = Instant::now();
        let broken = workbook(&root, &["trouble", "check", number]);
        eprintln!(
            "check {case} (broken) took {:.1}s",
            started.elapsed().as_secs_f64()
        );
        assert_eq!(broken.code, Some(1), "{}{}", broken.stdout, broken.stderr);
        assert!(broken.stdout.contains(symptom), "{}", broken.stdout);
        snapshot(&format!("check-{case}-broken"), &broken.stdout);

        fix(&root, case);
        let started = Instant::now();
        let fixed = workbook(&root, &["trouble", "check", number]);
        eprintln!(
            "check {case} (fixed) took {:.1}s",
            started.elapsed().as_secs_f64()
        );
        assert_eq!(fixed.code, Some(0), "{}{}", fixed.stdout, fixed.stderr);
        assert!(
            fixed
                .stdout
                .contains(r#"GET /predict/test/label: 200 {"prediction":"setosa"}"#),
            "{}",
            fixed.stdout
        );
        snapshot(&format!("check-{case}-fixed"), &fixed.stdout);
    }
}

#[test]
fn every_case_has_a_hint_and_hint_prints_it() {
    let root = scratch("hint");
    assert_eq!(cases::all().len(), 14);
    for number in 1..=14 {
        let n = number.to_string();
        let hint = workbook(&root, &["trouble", "hint", &n]);
        assert_eq!(hint.code, Some(0), "{}", hint.stderr);
        // The hint the manifest gives, under the case's title as the book has it.
        let case = cases::get(number).unwrap();
        assert!(hint.stdout.contains(case.hint.trim()), "{}", hint.stdout);
        assert!(hint.stdout.contains(&case.plain_title()), "{}", hint.stdout);
        assert!(hint.stdout.contains(&case.anchor), "{}", hint.stdout);
    }
    snapshot(
        "hint-4",
        &workbook(&root, &["trouble", "hint", "04"]).stdout,
    );
    // A hint never starts an exercise.
    assert_eq!(fs::read_dir(&root).unwrap().count(), 0);
}

#[test]
fn verify_records_whether_a_lessons_tests_passed() {
    let root = scratch("verify");
    // `true` and `false` stand in for cargo: what is recorded is the outcome and the command.
    let passed = workbook_with(&root, &["verify", "3"], &[("CARGO", "true")]);
    assert_eq!(passed.code, Some(0), "{}", passed.stderr);
    assert!(
        passed
            .stdout
            .contains("lesson 03-model-in-image: `cargo test -p model-in-image` passed"),
        "{}",
        passed.stdout
    );
    let failed = workbook_with(
        &root,
        &["verify", "5", "--test", "docker_cases"],
        &[("CARGO", "false")],
    );
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    let list = workbook(&root, &["trouble"]).stdout;
    snapshot("list-lessons", &list);
}

#[test]
fn bad_input_gets_a_message_and_exit_code_2_never_a_panic() {
    let root = scratch("bad-input");
    for (args, message) in [
        (
            ["trouble", "start", "15"].as_slice(),
            "there is no exercise \"15\": give a number from 1 to 14",
        ),
        (&["trouble", "15"], "there is no exercise \"15\""),
        (&["trouble", "check", "abc"], "there is no exercise \"abc\""),
        (&["trouble", "hint", "0"], "there is no exercise \"0\""),
        (&["trouble", "reset", "-1"], "there is no exercise \"-1\""),
        (
            &["trouble", "check", "3"],
            "exercise 3 is not started: `just trouble 3` copies its broken variant",
        ),
        (&["trouble", "check"], "which exercise?"),
        (&["trouble", "frobnicate"], "usage: workbook"),
        (&["trouble", "start", "1", "2"], "usage: workbook"),
        (
            &["verify", "9"],
            "there is no lesson \"9\": give one of 1, 2, 3",
        ),
        (&["verify"], "which lesson?"),
    ] {
        let run = workbook(&root, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{args:?}: expected {message:?} in {}",
            run.stderr
        );
    }
    // Progress that is not ours is reported, and left as it is.
    fs::write(root.join(".progress.json"), "my notes\n").unwrap();
    let list = workbook(&root, &["trouble", "list"]);
    assert_eq!(list.code, Some(2));
    assert!(
        list.stderr
            .contains(".progress.json is not progress this command wrote"),
        "{}",
        list.stderr
    );
    assert_eq!(workbook(&root, &["trouble", "start", "12"]).code, Some(0));
    assert_eq!(workbook(&root, &["trouble", "check", "12"]).code, Some(2));
    assert_eq!(
        fs::read_to_string(root.join(".progress.json")).unwrap(),
        "my notes\n"
    );
}

/// The book's exercise commands (`$ just RECIPE ARGS` in its Exercises section) are run here
/// as their justfile recipes run them: each recipe calls the workbook binary, whose arguments
/// are taken from the recipe's line with the book's arguments put in.
#[test]
fn the_books_exercise_commands_run_through_the_justfile() {
    let root = scratch("book");
    let chapter =
        fs::read_to_string(repo_root().join("book/src/05-troubleshooting/README.md")).unwrap();
    let section = chapter
        .split("## Exercises")
        .nth(1)
        .expect("the chapter has an Exercises section");
    let section = section.split("\n## ").next().unwrap();
    let justfile = fs::read_to_string(repo_root().join("justfile")).unwrap();
    let mut ran = Vec::new();
    for line in section.lines().filter_map(|l| l.strip_prefix("$ just ")) {
        let words: Vec<&str> = line.split('#').next().unwrap().split_whitespace().collect();
        let (recipe, given) = words.split_first().unwrap();
        let (header, body) = justfile
            .lines()
            .zip(justfile.lines().skip(1))
            .find(|(h, _)| {
                h.strip_prefix(recipe)
                    .is_some_and(|rest| rest.starts_with([' ', ':']))
            })
            .unwrap_or_else(|| panic!("no recipe {recipe} in the justfile"));
        let parameters: Vec<&str> = header
            .split(':')
            .next()
            .unwrap()
            .split_whitespace()
            .skip(1)
            .collect();
        let command = body
            .trim()
            .strip_prefix("cargo run -q -p workbook-cli -- ")
            .unwrap_or_else(|| panic!("recipe {recipe} does not run the workbook: {body}"));
        let mut args = Vec::new();
        for word in command.split_whitespace() {
            match word.strip_prefix("{{").and_then(|w| w.strip_suffix("}}")) {
                Some(name) => {
                    let at = parameters
                        .iter()
                        .position(|p| p.trim_start_matches(['*', '+']) == name)
                        .unwrap_or_else(|| panic!("{recipe}: {name} is not a parameter"));
                    if parameters[at].starts_with(['*', '+']) {
                        args.extend(given.iter().skip(at).map(|s| s.to_string()));
                    } else {
                        args.push(given[at].to_string());
                    }
                }
                None => args.push(word.to_owned()),
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = workbook_with(&root, &args, &[("CARGO", "true")]);
        // Only the check of the untouched broken copy says "not fixed".
        let expected = if recipe == &"trouble-check" { 1 } else { 0 };
        assert_eq!(
            run.code,
            Some(expected),
            "just {line} ran `workbook {}`:\n{}{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
        ran.push(recipe.to_string());
    }
    for recipe in [
        "trouble",
        "trouble-hint",
        "trouble-check",
        "trouble-reset",
        "verify",
    ] {
        assert!(
            ran.iter().any(|r| r == recipe),
            "the book never shows `just {recipe}`"
        );
    }
}

const JAPANESE: &[(&str, &str)] = &[("LANG", "ja_JP.UTF-8")];

/// Under a Japanese locale the exercises speak Japanese: titles, hints, progress, the check's
/// verdict and the framing of the doctor's findings; commands, paths and ids stay as typed.
#[test]
fn under_a_japanese_locale_the_exercises_speak_japanese() {
    let root = scratch("japanese");
    let case = cases::get(11).unwrap();

    let hint = workbook_with(&root, &["trouble", "hint", "11"], JAPANESE);
    assert_eq!(hint.code, Some(0), "{}", hint.stderr);
    assert!(hint.stdout.contains(case.hint_ja.trim()), "{}", hint.stdout);
    assert!(hint.stdout.contains(&case.title_ja), "{}", hint.stdout);
    assert!(!hint.stdout.contains(case.hint.trim()), "{}", hint.stdout);

    let started = workbook_with(&root, &["trouble", "start", "11"], JAPANESE);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert!(
        started.stdout.contains("ケース 11 の壊れた版を"),
        "{}",
        started.stdout
    );
    assert!(
        started
            .stdout
            .contains("  just trouble-check 11    直ったか確かめる")
    );

    let broken = workbook_with(&root, &["trouble", "check", "11"], JAPANESE);
    assert_eq!(broken.code, Some(1), "{}", broken.stdout);
    assert!(broken.stdout.contains("\nエラー: "), "{}", broken.stdout);
    assert!(broken.stdout.contains("\n  直し方: "), "{}", broken.stdout);
    assert!(
        broken
            .stdout
            .contains("✗ 演習 11-service-selector はまだ直っていません：doctor がまだケース 11 の間違いを見つけます。"),
        "{}",
        broken.stdout
    );
    snapshot("check-11-broken-ja", &broken.stdout);

    let list = workbook_with(&root, &["trouble"], JAPANESE);
    assert!(
        list.stdout
            .contains("11-service-selector          まだ直っていない"),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout.contains("14 個中 0 個が直りました。"),
        "{}",
        list.stdout
    );
    // LC_ALL comes before LANG, as POSIX orders them: C wins, and the text is English.
    let english = workbook_with(
        &root,
        &["trouble"],
        &[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")],
    );
    assert!(
        english.stdout.contains("0 of 14 fixed."),
        "{}",
        english.stdout
    );
    // LC_MESSAGES too.
    let japanese = workbook_with(&root, &["trouble"], &[("LC_MESSAGES", "ja_JP.UTF-8")]);
    assert!(
        japanese.stdout.contains("14 個中 0 個が直りました。"),
        "{}",
        japanese.stdout
    );

    // An error, in Japanese, still on stderr with exit code 2.
    let bad = workbook_with(&root, &["trouble", "hint", "0"], JAPANESE);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("演習 \"0\" はありません"),
        "{}",
        bad.stderr
    );
}

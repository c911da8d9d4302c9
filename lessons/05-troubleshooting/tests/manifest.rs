//! The lab's case manifest, `cases.toml`, against what it describes: each case's title is its
//! heading in the book (English, and the Japanese book's), its anchor is that heading's id, its
//! folder holds a broken and a fixed variant of its kind, and the lab's tests test it. No Docker.

use std::{collections::BTreeSet, fs};

use workbook_cli::cases::{self, CASES_DIR, Kind};
use workbook_harness::repo_root;

fn read(path: &str) -> String {
    fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The id mdBook gives a heading (`normalize_id`): lower case, spaces to `-`, only
/// alphanumerics, `-` and `_` kept.
fn heading_id(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn each_cases_title_is_its_heading_in_the_book_and_its_anchor_that_headings_id() {
    let mut headings = BTreeSet::new();
    for page in ["docker.md", "kubernetes.md"] {
        for line in read(&format!("{}/{page}", cases::BOOK_DIR)).lines() {
            if line.starts_with("## Case ") {
                headings.insert((page.to_owned(), line.to_owned()));
            }
        }
    }
    let listed: BTreeSet<(String, String)> = cases::all()
        .iter()
        .map(|c| (c.page.clone(), c.heading()))
        .collect();
    assert_eq!(
        listed, headings,
        "cases.toml's titles and pages are the book's `## Case NN: ...` headings, one for one"
    );
    for case in cases::all() {
        let text = case.heading().trim_start_matches("## ").to_owned();
        assert_eq!(
            case.anchor,
            heading_id(&text),
            "case {}'s anchor",
            case.number
        );
    }
}

/// The Japanese book translates each heading and keeps the English id (`{#...}`): the
/// manifest's Japanese title is that translation, so `trouble` and the book say the same.
#[test]
fn each_cases_japanese_title_is_the_japanese_books_heading() {
    let po = read("book/po/ja.po");
    for case in cases::all() {
        let msgid = format!(
            "msgid \"{}\"\nmsgstr \"ケース{:02}：{} {{#{}}}\"",
            case.heading()
                .trim_start_matches("## ")
                .replace('"', "\\\""),
            case.number,
            case.title_ja,
            case.anchor
        );
        assert!(
            po.contains(&msgid),
            "case {}: book/po/ja.po has no\n{msgid}",
            case.number
        );
    }
}

#[test]
fn every_case_folder_is_in_the_manifest_with_both_variants_of_its_kind() {
    let mut folders: Vec<String> = fs::read_dir(repo_root().join(CASES_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let listed: Vec<String> = cases::all().iter().map(|c| c.name()).collect();
    assert_eq!(
        folders, listed,
        "{CASES_DIR} holds the cases of cases.toml, no more"
    );
    for case in cases::all() {
        for variant in ["broken", "fixed"] {
            let dir = repo_root().join(case.variant(variant));
            match case.kind {
                Kind::Docker => assert!(dir.join("Dockerfile").is_file(), "{}", dir.display()),
                Kind::Kubernetes => assert!(
                    dir.join("kustomization.yaml").is_file() && !dir.join("Dockerfile").exists(),
                    "{}: a kustomize overlay of lesson 4's manifests",
                    dir.display()
                ),
            }
        }
        let docker_only = case.expect != cases::Expect::DoctorClean;
        assert_eq!(
            docker_only,
            case.is_docker(),
            "case {}'s expect",
            case.number
        );
        assert!(!case.hint.trim().is_empty() && !case.hint_ja.trim().is_empty());
    }
}

/// Each case has its test in the file of its kind (`case_NN_...`), and no test names a case the
/// manifest does not have.
#[test]
fn every_case_is_tested_in_the_file_of_its_kind() {
    let tests = |file: &str| -> BTreeSet<u32> {
        read(&format!("lessons/05-troubleshooting/tests/{file}"))
            .lines()
            .filter_map(|l| {
                l.trim_start()
                    .strip_prefix("fn case_")
                    .or_else(|| l.trim_start().strip_prefix("async fn case_"))
            })
            .filter_map(|rest| rest.get(..2)?.parse().ok())
            .collect()
    };
    let of = |kind: Kind| -> BTreeSet<u32> {
        cases::all()
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.number)
            .collect()
    };
    assert_eq!(tests("docker_cases.rs"), of(Kind::Docker));
    assert_eq!(tests("kubernetes_cases.rs"), of(Kind::Kubernetes));
}

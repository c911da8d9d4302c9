//! The book cannot drift from the code: every include resolves to a file and anchor that
//! exist, code is only ever included (never pasted), and every `just` recipe and repository
//! path the book names exists.

use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

use workbook::repo_root;

fn chapters() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo_root().join("book/src"), &mut out);
    out.sort();
    out
}

/// `{{#include path}}` or `{{#include path:anchor}}` occurrences in a chapter.
fn includes(text: &str) -> Vec<(String, Option<String>)> {
    text.match_indices("{{#include ")
        .map(|(at, _)| {
            let rest = &text[at + "{{#include ".len()..];
            let spec = rest[..rest.find("}}").expect("include closed")].trim();
            match spec.rsplit_once(':') {
                Some((path, anchor)) => (path.to_owned(), Some(anchor.to_owned())),
                None => (spec.to_owned(), None),
            }
        })
        .collect()
}

#[test]
fn every_include_names_an_existing_file_and_anchor() {
    let mut count = 0;
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        for (path, anchor) in includes(&text) {
            count += 1;
            let file = chapter.parent().unwrap().join(&path);
            let source = fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: include {path}: {e}", chapter.display()));
            if let Some(anchor) = anchor {
                for marker in [format!("ANCHOR: {anchor}"), format!("ANCHOR_END: {anchor}")] {
                    assert!(
                        source.contains(&marker),
                        "{}: {path} has no `{marker}`",
                        chapter.display()
                    );
                }
            }
        }
    }
    assert!(count > 0, "the book includes no code at all");
}

#[test]
fn code_is_included_from_files_never_pasted() {
    let languages = [
        "rust",
        "dockerfile",
        "yaml",
        "yml",
        "toml",
        "python",
        "json",
    ];
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.trim_start().strip_prefix("```") else {
                continue;
            };
            let language = info
                .split([',', ' '])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim_start().starts_with("```"))
                .collect();
            if languages.contains(&language.as_str()) {
                assert!(
                    body.len() == 1 && body[0].trim().starts_with("{{#include "),
                    "{}: a ```{language} block must be a single {{{{#include}}}} of a tested file, found:\n{}",
                    chapter.display(),
                    body.join("\n")
                );
            }
        }
    }
}

#[test]
fn every_just_recipe_the_book_names_exists() {
    let justfile = fs::read_to_string(repo_root().join("justfile")).unwrap();
    let recipes: BTreeSet<&str> = justfile
        .lines()
        .filter(|l| {
            l.starts_with(|c: char| c.is_ascii_lowercase()) && l.contains(':') && !l.contains(":=")
        })
        .map(|l| l.split([':', ' ']).next().unwrap())
        .collect();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        // `just NAME` in inline code, or `$ just NAME` in a console block.
        for (at, _) in text.match_indices("just ") {
            if !(text[..at].ends_with('`') || text[..at].ends_with("$ ")) {
                continue;
            }
            let name: String = text[at + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            // `just lesson-N` stands for the lesson recipes.
            let known = match name.strip_suffix("-N") {
                Some(prefix) => recipes.iter().any(|r| r.starts_with(&format!("{prefix}-"))),
                None => name.is_empty() || recipes.contains(name.as_str()),
            };
            assert!(
                known,
                "{}: `just {name}` is not a recipe in the justfile (have {recipes:?})",
                chapter.display()
            );
        }
    }
}

#[test]
fn every_repository_path_the_book_names_exists() {
    let roots = ["lessons/", "models/", "book/", "k8s/", "scripts/", "tests/"];
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        for quoted in text.split('`').skip(1).step_by(2) {
            if roots.iter().any(|r| quoted.starts_with(r)) && !quoted.contains(' ') {
                assert!(
                    repo_root().join(quoted.trim_end_matches('/')).exists(),
                    "{}: the book names `{quoted}`, which does not exist",
                    chapter.display()
                );
            }
        }
    }
}

#[test]
fn the_summary_links_only_pages_that_exist() {
    let summary = fs::read_to_string(repo_root().join("book/src/SUMMARY.md")).unwrap();
    for (at, _) in summary.match_indices("](") {
        let target = &summary[at + 2..];
        let target = &target[..target.find(')').unwrap()];
        let page = repo_root().join("book/src").join(target);
        let text =
            fs::read_to_string(&page).unwrap_or_else(|e| panic!("SUMMARY.md links {target}: {e}"));
        assert!(text.lines().count() > 5, "{target} is an empty page");
    }
}

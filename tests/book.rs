//! The book cannot drift from the code: every include resolves to a file and anchor that
//! exist, code is only ever included (never pasted), every `just` recipe and repository path
//! the book names exists, every chapter has the parts a chapter needs, its diagrams are real
//! pictures, the benchmark's table and chart are drawn from the results kept beside them, and
//! `mdbook build` (with mdbook-linkcheck2 on every internal link and anchor) passes without a
//! single warning.

use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

use workbook_harness::{
    book::{build_book, build_japanese_book, require_gettext_tools},
    repo_root,
};

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

/// Whether `at` starts a line inside a ```sh, ```bash or ```console block.
fn in_shell_block(text: &str, at: usize) -> bool {
    if !text[..at].ends_with('\n') {
        return false;
    }
    let mut language = None;
    for line in text[..at].lines() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            language = match language {
                None => Some(info.split([',', ' ']).next().unwrap_or_default().to_owned()),
                Some(_) => None,
            };
        }
    }
    language.is_some_and(|l| ["sh", "bash", "console", "shell"].contains(&l.as_str()))
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
            let before = &text[..at];
            if !(before.ends_with('`') || before.ends_with("$ ") || in_shell_block(&text, at)) {
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
    let roots = [
        "lessons/", "models/", "book/", "k8s/", "scripts/", "tests/", "cli/", ".github/", ".ci/",
    ];
    let files = [
        "Dockerfile",
        ".dockerignore",
        "justfile",
        "Cargo.toml",
        "README.md",
    ];
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        for quoted in text.split('`').skip(1).step_by(2) {
            let names_a_path =
                roots.iter().any(|r| quoted.starts_with(r)) || files.contains(&quoted);
            if names_a_path && !quoted.contains(' ') {
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

#[test]
fn the_book_builds_without_a_warning_and_every_internal_link_and_anchor_resolves() {
    // book/book.toml runs mdbook-linkcheck2 after the HTML: a link to a missing page or
    // `#anchor` fails the build (warning-policy = "error").
    let book = build_book("book-check");
    assert!(
        book.log.contains("Invoking the \"linkcheck2\" renderer"),
        "mdbook did not run the linkcheck2 backend (is `[output.linkcheck2]` still in book/book.toml?):\n{}",
        book.log
    );
    let complaints: Vec<&str> = book
        .log
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("WARN")
                || l.starts_with("ERROR")
                || l.starts_with("warning")
                || l.starts_with("error")
        })
        .collect();
    assert!(
        complaints.is_empty(),
        "`mdbook build book` warned:\n{}\n\nfull output:\n{}",
        complaints.join("\n"),
        book.log
    );
    assert!(book.html.join("index.html").is_file());
    // mdbook-linkcheck2 checks that linked pages exist but not the `#anchor` part: check that
    // here, over the built HTML, along with every `src` and `href` to a file of the book.
    let broken = broken_links(&book.html);
    assert!(
        broken.is_empty(),
        "links in the built book that lead nowhere:\n{}",
        broken.join("\n")
    );
}

/// The values of every `attribute="..."` in an HTML text.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// Internal links of the built book (`href`, `src`) whose file or `#id` does not exist.
fn broken_links(html_root: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    let mut pages = Vec::new();
    walk(html_root, &mut pages);
    let ids = |page: &Path| -> BTreeSet<String> {
        let html = fs::read_to_string(page).unwrap_or_default();
        attribute_values(&html, "id")
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    let mut broken = Vec::new();
    for page in &pages {
        // 404.html is served for any path, so its links are written from the site's root.
        if page.file_name().is_some_and(|n| n == "404.html") {
            continue;
        }
        let html = fs::read_to_string(page).unwrap();
        let links = attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"));
        for link in links {
            if link.is_empty()
                || link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
                || link.starts_with("javascript:")
                || link.starts_with("{{")
            {
                continue;
            }
            let link = link.replace("&amp;", "&");
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.as_str(), None),
            };
            let path = path.split('?').next().unwrap();
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            let target = if target.is_dir() {
                target.join("index.html")
            } else {
                target
            };
            let shown = page.strip_prefix(html_root).unwrap().display();
            if !target.is_file() && path.ends_with("README.html") {
                broken.push(format!(
                    "{shown}: {link}: a link to a chapter's README.md, which mdBook renders as index.html but links as README.html (mdBook issue #984): link to its folder instead, e.g. `../02-small-image/`"
                ));
            } else if !target.is_file() {
                broken.push(format!("{shown}: {link}: no such file"));
            } else if let Some(fragment) = fragment.filter(|f| {
                !f.is_empty()
                    && target.extension().is_some_and(|e| e == "html")
                    && !ids(&target).contains(*f)
            }) {
                broken.push(format!(
                    "{shown}: {link}: no id=\"{fragment}\" on that page"
                ));
            }
        }
    }
    broken
}

/// The lesson folder `lessons/NN-*` paired with a chapter folder `book/src/NN-*`, if any.
fn lesson_of(chapter_dir: &Path) -> Option<PathBuf> {
    let name = chapter_dir.file_name()?.to_str()?;
    let number = name.split('-').next()?;
    fs::read_dir(repo_root().join("lessons"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.split('-').next() == Some(number))
        })
}

#[test]
fn every_chapter_says_what_you_learn_runs_its_lesson_shows_real_output_and_checks_itself() {
    let mut checked = 0;
    for dir in fs::read_dir(repo_root().join("book/src")).unwrap() {
        let dir = dir.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        // Numbered chapters; 00 is the introduction, which has no lesson.
        let Some(number) = name
            .split('-')
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| *n > 0)
        else {
            continue;
        };
        let readme = dir.join("README.md");
        let text = fs::read_to_string(&readme)
            .unwrap_or_else(|e| panic!("{}: a chapter needs a README.md: {e}", dir.display()));
        checked += 1;
        let where_ = readme.display();
        assert!(
            text.contains("## What you will learn"),
            "{where_}: no `## What you will learn` section"
        );
        assert!(
            text.contains("## Check yourself"),
            "{where_}: no `## Check yourself` section"
        );
        match lesson_of(&dir) {
            Some(lesson) => {
                let manifest = fs::read_to_string(lesson.join("Cargo.toml")).unwrap();
                let package = manifest
                    .lines()
                    .find_map(|l| l.strip_prefix("name = "))
                    .map(|n| n.trim_matches('"'))
                    .expect("the lesson's Cargo.toml names its package");
                for needed in [
                    format!("just lesson-{number}"),
                    format!("cargo test -p {package}"),
                ] {
                    assert!(
                        text.contains(&needed),
                        "{where_}: the chapter of {} never says `{needed}`",
                        lesson.display()
                    );
                }
                let shows_output = includes(&text)
                    .iter()
                    .any(|(path, _)| path.ends_with(".txt"));
                assert!(
                    shows_output,
                    "{where_}: the chapter includes no recorded output (a `.txt` file of the lesson)"
                );
            }
            None => assert!(
                text.contains("no lesson of its own"),
                "{where_}: a chapter without a lessons/{number:02}-* folder must say it has no lesson of its own"
            ),
        }
    }
    assert!(checked >= 5, "found only {checked} numbered chapters");
}

/// `![alt](target)` images in a chapter.
fn images(text: &str) -> Vec<(String, String)> {
    text.match_indices("![")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            let (alt, rest) = rest.split_once("](")?;
            let target = &rest[..rest.find(')')?];
            Some((alt.to_owned(), target.to_owned()))
        })
        .collect()
}

#[test]
fn diagrams_are_pictures_with_alt_text_that_scale_to_a_phone() {
    let images_dir = repo_root().join("book/src/images");
    let mut used = BTreeSet::new();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).unwrap();
        for (alt, target) in images(&text) {
            assert!(
                alt.split_whitespace().count() >= 5,
                "{}: the image {target} needs alt text that says what it shows (have {alt:?})",
                chapter.display()
            );
            let file = chapter.parent().unwrap().join(&target);
            let file = file
                .canonicalize()
                .unwrap_or_else(|e| panic!("{}: image {target}: {e}", chapter.display()));
            used.insert(file);
        }
        // A box drawn with text is a diagram that should be a picture.
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("```") {
                let body: Vec<&str> = lines
                    .by_ref()
                    .take_while(|l| !l.trim_start().starts_with("```"))
                    .collect();
                assert!(
                    !body.iter().any(|l| l.contains('┌') || l.contains('╔')),
                    "{}: a box diagram drawn in a code block; draw it as an SVG in book/src/images:\n{}",
                    chapter.display(),
                    body.join("\n")
                );
            }
        }
    }
    let mut count = 0;
    for svg in fs::read_dir(&images_dir).unwrap() {
        let svg = svg.unwrap().path().canonicalize().unwrap();
        if svg.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        // name.ja.svg is name.svg's Japanese version, which the Japanese book shows (its ja.po
        // translates the image's path): tests/book.rs's Japanese checks cover it.
        if svg.to_string_lossy().ends_with(".ja.svg") {
            continue;
        }
        count += 1;
        let text = fs::read_to_string(&svg).unwrap();
        let root = &text[text.find("<svg").expect("an <svg> element")..];
        let root = &root[..root.find('>').unwrap()];
        let name = svg.display();
        assert!(
            root.contains("viewBox="),
            "{name}: the <svg> needs a viewBox to scale"
        );
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{name}: the <svg> must not fix its width or height: the page scales it to the screen"
        );
        assert!(
            text.contains("<title") && text.contains("<text"),
            "{name}: an SVG needs a <title> and its words as <text>, not as paths"
        );
        assert!(used.contains(&svg), "{name}: no chapter shows this picture");
    }
    assert!(count >= 4, "book/src/images holds only {count} diagrams");
}

// The Japanese edition (book/po/ja.po, built by book/i18n/build-ja into book/book/html/ja).

/// `msgfmt --statistics` of book/po/ja.po merged with a messages.pot extracted from the book as
/// it is now: an English message added or changed since ja.po was last updated shows up as
/// untranslated or fuzzy here, even if nobody ran `just i18n-update`.
fn translation_statistics() -> String {
    require_gettext_tools();
    let dir = repo_root().join("target/book-i18n-check");
    let _ = fs::remove_dir_all(&dir);
    let run = |command: &mut std::process::Command| {
        let output = command.output().expect("run a gettext tool");
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "{command:?} failed:\n{log}");
        log
    };
    run(std::process::Command::new("mdbook")
        .arg("build")
        .arg(repo_root().join("book"))
        .arg("--dest-dir")
        .arg(&dir)
        .env(
            "MDBOOK_OUTPUT",
            r#"{"xgettext": {"pot-file": "messages.pot", "granularity": 0}}"#,
        ));
    let pot = dir.join("messages.pot");
    assert!(pot.is_file(), "mdbook-xgettext wrote no {}", pot.display());
    let merged = dir.join("ja.po");
    run(std::process::Command::new("msgmerge")
        .arg("--quiet")
        .arg("--output-file")
        .arg(&merged)
        .arg(repo_root().join("book/po/ja.po"))
        .arg(&pot));
    run(std::process::Command::new("msgfmt")
        .arg("--check")
        .arg("--statistics")
        .arg("--output-file=/dev/null")
        .arg(&merged))
}

#[test]
fn every_english_message_has_its_japanese_translation() {
    let statistics = translation_statistics();
    let translated: u32 = statistics
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        translated > 300 && !statistics.contains("fuzzy") && !statistics.contains("untranslated"),
        "book/po/ja.po is behind the English book: {}\nRun `just i18n-update`, translate the entries it marks (msgstr \"\" or `#, fuzzy`) in book/po/ja.po, and run this test again.",
        statistics.trim()
    );
}

/// The `id="..."` of every section heading (h2 to h6) in an HTML page, in order. (A page's h1
/// is its title, which SUMMARY.md shares: the page itself is its anchor.)
fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for level in 2..=6 {
        let open = format!("<h{level} id=\"");
        for (at, _) in html.match_indices(&open) {
            let rest = &html[at + open.len()..];
            ids.push((at, rest[..rest.find('"').unwrap()].to_owned()));
        }
    }
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

fn html_pages(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(root)
        .unwrap()
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "ja") {
                    Vec::new()
                } else {
                    fs::read_dir(&path)
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .collect()
                }
            } else {
                vec![path]
            }
        })
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| p.strip_prefix(root).unwrap().to_owned())
        .collect();
    pages.sort();
    pages
}

#[test]
fn the_japanese_book_builds_beside_the_english_one_with_the_same_pages_anchors_and_japanese_pictures()
 {
    let english = build_book("book-ja-check");
    let japanese = build_japanese_book(&english);
    let complaints: Vec<&str> = japanese
        .log
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("WARN") || l.starts_with("ERROR") || l.starts_with("error")
        })
        .collect();
    assert!(
        complaints.is_empty(),
        "the Japanese build warned:\n{}\n\nfull output:\n{}",
        complaints.join("\n"),
        japanese.log
    );
    assert!(
        japanese
            .log
            .contains("Invoking the \"linkcheck2\" renderer"),
        "mdbook-linkcheck2 did not check the Japanese book:\n{}",
        japanese.log
    );
    let broken = broken_links(&japanese.html);
    assert!(
        broken.is_empty(),
        "links in the Japanese book that lead nowhere:\n{}",
        broken.join("\n")
    );

    // Page for page, the same paths and the same heading ids: the language switch keeps the
    // reader on the same page and the same #section, and links with #anchors work in both.
    let pages = html_pages(&english.html);
    assert_eq!(
        pages,
        html_pages(&japanese.html),
        "the two books do not have the same pages"
    );
    let mut problems = Vec::new();
    let mut japanese_pages = 0;
    for page in &pages {
        let en = fs::read_to_string(english.html.join(page)).unwrap();
        let ja = fs::read_to_string(japanese.html.join(page)).unwrap();
        if !ja.contains("<html lang=\"ja\"") {
            problems.push(format!("{}: not marked lang=\"ja\"", page.display()));
        }
        let (en_ids, ja_ids) = (heading_ids(&en), heading_ids(&ja));
        if en_ids != ja_ids {
            problems.push(format!(
                "{}: heading ids differ (give the Japanese heading in ja.po the English one's id, `見出し {{#id}}`):\n  en {en_ids:?}\n  ja {ja_ids:?}",
                page.display()
            ));
        }
        let main = |html: &str| {
            let start = html.find("<main>").unwrap_or(0);
            let end = html.find("</main>").unwrap_or(html.len());
            html[start..end].to_owned()
        };
        // Commands, code and program output are never translated: they read exactly as the
        // files the tests run.
        let code = |html: &str| -> Vec<String> {
            html.match_indices("<pre>")
                .map(|(at, _)| {
                    let rest = &html[at..];
                    rest[..rest.find("</pre>").unwrap_or(rest.len())].to_owned()
                })
                .collect()
        };
        if code(&en) != code(&ja) {
            problems.push(format!(
                "{}: a code block differs from the English page's",
                page.display()
            ));
        }
        let text = main(&ja);
        if text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)) {
            japanese_pages += 1;
        } else if page
            .file_name()
            .is_some_and(|n| n != "404.html" && n != "toc.html")
        {
            problems.push(format!("{}: no Japanese text on the page", page.display()));
        }
        // Each diagram in its Japanese version (name.ja.svg, chosen by ja.po).
        for src in attribute_values(&text, "src") {
            if src.contains("images/") && src.ends_with(".svg") && !src.ends_with(".ja.svg") {
                problems.push(format!(
                    "{}: shows {src}, not its Japanese version",
                    page.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the Japanese book:\n{}",
        problems.join("\n")
    );
    assert!(japanese_pages >= 15, "only {japanese_pages} Japanese pages");

    // Every diagram has a Japanese version: the same drawing, Japanese words.
    for svg in fs::read_dir(repo_root().join("book/src/images")).unwrap() {
        let svg = svg.unwrap().path();
        let name = svg.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".svg").filter(|s| !s.ends_with(".ja")) else {
            continue;
        };
        let ja = svg.with_file_name(format!("{stem}.ja.svg"));
        let text = fs::read_to_string(&ja)
            .unwrap_or_else(|e| panic!("{name} has no Japanese version {}: {e}", ja.display()));
        let root = &text[text.find("<svg").unwrap()..];
        let english_root = fs::read_to_string(&svg).unwrap();
        let english_root = &english_root[english_root.find("<svg").unwrap()..];
        let view_box = |r: &str| attribute_values(&r[..r.find('>').unwrap()], "viewBox").concat();
        assert_eq!(
            view_box(root),
            view_box(english_root),
            "{}: not the same drawing as {name} (viewBox)",
            ja.display()
        );
        assert!(
            text.contains("<title") && text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "{}: needs its <title> and labels in Japanese",
            ja.display()
        );
    }
    // Pagefind's index of the Japanese book (its search).
    assert!(
        japanese.html.join("pagefind/pagefind.js").is_file(),
        "no Pagefind index in the Japanese book:\n{}",
        japanese.log
    );
}

#[test]
fn the_practice_chapters_project_tree_is_the_repositorys_own() {
    let recorded = fs::read_to_string(repo_root().join("lessons/03-model-in-image/tree.txt"))
        .expect("lessons/03-model-in-image/tree.txt: run `just outputs`");
    assert_eq!(
        recorded,
        workbook_harness::tree::project_tree(),
        "the project tree the practice chapter shows is stale: run `just outputs`"
    );
}

/// The benchmark page's table and chart are what `scripts/bench-chart` draws from the results
/// `just bench` kept beside them (`bench.json`): output of a real run, never edited by hand.
#[test]
fn the_benchmark_pages_table_and_chart_are_drawn_from_the_results_kept_beside_them() {
    let page = repo_root().join("book/src/06-production");
    let out = std::env::temp_dir().join(format!("workbook-bench-chart-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    let run = std::process::Command::new("python3")
        .arg(repo_root().join("scripts/bench-chart"))
        .arg(page.join("bench.json"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("python3 runs scripts/bench-chart: install Python 3");
    assert!(
        run.status.success(),
        "scripts/bench-chart book/src/06-production/bench.json failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for name in ["bench.txt", "bench.svg"] {
        let drawn = fs::read_to_string(out.join(name)).unwrap();
        let shown = fs::read_to_string(page.join(name)).unwrap();
        assert!(
            drawn == shown,
            "book/src/06-production/{name} is not what scripts/bench-chart draws from bench.json beside it: \
             run `just bench` (or scripts/bench-chart book/src/06-production/bench.json) instead of editing it"
        );
    }
    fs::remove_dir_all(&out).unwrap();
}

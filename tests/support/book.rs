//! Building the book as CI does, for the tests that check it (tests/book.rs) and read it in a
//! browser (tests/browser.rs): `mdbook build`, with mdbook-linkcheck2 checking every internal
//! link and #anchor (book/book.toml), into a folder of the test's own under target/.

use std::{
    path::PathBuf,
    process::{Command, Stdio},
};

use crate::repo_root;

/// The book, built: its HTML folder and what mdbook printed.
pub struct BuiltBook {
    pub html: PathBuf,
    pub log: String,
}

/// Fails with one sentence when a tool the book's checks run is not installed.
pub fn require_tool(tool: &str) {
    let found = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "`{tool}` is not installed (or not on PATH): run `just setup`, which installs it, and run the tests again."
    );
}

/// Builds the book into `target/<dest>` (each test its own folder, so that tests and a running
/// `mdbook serve` never share one) and fails with mdbook's output if the build fails.
pub fn build_book(dest: &str) -> BuiltBook {
    require_tool("mdbook");
    require_tool("mdbook-linkcheck2");
    let dest = repo_root().join("target").join(dest);
    let output = Command::new("mdbook")
        .arg("build")
        .arg(repo_root().join("book"))
        .arg("--dest-dir")
        .arg(&dest)
        // Plain lines: no colours to strip before reading them.
        .env("NO_COLOR", "1")
        .env("CLICOLOR", "0")
        .env_remove("RUST_LOG")
        .env("RUST_BACKTRACE", "0")
        .env("RUST_LIB_BACKTRACE", "0")
        .output()
        .expect("run mdbook");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let log = strip_ansi(&log);
    assert!(
        output.status.success(),
        "`mdbook build book` failed:\n{log}"
    );
    BuiltBook {
        html: dest.join("html"),
        log,
    }
}

/// Removes ANSI escape sequences (`ESC [ ... letter`), in case a tool colours anyway.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Builds the Japanese book (book/po/ja.po) beside `english`, as CI and `just test` do:
/// `book/i18n/build-ja` puts it in `<english>/ja` (same page paths, mdbook-linkcheck2 on every
/// link) and indexes it with Pagefind's extended build, which segments Japanese words.
pub fn build_japanese_book(english: &BuiltBook) -> BuiltBook {
    require_gettext_tools();
    let output = Command::new(repo_root().join("book/i18n/build-ja"))
        .arg(&english.html)
        .env("NO_COLOR", "1")
        .env("CLICOLOR", "0")
        .env_remove("RUST_LOG")
        .output()
        .expect("run book/i18n/build-ja");
    let log = strip_ansi(&format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ));
    assert!(
        output.status.success(),
        "`book/i18n/build-ja` (the Japanese book) failed:\n{log}"
    );
    BuiltBook {
        html: english.html.join("ja"),
        log,
    }
}

/// Fails with one sentence when the translation's tools are missing: mdbook-i18n-helpers'
/// preprocessor, and GNU gettext's msgmerge and msgfmt.
pub fn require_gettext_tools() {
    let gettext = Command::new("mdbook-gettext")
        .args(["supports", "html"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        gettext,
        "`mdbook-gettext` (mdbook-i18n-helpers) is not installed: run `just setup` (scripts/setup-book-i18n installs it), and run the tests again."
    );
    require_tool("msgmerge");
    require_tool("msgfmt");
}

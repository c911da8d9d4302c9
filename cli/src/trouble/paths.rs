//! Where the lab and the learner's exercises live, the exit codes, and how a path is shown.

use std::path::{Path, PathBuf};

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
pub(super) fn shown(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

pub(super) fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("trouble: {message}");
    USAGE
}

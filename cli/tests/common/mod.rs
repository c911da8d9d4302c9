//! What every CLI test does: run the `workbook` binary from the repository root.

use assert_cmd::Command;
use workbook_harness::repo_root;

/// Exit code and stdout of `workbook ARGS...` in English (`LC_ALL=C`, whatever the machine's
/// locale), as the book records it; a panic in the binary fails the test.
pub fn workbook(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

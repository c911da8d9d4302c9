//! What every CLI test does: run the `workbook` binary from the repository root.

use assert_cmd::Command;
use workbook_harness::repo_root;

/// Exit code and stdout of `workbook ARGS...`; a panic in the binary fails the test.
pub fn workbook(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
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

//! schemathesis (PyPI, installed by scripts/setup-api-peers) reads the server's own
//! `/openapi.json` and throws generated requests at the container - valid ones, which must be
//! accepted, and invalid ones, which must be refused - with every check it has: no 5xx, status
//! codes, content types, headers and bodies as documented, valid data accepted, invalid data
//! rejected, 405 with `Allow` for undocumented methods. Bounded and seeded, so CI repeats it.

use std::process::Command;

use workbook_harness::{Lesson, repo_root};

const LESSON: Lesson = Lesson::number(6);

#[tokio::test]
async fn schemathesis_finds_no_difference_between_the_openapi_document_and_the_server() {
    let schemathesis = repo_root().join("target/tools/peers/bin/schemathesis");
    assert!(
        schemathesis.exists(),
        "{} is missing: run `scripts/setup-api-peers` (part of `just setup`) to install tritonclient and schemathesis.",
        schemathesis.display()
    );
    let app = LESSON.spawn().await;
    let dir = repo_root().join("lessons/06-production/tests");
    // ANCHOR: schemathesis
    let output = Command::new(&schemathesis)
        .args(["run", &format!("{}/openapi.json", app.address)])
        .args([
            "--checks",
            "all",
            "--max-examples",
            "15",
            "--seed",
            "20261201",
        ])
        .args(["--generation-database", "none"])
        .args(["--no-color", "--suppress-health-check", "all"])
        .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
        .env("PYTHONPATH", &dir)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run schemathesis");
    // ANCHOR_END: schemathesis
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('=') && l.contains(" in "))
        .unwrap_or_default();
    let cases = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Test cases:"))
        .nth(1)
        .unwrap_or_default();
    eprintln!(
        "schemathesis: {} ({})",
        summary.trim_matches(|c| c == '=' || c == ' '),
        cases.trim()
    );
    assert!(
        output.status.success()
            && !summary.is_empty()
            && !summary.contains("failure")
            && !summary.contains("error"),
        "schemathesis found differences:\n{stdout}\n{stderr}"
    );
    assert!(app.container.is_running().await.unwrap());
}

//! The guide's practice sequence, exactly as the chapter shows it, against the real daemon:
//! `docker build -t model-in-image-pattern:v1.0 .` at the repository root, `docker run`,
//! `curl` to /health and a POST to /predict, `docker stop test && docker rm test`.

use std::process::Command;

use workbook_harness::{commands_of, repo_root, run_commands};

const COMMANDS: &str = "lessons/03-model-in-image/commands.sh";

/// Removes the guide's container, also when the test fails half-way.
struct GuideContainer;

impl Drop for GuideContainer {
    fn drop(&mut self) {
        let _ = Command::new("docker").args(["rm", "-f", "test"]).output();
    }
}

#[test]
fn the_guides_practice_commands_build_run_answer_and_clean_up_as_the_book_shows() {
    let _cleanup = GuideContainer;
    let _ = Command::new("docker").args(["rm", "-f", "test"]).output();
    let transcript = run_commands(COMMANDS);

    // What a learner relies on, whatever the IDs and times: the two answers and the clean-up.
    assert!(
        transcript.contains("$ curl http://localhost:8000/health\n{\"health\":\"ok\"}\n"),
        "{transcript}"
    );
    assert!(
        transcript.contains("{\"prediction\":["),
        "the POST to /predict answers the class probabilities:\n{transcript}"
    );
    assert!(
        transcript.ends_with("$ docker stop test && docker rm test\ntest\ntest\n\n"),
        "{transcript}"
    );

    // The book shows the recorded run of exactly these commands (`just outputs`).
    let recorded =
        std::fs::read_to_string(repo_root().join("lessons/03-model-in-image/commands.txt"))
            .expect("the recorded output: run `just outputs`");
    let shown: Vec<&str> = recorded
        .lines()
        .filter_map(|l| l.strip_prefix("$ "))
        .collect();
    assert_eq!(
        shown,
        commands_of(COMMANDS),
        "the book's output is stale: run `just outputs`"
    );

    insta::with_settings!({ filters => vec![
        (r"\b[0-9a-f]{64}\b", "[ID]"),
        (r"#\d+ ", "#N "),
        (r"DONE \d+\.\d+s", "DONE [TIME]"),
        // BuildKit prints a step's time only when it took measurable time: "0.0s done" or "done".
        (r"(?m) \d+\.\d+s done$", " done"),
    ]}, {
        insta::assert_snapshot!("practice", transcript);
    });
}

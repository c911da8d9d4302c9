//! Lesson 01, as a learner meets it: the naive image built from its Dockerfile, run, asked.

use std::process::Command;

use workbook_harness::{Lesson, StatusCode, json, ready_line, require_docker, run_commands};

const LESSON: Lesson = Lesson::number(1);

#[tokio::test]
async fn the_first_container_answers_health_and_logs_its_startup_line() {
    let app = LESSON.spawn().await;
    let health = app.get("/health").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(json(health).await, serde_json::json!({ "health": "ok" }));
    assert!(
        app.logs().await.contains(&ready_line::line("0.0.0.0:8000")),
        "lesson 01 writes its ready line by hand: it must be the contract's"
    );
    assert_eq!(
        LESSON.replay_requests(&app),
        LESSON.recorded_output(),
        "the book's output is stale: run `just outputs`"
    );
}

/// Removes the guide's container and image names, also when the test fails half-way.
struct GuideNames;

impl Drop for GuideNames {
    fn drop(&mut self) {
        let _ = Command::new("docker")
            .args(["rm", "-f", "my-container"])
            .output();
        let _ = Command::new("docker")
            .args(["rmi", "-f", "my-app:v1.0"])
            .output();
    }
}

/// The Docker-basics chapter's commands, exactly as the book shows them, against the real
/// daemon: build, run, ps, logs, stop, rm, images, rmi. IDs, times and sizes are redacted.
#[test]
fn the_guides_basic_docker_commands_work_as_the_book_shows() {
    require_docker();
    let _cleanup = GuideNames;
    let _ = Command::new("docker")
        .args(["rm", "-f", "my-container"])
        .output();
    // Frees port 8000 from a lesson `just lesson-N` left running, as `just lesson-N` would.
    let transcript = run_commands("lessons/01-first-container/commands.sh");
    // `docker ps` lists every running container; keep the header and the lesson's own.
    let transcript: String = transcript
        .lines()
        .filter(|l| !l.contains("   Up ") || l.contains("my-container"))
        .filter(|l| !l.starts_with("Deleted: sha256:"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::with_settings!({ filters => vec![
        (r"\b[0-9a-f]{64}\b", "[ID]"),
        (r"\b[0-9a-f]{12}\b", "[ID]"),
        (r"#\d+ ", "#N "),
        (r"DONE \d+\.\d+s", "DONE [TIME]"),
        // BuildKit prints a step's time only when it took measurable time: "0.0s done" or "done".
        (r"(?m) \d+\.\d+s done$", " done"),
        // Docker's human durations (go-units): a cached image can be hours or weeks old.
        (r"(Less than a second|About a minute|About an hour|An hour|\d+ (second|minute|hour|day|week|month|year)s?) ago", "[WHEN] ago"),
        (r"Up (Less than a second|About a minute|About an hour|An hour|\d+ (second|minute|hour|day|week|month|year)s?)", "Up [TIME]"),
        (r"\b\d+(\.\d+)?(B|kB|MB|GB)\b", "[SIZE]"),
        (r" {2,}", "  "),
    ]}, {
        insta::assert_snapshot!("docker_basics", transcript);
    });
}

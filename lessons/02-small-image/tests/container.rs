//! Lesson 02: the same server built right, and the image-size ladder.

use workbook_harness::{ImageExt, Lesson, StatusCode, WaitFor, build_image, inspect, repo_root};

const NAIVE: Lesson = Lesson::number(1);
const SLIM: Lesson = Lesson::number(2);
const DISTROLESS: Lesson = Lesson::new(
    "lesson-02-distroless",
    "lessons/02-small-image/Dockerfile.distroless",
);

const MB: f64 = 1e6;

#[tokio::test]
async fn the_image_runs_as_non_root_and_its_healthcheck_turns_healthy() {
    let app = SLIM
        .spawn_with(|r| r.with_ready_conditions(vec![WaitFor::healthcheck()]))
        .await;
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
    let container = app.inspect();
    assert_eq!(container["State"]["Health"]["Status"], "healthy");
    assert_eq!(container["Config"]["User"], "10001:10001");
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", container["State"]["Pid"])).unwrap();
    let uid = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    assert!(
        uid.split_whitespace().skip(1).all(|id| id == "10001"),
        "{uid}"
    );
    assert_eq!(
        SLIM.replay_requests(&app),
        SLIM.recorded_output(),
        "the book's output is stale: run `just outputs`"
    );
}

#[tokio::test]
async fn the_distroless_image_is_healthy_too() {
    let app = DISTROLESS
        .spawn_with(|r| r.with_ready_conditions(vec![WaitFor::healthcheck()]))
        .await;
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
    assert_eq!(app.inspect()["State"]["Health"]["Status"], "healthy");
}

fn size_mb(lesson: &Lesson) -> f64 {
    inspect(&build_image(lesson))["Size"].as_f64().unwrap() / MB
}

/// The guide's "image too large" fix, measured: the same server in three images.
/// Bounds are set from the measured ladder with headroom: with the official base images
/// (about 1.2 GB, 80 MB and 25 MB here) as with the local stand-ins.
#[test]
fn the_size_ladder_goes_down_by_orders_of_magnitude() {
    let naive = size_mb(&NAIVE);
    let slim = size_mb(&SLIM);
    let distroless = size_mb(&DISTROLESS);
    eprintln!("naive {naive:.0} MB, slim {slim:.0} MB, distroless {distroless:.0} MB");
    assert!(
        naive > 500.0,
        "the naive image carries the toolchain: {naive:.0} MB"
    );
    assert!(
        slim < 100.0,
        "multi-stage slim image: {slim:.0} MB, bound 100 MB"
    );
    assert!(
        distroless < 40.0,
        "distroless image: {distroless:.0} MB, bound 40 MB"
    );
    assert!(naive > 10.0 * slim && slim > 2.0 * distroless);
}

/// `.dockerignore` keeps build output and VCS data out of the build context: a probe image
/// copies the whole context and looks.
#[test]
fn the_build_context_leaves_out_target_and_git() {
    let probe = build_image(&Lesson::new(
        "context-probe",
        "lessons/02-small-image/tests/context-probe.Dockerfile",
    ));
    let listing = std::process::Command::new("docker")
        .args(["run", "--rm", &probe])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(listing.lines().any(|l| l == "Cargo.toml"), "{listing}");
    assert!(
        repo_root().join("target").exists(),
        "the test needs a target/ to leave out"
    );
    for left_out in ["target", ".git"] {
        assert!(
            !listing.lines().any(|l| l == left_out),
            "{left_out} is in the build context:\n{listing}"
        );
    }
}

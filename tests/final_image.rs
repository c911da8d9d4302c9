//! The top-level Dockerfile, built the way the guide builds it (`docker build -t
//! model-in-image-pattern:v1.0 .`): the image `just run` serves and `k8s/` deploys.

use workbook_harness::{ImageExt, Lesson, StatusCode, WaitFor, inspect, json};

const FINAL: Lesson = Lesson::number(6);

#[tokio::test]
async fn the_workbooks_image_serves_the_guides_api_and_is_ready_for_kubernetes() {
    let app = FINAL.spawn().await;
    assert_eq!(
        json(app.get("/health").await).await,
        serde_json::json!({ "health": "ok" })
    );
    assert_eq!(app.get("/ready").await.status(), StatusCode::OK);
    assert_eq!(app.get("/v2/health/ready").await.status(), StatusCode::OK);
    let body = serde_json::json!({ "data": [[5.1, 3.5, 1.4, 0.2], [6.3, 2.9, 5.6, 1.8]] });
    let labels = json(app.post_json("/predict/label", &body).await).await;
    assert_eq!(
        labels["prediction"],
        serde_json::json!(["setosa", "virginica"])
    );
    assert_eq!(json(app.get("/metadata").await).await["version"], "v1.0");
    // distroless's `nonroot` user, which k8s/deployment.yml's runAsUser names.
    assert_eq!(app.inspect()["Config"]["User"], "65532:65532");
}

#[tokio::test]
async fn docker_marks_the_container_healthy_and_the_check_says_why_when_it_is_not() {
    let app = FINAL
        .spawn_with(|r| r.with_ready_conditions(vec![WaitFor::healthcheck()]))
        .await;
    let container = app.inspect();
    assert_eq!(container["State"]["Health"]["Status"], "healthy");
    assert_eq!(
        inspect(container["Image"].as_str().unwrap())["Config"]["Healthcheck"]["Test"],
        serde_json::json!(["CMD", "/usr/local/bin/production", "healthcheck"])
    );
    // The same command against a port nothing listens on: exit 1 and one line naming it, which
    // `docker inspect` shows as the failing probe's output.
    let check = std::process::Command::new("docker")
        .args(["exec", "-e", "PORT=1", app.container.id()])
        .args(["/usr/local/bin/production", "healthcheck"])
        .output()
        .expect("run docker exec");
    assert_eq!(check.status.code(), Some(1), "{check:?}");
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(
        said.starts_with("unhealthy: 127.0.0.1:1: ") && said.lines().count() == 1,
        "{said}"
    );
}

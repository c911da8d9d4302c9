//! The top-level Dockerfile, built the way the guide builds it (`docker build -t
//! model-in-image-pattern:v1.0 .`): the image `just run` serves and `k8s/` deploys.

use workbook_harness::{Lesson, StatusCode, json};

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

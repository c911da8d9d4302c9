//! Air-gapped learners: after `just offline` on a machine with network, lesson images build
//! with no network at all. Checked in a copy of the repository, so a learner's own .offline/
//! is never touched, with `docker build --network=none`.

use std::{path::Path, process::Command};

use workbook_harness::{
    AsyncRunner, GenericImage, IntoContainerPort, json, ready_wait, repo_root, require_docker,
};

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn copy_repository(to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let files = run(Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(repo_root()));
    for file in files.split('\0').filter(|f| !f.is_empty()) {
        let source = repo_root().join(file);
        if !source.is_file() {
            continue;
        }
        let target = to.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&source, &target).unwrap();
    }
}

#[tokio::test]
async fn after_just_offline_the_lesson_image_builds_with_no_network() {
    require_docker();
    let copy = repo_root().join("target/offline-check");
    copy_repository(&copy);
    run(Command::new(copy.join("scripts/prepare-offline")).current_dir(&copy));

    let image = "model-in-image-workbook/lesson-03-offline-check";
    run(Command::new(copy.join("scripts/docker-build"))
        .args([
            image,
            "lessons/03-model-in-image/Dockerfile",
            "--network=none",
            "--progress=plain",
        ])
        // No CA either: nothing may be fetched.
        .env_remove("SSL_CERT_FILE")
        .env_remove("BUILD_CA_FILE")
        .current_dir(&copy));

    let container = GenericImage::new(image, "latest")
        .with_exposed_port(8000.tcp())
        .with_wait_for(ready_wait())
        .start()
        .await
        .expect("the offline-built image starts");
    let port = container.get_host_port_ipv4(8000.tcp()).await.unwrap();
    let answer = reqwest::get(format!("http://127.0.0.1:{port}/predict/test/label"))
        .await
        .unwrap();
    assert_eq!(
        json(answer).await,
        serde_json::json!({ "prediction": "setosa" })
    );
    std::fs::remove_dir_all(&copy).ok();
}

//! Getting an image to a cluster's image store, made real where this machine allows: the
//! archive that `minikube image load` moves, and a registry push and pull. Each uses its own
//! build of the lesson image (a distinct APP_VERSION, so a distinct image ID) that it may
//! delete without touching other tests.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use workbook_harness::{
    AsyncRunner, GenericImage, IntoContainerPort, json, ready_wait, repo_root, require_docker,
};

const DOCKERFILE: &str = "lessons/04-kubernetes-basics/Dockerfile";

fn docker(args: &[&str]) -> String {
    let output = Command::new("docker").args(args).output().expect("docker");
    assert!(
        output.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Builds the lesson image as `image`, with its own APP_VERSION.
fn build(image: &str, version: &str) -> String {
    require_docker();
    let status = Command::new(repo_root().join("scripts/docker-build"))
        .args([
            image,
            DOCKERFILE,
            "-q",
            "--build-arg",
            &format!("APP_VERSION={version}"),
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "building {image}");
    docker(&["image", "inspect", "-f", "{{.Id}}", image])
}

/// Runs `image` and asks it which version it is and what the setosa row is.
async fn predicts(image: &str, version: &str) {
    let (name, tag) = image.rsplit_once(':').unwrap();
    let container = GenericImage::new(name, tag)
        .with_exposed_port(8000.tcp())
        .with_wait_for(ready_wait())
        .start()
        .await
        .expect("the image starts");
    let port = container.get_host_port_ipv4(8000.tcp()).await.unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let label = json(
        reqwest::get(format!("{base}/predict/test/label"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(label["prediction"], "setosa");
    let metadata = json(reqwest::get(format!("{base}/metadata")).await.unwrap()).await;
    assert_eq!(metadata["version"], version);
}

/// Method 1, `minikube image load`: the image travels as an archive (`docker save`) into the
/// other image store (`docker load`). Here both stores are the same engine: the image is
/// removed in between, so only the archive can bring it back.
#[tokio::test]
async fn an_image_saved_to_an_archive_and_loaded_back_keeps_its_id_and_still_predicts() {
    let image = "model-in-image-workbook/load-check:v1.0";
    let id = build(image, "archive-check");
    let archive = repo_root().join("target/test-scratch/load-check.tar");
    std::fs::create_dir_all(archive.parent().unwrap()).unwrap();
    docker(&["save", "-o", archive.to_str().unwrap(), image]);
    docker(&["rmi", image]);
    assert!(
        Command::new("docker")
            .args(["image", "inspect", image])
            .output()
            .unwrap()
            .status
            .code()
            != Some(0),
        "the image is gone before loading"
    );
    let loaded = docker(&["load", "-i", archive.to_str().unwrap()]);
    assert!(
        loaded.contains(&format!("Loaded image: {image}")),
        "{loaded}"
    );
    assert_eq!(
        docker(&["image", "inspect", "-f", "{{.Id}}", image]),
        id,
        "same image ID after the trip"
    );
    predicts(image, "archive-check").await;
    std::fs::remove_file(&archive).ok();
}

/// A real registry (Debian's docker-registry) on a free loopback port, stopped on drop.
struct Registry {
    child: Child,
    address: String,
    _storage: std::path::PathBuf,
}

impl Registry {
    fn start() -> Registry {
        let binary = which("docker-registry").unwrap_or_else(|| {
            panic!("No docker-registry binary: install it (`just setup` as root on Debian/Ubuntu, or `apt-get install docker-registry`) and run the test again.")
        });
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let storage = repo_root().join(format!("target/test-scratch/registry-{port}"));
        std::fs::create_dir_all(&storage).unwrap();
        let config = storage.join("config.yml");
        std::fs::write(
            &config,
            format!(
                "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n",
                storage.join("data").display()
            ),
        )
        .unwrap();
        let child = Command::new(binary)
            .args(["serve", config.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start docker-registry");
        let address = format!("127.0.0.1:{port}");
        let registry = Registry {
            child,
            address,
            _storage: storage,
        };
        // Wait until it answers the registry API.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if std::net::TcpStream::connect(&registry.address).is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the registry did not listen within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50)); // poll interval
        }
        registry
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_string_lossy()
        .split(':')
        .map(|dir| std::path::Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// Method 2, a registry: tag with the registry's address, push, remove locally, pull, run.
#[tokio::test]
async fn an_image_pushed_to_a_registry_can_be_pulled_back_and_run() {
    let registry = Registry::start();
    let local = "model-in-image-workbook/registry-check:v1.0";
    let id = build(local, "registry-check");
    let remote = format!("{}/model-in-image-pattern:v1.0", registry.address);
    docker(&["tag", local, &remote]);
    docker(&["push", &remote]);
    docker(&["rmi", &remote, local]);
    let pulled = docker(&["pull", &remote]);
    assert!(
        pulled.contains(&format!("Downloaded newer image for {remote}")),
        "{pulled}"
    );
    assert_eq!(docker(&["image", "inspect", "-f", "{{.Id}}", &remote]), id);
    predicts(&remote, "registry-check").await;
    docker(&["rmi", &remote]);
}

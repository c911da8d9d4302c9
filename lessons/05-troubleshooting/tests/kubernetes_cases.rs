//! The Kubernetes cases of the troubleshooting lab. What runs in a container is run for real
//! (lesson 04's image, as each case's Deployment describes its container); what only a cluster
//! shows - a Pod's waiting reason, an empty Endpoints, an HPA's condition - is built here as
//! the Kubernetes objects the kubelet and the controllers write, with their texts, and must
//! equal the `status.yml` each case keeps for the book (`UPDATE_STATUS=1` rewrites them).

use k8s_openapi::{
    api::{
        autoscaling::v2::{
            HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition,
            HorizontalPodAutoscalerStatus,
        },
        core::v1::{
            ContainerState, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus,
            Endpoints, Pod, PodStatus, Service,
        },
    },
    apimachinery::pkg::apis::meta::v1::ObjectMeta,
};
use workbook_cli::{cases, kustomize};
use workbook_harness::{
    AsyncRunner, ExitWaitStrategy, ImageExt, Lesson, StatusCode, WaitFor, app_request, build_image,
    deployment::{as_deployed, container, deployment, pod_spec, spawn_as_deployed},
    inspect, ready_line, repo_root,
};

const LESSON_04: Lesson = Lesson::new("lesson-04", "lessons/04-kubernetes-basics/Dockerfile");
/// A file of a case's folder (the case as `cases.toml` lists it), relative to the repository.
fn path(number: u32, file: &str) -> String {
    let case = cases::get(number).unwrap_or_else(|| panic!("case {number} is not in cases.toml"));
    assert!(!case.is_docker(), "case {number} is not a Kubernetes case");
    case.dir().join(file).to_string_lossy().into_owned()
}

/// The one object of `kind` that a case's variant (a kustomize overlay) renders.
fn object<T: serde::de::DeserializeOwned>(number: u32, variant: &str, kind: &str) -> T {
    let dir = repo_root().join(path(number, variant));
    let objects = kustomize::render(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut of_kind = objects.into_iter().filter(|o| o.value["kind"] == kind);
    let found = of_kind
        .next()
        .unwrap_or_else(|| panic!("{}: no {kind}", dir.display()));
    assert!(of_kind.next().is_none(), "{}: two {kind}s", dir.display());
    serde_json::from_value(found.value).unwrap()
}

const POD: &str = "model-in-image-deployment-7d4b9c8f6d-x2x9k";
const NAMESPACE: &str = "model-in-image";
const CONTAINER: &str = "model-in-image";

/// A Pod as `kubectl get pod POD -o yaml` shows it, reduced to its name and status.
/// `phase`: Pending while no container ever started, Running once one did (it stays Running
/// while the kubelet restarts a crashing container).
fn pod(phase: &str, status: ContainerStatus) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(POD.into()),
            namespace: Some(NAMESPACE.into()),
            ..Default::default()
        },
        spec: None,
        status: Some(PodStatus {
            phase: Some(phase.into()),
            container_statuses: Some(vec![status]),
            ..Default::default()
        }),
    }
}

fn waiting(image: &str, reason: &str, message: String) -> ContainerStatus {
    ContainerStatus {
        name: CONTAINER.into(),
        image: image.into(),
        ready: false,
        started: Some(false),
        state: Some(ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some(reason.into()),
                message: Some(message),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Compares a case's cluster-side objects with its `status.yml`, or rewrites it.
fn assert_status(number: u32, documents: &[String]) {
    let text = documents.join("---\n");
    let path = repo_root().join(path(number, "status.yml"));
    if std::env::var_os("UPDATE_STATUS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        recorded,
        text,
        "{}: stale; rewrite it with UPDATE_STATUS=1 cargo test -p troubleshooting --test kubernetes_cases",
        path.display()
    );
}

fn yaml<T: serde::Serialize>(value: &T) -> String {
    yaml_serde::to_string(value).unwrap()
}

#[test]
fn case_09_an_image_the_node_does_not_have_waits_as_err_image_never_pull_or_image_pull_back_off() {
    // The kubelet's texts (pkg/kubelet/images/image_manager.go).
    let never = pod(
        "Pending",
        waiting(
            "model-in-image-pattern:v1.0",
            "ErrImageNeverPull",
            format!(
                "Container image {:?} is not present with pull policy of Never",
                "model-in-image-pattern:v1.0"
            ),
        ),
    );
    let back_off = pod(
        "Pending",
        waiting(
            "model-in-image-pattern:latest",
            "ImagePullBackOff",
            format!(
                "Back-off pulling image {:?}",
                "model-in-image-pattern:latest"
            ),
        ),
    );
    assert_status(9, &[yaml(&never), yaml(&back_off)]);

    // The Docker side of it, for real: an image this machine does not have is not run.
    let out = std::process::Command::new("docker")
        .args([
            "run",
            "--rm",
            "--pull",
            "never",
            "model-in-image-workbook/never-built:v0",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("No such image: model-in-image-workbook/never-built:v0"),
        "{stderr}"
    );
}

#[tokio::test]
async fn case_10_the_container_as_the_broken_deployment_runs_it_exits_1_naming_model_filepath() {
    let broken = deployment(&path(10, "broken"));
    let change = as_deployed(&pod_spec(&broken), &container(&broken));
    let run = change(app_request(&LESSON_04))
        .with_ready_conditions(vec![WaitFor::exit(ExitWaitStrategy::new())])
        .start()
        .await
        .expect("the container starts");
    assert_eq!(run.exit_code().await.unwrap(), Some(1));
    let logs = String::from_utf8(run.stderr_to_vec().await.unwrap()).unwrap();
    let line = "ERROR model file \"/models/iris_svc.onnx\" not found; set MODEL_FILEPATH";
    assert!(logs.contains(line), "{logs}");

    // What the kubelet makes of that exit: CrashLoopBackOff, the last exit code, its text
    // (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
    let mut status = waiting(
        "model-in-image-pattern:v1.0",
        "CrashLoopBackOff",
        format!(
            "back-off 40s restarting failed container={CONTAINER} pod={POD}_{NAMESPACE}(5f0c2a8e-3b1d-4c55-9a0e-6f1b2d3c4e5f)"
        ),
    );
    status.restart_count = 3;
    status.last_state = Some(ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: 1,
            reason: Some("Error".into()),
            ..Default::default()
        }),
        ..Default::default()
    });
    assert_status(10, &[yaml(&pod("Running", status))]);

    // The fixed Deployment leaves the image's MODEL_FILEPATH alone: the server starts.
    let (app, _) = spawn_as_deployed(&LESSON_04, &path(10, "fixed")).await;
    assert_eq!(app.get("/ready").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn case_08_docker_runs_the_healthcheck_kubernetes_runs_the_probes_and_they_answer() {
    // The image has a HEALTHCHECK...
    let image = inspect(&build_image(&LESSON_04));
    assert!(image["Config"]["Healthcheck"]["Test"].is_array());
    // ...which a Pod spec has no field for: the broken Deployment has no probe at all.
    let broken = container(&deployment(&path(8, "broken")));
    assert!(broken.readiness_probe.is_none() && broken.liveness_probe.is_none());
    // The fixed one's probes ask paths the real server answers.
    let (app, fixed) = spawn_as_deployed(&LESSON_04, &path(8, "fixed")).await;
    for probe in [fixed.readiness_probe, fixed.liveness_probe] {
        let path = probe.unwrap().http_get.unwrap().path.unwrap();
        assert_eq!(app.get(&path).await.status(), StatusCode::OK, "{path}");
    }
}

#[test]
fn case_11_a_service_that_selects_no_pods_has_no_endpoints() {
    // The endpoints controller writes an Endpoints object with no subsets: `kubectl get
    // endpoints` shows <none>.
    let endpoints = Endpoints {
        metadata: ObjectMeta {
            name: Some("model-in-image-service".into()),
            namespace: Some(NAMESPACE.into()),
            labels: None,
            ..Default::default()
        },
        subsets: None,
    };
    assert_status(11, &[yaml(&endpoints)]);
    let selector = |variant: &str| {
        let service: Service = object(11, variant, "Service");
        service.spec.unwrap().selector.unwrap()["app"].clone()
    };
    assert_eq!(selector("broken"), "model-in-imag");
    assert_eq!(selector("fixed"), "model-in-image");
}

#[test]
fn case_14_without_a_cpu_request_the_hpa_cannot_compute_a_utilization() {
    // The HPA controller's condition (pkg/controller/podautoscaler).
    let hpa = HorizontalPodAutoscaler {
        metadata: ObjectMeta {
            name: Some("model-in-image-hpa".into()),
            namespace: Some(NAMESPACE.into()),
            ..Default::default()
        },
        spec: None,
        status: Some(HorizontalPodAutoscalerStatus {
            current_replicas: Some(2),
            desired_replicas: 2,
            conditions: Some(vec![HorizontalPodAutoscalerCondition {
                type_: "ScalingActive".into(),
                status: "False".into(),
                reason: Some("FailedGetResourceMetric".into()),
                message: Some(format!(
                    "the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container {CONTAINER} of Pod {POD}"
                )),
                last_transition_time: None,
            }]),
            ..Default::default()
        }),
    };
    assert_status(14, &[yaml(&hpa)]);
}

/// The port the Pods' server really listens on, as the Deployment runs lesson 04's image.
async fn listening_port(number: u32) -> u16 {
    let (app, container) = spawn_as_deployed(&LESSON_04, &path(number, "fixed")).await;
    let logs = app.logs().await;
    let declared: Vec<i32> = container
        .ports
        .unwrap_or_default()
        .iter()
        .map(|p| p.container_port)
        .collect();
    let port = ready_line::port(&logs).unwrap_or_else(|| panic!("no ready line in\n{logs}"));
    assert_eq!(
        declared,
        vec![i32::from(port)],
        "the containerPort is where it listens"
    );
    port
}

fn service_target_port(number: u32, variant: &str) -> String {
    let service: Service = object(number, variant, "Service");
    match service.spec.unwrap().ports.unwrap()[0]
        .target_port
        .clone()
        .unwrap()
    {
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(n) => n.to_string(),
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(s) => s,
    }
}

#[tokio::test]
async fn case_12_a_target_port_the_container_does_not_listen_on_reaches_nothing() {
    let port = listening_port(12).await;
    assert_eq!(port, 8000);
    // Broken: a number no container declares or listens on. Fixed: the containerPort's name.
    assert_eq!(service_target_port(12, "broken"), "8080");
    assert_eq!(service_target_port(12, "fixed"), "http");
    let deployment = container(&deployment(&path(12, "fixed")));
    let http = deployment.ports.unwrap();
    assert!(
        http.iter()
            .any(|p| p.name.as_deref() == Some("http") && p.container_port == i32::from(port))
    );
}

fn allowed_ports(number: u32, variant: &str) -> Vec<String> {
    use k8s_openapi::api::networking::v1::NetworkPolicy;
    let policy: NetworkPolicy = object(number, variant, "NetworkPolicy");
    policy
        .spec
        .unwrap()
        .ingress
        .unwrap_or_default()
        .iter()
        .flat_map(|rule| rule.ports.clone().unwrap_or_default())
        .filter_map(|p| p.port)
        .map(|p| match p {
            k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(n) => n.to_string(),
            k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(s) => s,
        })
        .collect()
}

#[tokio::test]
async fn case_13_a_network_policy_must_allow_the_port_the_server_listens_on() {
    let port = listening_port(13).await.to_string();
    assert!(!allowed_ports(13, "broken").contains(&port));
    assert_eq!(allowed_ports(13, "fixed"), vec![port]);
}

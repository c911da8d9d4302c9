//! `workbook doctor` on live objects. No cluster runs in the tests: each symptom is the
//! `kubectl get pods,svc,endpointslices,hpa,events -n model-in-image -o yaml` output a cluster
//! would print, built here from the troubleshooting cases' own manifests as the API server, the
//! kubelet and the controllers fill them in, with their texts (the ones the troubleshooting
//! tests and the book use). Each List is kept in `cli/tests/fixtures/live/NAME.yaml`, and what
//! the doctor says about it in `NAME.txt`, for the book (`UPDATE_LIVE=1` rewrites both).
//!
//! `--cluster` is tested where there is no cluster to ask: no kubeconfig, a server that refuses,
//! a server that never answers. It must say so in one line, exit 2, and never hang.

use std::{
    collections::BTreeMap,
    fs,
    net::TcpListener,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use assert_cmd::Command;
use k8s_openapi::{
    api::{
        apps::v1::Deployment,
        autoscaling::v2::{
            HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition,
            HorizontalPodAutoscalerStatus, MetricStatus, MetricValueStatus, ResourceMetricStatus,
        },
        core::v1::{
            ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
            ContainerStatus, Event, EventSource, LoadBalancerStatus, ObjectReference, Pod,
            PodCondition, PodStatus, Service, ServiceStatus,
        },
        discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice},
    },
    apimachinery::pkg::{
        api::resource::Quantity,
        apis::meta::v1::{ListMeta, ObjectMeta, OwnerReference},
        util::intstr::IntOrString,
    },
};
use serde::Serialize;
use workbook_cli::{Object, load_path};
use workbook_harness::repo_root;

const NAMESPACE: &str = "model-in-image";
const CASES: &str = "lessons/05-troubleshooting/cases";
const LESSON_4: &str = "lessons/04-kubernetes-basics/k8s";
const FIXTURES: &str = "cli/tests/fixtures/live";
const CONTAINER: &str = "model-in-image";
const REPLICA_SET: &str = "model-in-image-deployment-7d4b9c8f6d";
/// The Deployment's two Pods: name and IP.
const PODS: [(&str, &str); 2] = [
    ("model-in-image-deployment-7d4b9c8f6d-x2x9k", "10.244.0.12"),
    ("model-in-image-deployment-7d4b9c8f6d-q5wzt", "10.244.0.13"),
];

fn uid(n: u32) -> String {
    format!("5f0c2a8e-3b1d-4c55-9a0e-6f1b2d3c4e{n:02x}")
}

/// One case's manifests (a folder), as `kubectl apply` sends them.
struct Manifests {
    deployment: Deployment,
    service: Service,
    autoscaler: HorizontalPodAutoscaler,
}

fn manifests(folder: &str) -> Manifests {
    let (objects, findings) = load_path(&repo_root().join(folder));
    assert!(
        findings
            .iter()
            .all(|f| f.severity != workbook_cli::Severity::Error),
        "{folder}: {findings:?}"
    );
    let mut deployment = None;
    let mut service = None;
    let mut autoscaler = None;
    for manifest in objects {
        match manifest.object {
            Object::Deployment(d) => deployment = Some(*d),
            Object::Service(s) => service = Some(*s),
            Object::HorizontalPodAutoscaler(h) => autoscaler = Some(*h),
            _ => {}
        }
    }
    Manifests {
        deployment: deployment.expect("a Deployment"),
        service: service.expect("a Service"),
        autoscaler: autoscaler.expect("an HPA"),
    }
}

fn condition(type_: &str, ok: bool) -> PodCondition {
    PodCondition {
        type_: type_.into(),
        status: if ok { "True" } else { "False" }.into(),
        ..Default::default()
    }
}

/// Pod `index` of the Deployment, as the cluster reports it: the template's labels and spec,
/// scheduled on minikube's node, with the kubelet's status of its one container.
fn pod(deployment: &Deployment, index: usize, phase: &str, container: ContainerStatus) -> Pod {
    let (name, ip) = PODS[index];
    let template = &deployment.spec.as_ref().unwrap().template;
    let mut labels = template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    labels.insert("pod-template-hash".into(), "7d4b9c8f6d".into());
    let mut spec = template.spec.clone().unwrap();
    spec.node_name = Some("minikube".into());
    let ready = container.ready;
    let mut ready_condition = condition("Ready", ready);
    let mut containers_ready = condition("ContainersReady", ready);
    if !ready {
        for c in [&mut ready_condition, &mut containers_ready] {
            c.reason = Some("ContainersNotReady".into());
            c.message = Some(format!("containers with unready status: [{CONTAINER}]"));
        }
    }
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            generate_name: Some(format!("{REPLICA_SET}-")),
            namespace: Some(NAMESPACE.into()),
            uid: Some(uid(index as u32)),
            labels: Some(labels),
            owner_references: Some(vec![OwnerReference {
                api_version: "apps/v1".into(),
                kind: "ReplicaSet".into(),
                name: REPLICA_SET.into(),
                uid: uid(0x10),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]),
            ..Default::default()
        },
        spec: Some(spec),
        status: Some(PodStatus {
            phase: Some(phase.into()),
            conditions: Some(vec![
                condition("PodReadyToStartContainers", true),
                condition("Initialized", true),
                ready_condition,
                containers_ready,
                condition("PodScheduled", true),
            ]),
            host_ip: Some("192.168.49.2".into()),
            pod_ip: Some(ip.into()),
            qos_class: Some("Burstable".into()),
            container_statuses: Some(vec![container]),
            ..Default::default()
        }),
    }
}

/// A running container; ready once its readiness probe succeeded.
fn running(image: &str, ready: bool) -> ContainerStatus {
    ContainerStatus {
        name: CONTAINER.into(),
        image: image.into(),
        image_id: format!("docker://sha256:{}", "4b1e".repeat(16)),
        container_id: Some(format!("docker://{}", "9c3f".repeat(16))),
        ready,
        started: Some(true),
        state: Some(ContainerState {
            running: Some(ContainerStateRunning::default()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A container that never started (as in the troubleshooting tests).
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

/// The Service as the API server completes it.
fn service(manifest: &Service) -> Service {
    let mut service = manifest.clone();
    service.metadata.uid = Some(uid(0x20));
    let spec = service.spec.as_mut().unwrap();
    spec.cluster_ip = Some("10.106.21.173".into());
    spec.cluster_ips = Some(vec!["10.106.21.173".into()]);
    spec.ip_families = Some(vec!["IPv4".into()]);
    spec.ip_family_policy = Some("SingleStack".into());
    spec.session_affinity = Some("None".into());
    spec.internal_traffic_policy = Some("Cluster".into());
    spec.external_traffic_policy = Some("Cluster".into());
    for port in spec.ports.iter_mut().flatten() {
        port.protocol = Some("TCP".into());
    }
    service.status = Some(ServiceStatus {
        load_balancer: Some(LoadBalancerStatus::default()),
        ..Default::default()
    });
    service
}

/// The EndpointSlice the controller writes for the Service: every Pod its selector matches,
/// ready or not (an empty slice when it matches none).
fn endpoint_slice(service: &Service, pods: &[Pod]) -> EndpointSlice {
    let name = service.metadata.name.clone().unwrap();
    let selector = service.spec.as_ref().unwrap().selector.clone().unwrap();
    let endpoints: Vec<Endpoint> = pods
        .iter()
        .filter(|p| {
            let labels = p.metadata.labels.as_ref().unwrap();
            selector.iter().all(|(k, v)| labels.get(k) == Some(v))
        })
        .map(|p| {
            let status = p.status.as_ref().unwrap();
            let ready = status.container_statuses.as_ref().unwrap()[0].ready;
            Endpoint {
                addresses: vec![status.pod_ip.clone().unwrap()],
                conditions: Some(EndpointConditions {
                    ready: Some(ready),
                    serving: Some(ready),
                    terminating: Some(false),
                }),
                node_name: Some("minikube".into()),
                target_ref: Some(ObjectReference {
                    kind: Some("Pod".into()),
                    name: p.metadata.name.clone(),
                    namespace: Some(NAMESPACE.into()),
                    uid: p.metadata.uid.clone(),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let ports = (!endpoints.is_empty()).then(|| {
        vec![EndpointPort {
            name: Some(String::new()),
            port: Some(8000),
            protocol: Some("TCP".into()),
            ..Default::default()
        }]
    });
    EndpointSlice {
        metadata: ObjectMeta {
            name: Some(format!("{name}-7xk2p")),
            generate_name: Some(format!("{name}-")),
            namespace: Some(NAMESPACE.into()),
            uid: Some(uid(0x30)),
            labels: Some(BTreeMap::from([
                (
                    "endpointslice.kubernetes.io/managed-by".into(),
                    "endpointslice-controller.k8s.io".into(),
                ),
                ("kubernetes.io/service-name".into(), name),
            ])),
            ..Default::default()
        },
        address_type: "IPv4".into(),
        endpoints,
        ports,
    }
}

fn hpa_condition(
    type_: &str,
    ok: bool,
    reason: &str,
    message: &str,
) -> HorizontalPodAutoscalerCondition {
    HorizontalPodAutoscalerCondition {
        type_: type_.into(),
        status: if ok { "True" } else { "False" }.into(),
        reason: Some(reason.into()),
        message: Some(message.into()),
        last_transition_time: None,
    }
}

/// The HPA with the status its controller writes (pkg/controller/podautoscaler): scaling, or
/// not able to compute its CPU metric, with the controller's message.
fn autoscaler(
    manifest: &HorizontalPodAutoscaler,
    failed_cpu: Option<String>,
) -> HorizontalPodAutoscaler {
    let mut hpa = manifest.clone();
    hpa.metadata.uid = Some(uid(0x40));
    let able = hpa_condition(
        "AbleToScale",
        true,
        "SucceededGetScale",
        "the HPA controller was able to get the target's current scale",
    );
    let status = match failed_cpu {
        Some(message) => HorizontalPodAutoscalerStatus {
            current_replicas: Some(2),
            desired_replicas: 2,
            conditions: Some(vec![
                able,
                hpa_condition("ScalingActive", false, "FailedGetResourceMetric", &message),
            ]),
            ..Default::default()
        },
        None => HorizontalPodAutoscalerStatus {
            current_replicas: Some(2),
            desired_replicas: 2,
            conditions: Some(vec![
                hpa_condition(
                    "AbleToScale",
                    true,
                    "ReadyForNewScale",
                    "recommended size matches current size",
                ),
                hpa_condition(
                    "ScalingActive",
                    true,
                    "ValidMetricFound",
                    "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
                ),
                hpa_condition(
                    "ScalingLimited",
                    false,
                    "DesiredWithinRange",
                    "the desired count is within the acceptable range",
                ),
            ]),
            current_metrics: Some(
                [("cpu", 2, "5m"), ("memory", 9, "24Mi")]
                    .map(|(name, percent, value)| MetricStatus {
                        type_: "Resource".into(),
                        resource: Some(ResourceMetricStatus {
                            name: name.into(),
                            current: MetricValueStatus {
                                average_utilization: Some(percent),
                                average_value: Some(Quantity(value.into())),
                                value: None,
                            },
                        }),
                        ..Default::default()
                    })
                    .to_vec(),
            ),
            ..Default::default()
        },
    };
    hpa.status = Some(status);
    hpa
}

/// The kubelet's Event for a probe that fails, `count` times (pkg/kubelet/prober).
fn unhealthy(pod: usize, message: String, count: i32) -> Event {
    let (name, _) = PODS[pod];
    Event {
        metadata: ObjectMeta {
            name: Some(format!("{name}.18a2f4c6e8b0d1{pod}3")),
            namespace: Some(NAMESPACE.into()),
            uid: Some(uid(0x50 + pod as u32)),
            ..Default::default()
        },
        involved_object: ObjectReference {
            api_version: Some("v1".into()),
            kind: Some("Pod".into()),
            name: Some(name.into()),
            namespace: Some(NAMESPACE.into()),
            uid: Some(uid(pod as u32)),
            field_path: Some(format!("spec.containers{{{CONTAINER}}}")),
            ..Default::default()
        },
        reason: Some("Unhealthy".into()),
        message: Some(message),
        type_: Some("Warning".into()),
        count: Some(count),
        source: Some(EventSource {
            component: Some("kubelet".into()),
            host: Some("minikube".into()),
        }),
        reporting_component: Some("kubelet".into()),
        reporting_instance: Some("minikube".into()),
        ..Default::default()
    }
}

/// What `kubectl get ... -o yaml` prints for several kinds at once.
#[derive(Serialize)]
struct List {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    items: Vec<Item>,
    kind: &'static str,
    metadata: ListMeta,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item {
    Pod(Box<Pod>),
    Service(Box<Service>),
    EndpointSlice(Box<EndpointSlice>),
    Autoscaler(Box<HorizontalPodAutoscaler>),
    Event(Box<Event>),
}

/// Pods, the Service and its EndpointSlice, the HPA if given, Events: in kubectl's order.
fn kubectl_get(
    pods: Vec<Pod>,
    service: &Service,
    autoscaler: Option<HorizontalPodAutoscaler>,
    events: Vec<Event>,
) -> String {
    let service = self::service(service);
    let slice = endpoint_slice(&service, &pods);
    let mut items: Vec<Item> = pods.into_iter().map(|p| Item::Pod(Box::new(p))).collect();
    items.push(Item::Service(Box::new(service)));
    items.push(Item::EndpointSlice(Box::new(slice)));
    items.extend(autoscaler.map(|a| Item::Autoscaler(Box::new(a))));
    items.extend(events.into_iter().map(|e| Item::Event(Box::new(e))));
    yaml_serde::to_string(&List {
        api_version: "v1",
        items,
        kind: "List",
        metadata: ListMeta {
            resource_version: Some(String::new()),
            ..Default::default()
        },
    })
    .unwrap()
}

fn image(deployment: &Deployment) -> String {
    deployment
        .spec
        .as_ref()
        .unwrap()
        .template
        .spec
        .as_ref()
        .unwrap()
        .containers[0]
        .image
        .clone()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// The symptoms

/// Lesson 4 running as it should: both Pods Ready, the Service with both behind it, the HPA
/// measuring.
fn healthy() -> String {
    let m = manifests(LESSON_4);
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| pod(&m.deployment, i, "Running", running(&image, true)))
        .collect();
    kubectl_get(
        pods,
        &m.service,
        Some(autoscaler(&m.autoscaler, None)),
        vec![],
    )
}

/// Case 09: `:latest` with imagePullPolicy Always - the kubelet pulls from Docker Hub, which
/// has no such image (the Docker daemon's words), then backs off.
fn image_pull() -> String {
    let m = manifests(&format!("{CASES}/09-image-pull/broken"));
    let image = image(&m.deployment);
    let (repository, _) = image.split_once(':').unwrap();
    let pods = vec![
        pod(
            &m.deployment,
            0,
            "Pending",
            waiting(
                &image,
                "ImagePullBackOff",
                format!("Back-off pulling image {image:?}"),
            ),
        ),
        pod(
            &m.deployment,
            1,
            "Pending",
            waiting(
                &image,
                "ErrImagePull",
                format!(
                    "Error response from daemon: pull access denied for {repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
                ),
            ),
        ),
    ];
    kubectl_get(pods, &m.service, None, vec![])
}

/// Lesson 4 with imagePullPolicy Never, on a node the image was never loaded into.
fn image_never_pull() -> String {
    let mut m = manifests(LESSON_4);
    let template = m
        .deployment
        .spec
        .as_mut()
        .unwrap()
        .template
        .spec
        .as_mut()
        .unwrap();
    template.containers[0].image_pull_policy = Some("Never".into());
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| {
            let message =
                format!("Container image {image:?} is not present with pull policy of Never");
            pod(
                &m.deployment,
                i,
                "Pending",
                waiting(&image, "ErrImageNeverPull", message),
            )
        })
        .collect();
    kubectl_get(pods, &m.service, None, vec![])
}

/// Case 10: MODEL_FILEPATH where the image has no model - exit code 1, restarted with a
/// growing back-off (pkg/kubelet/kuberuntime).
fn crash_loop() -> String {
    let m = manifests(&format!("{CASES}/10-crashloop-model-missing/broken"));
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| {
            let (name, _) = PODS[i];
            let mut status = waiting(
                &image,
                "CrashLoopBackOff",
                format!(
                    "back-off 40s restarting failed container={CONTAINER} pod={name}_{NAMESPACE}({})",
                    uid(i as u32)
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
            pod(&m.deployment, i, "Running", status)
        })
        .collect();
    kubectl_get(pods, &m.service, None, vec![])
}

/// Case 11: the Service selects app=model-in-imag; the Pods are fine, the slice is empty.
fn service_selector() -> String {
    let m = manifests(&format!("{CASES}/11-service-selector/broken"));
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| pod(&m.deployment, i, "Running", running(&image, true)))
        .collect();
    kubectl_get(pods, &m.service, None, vec![])
}

/// Lesson 4 with the readinessProbe on port 8080, where nothing listens: the Pods run and are
/// never Ready (the kubelet's Events say why), so the Service has no ready endpoint.
fn readiness() -> String {
    let mut m = manifests(LESSON_4);
    let template = m
        .deployment
        .spec
        .as_mut()
        .unwrap()
        .template
        .spec
        .as_mut()
        .unwrap();
    let probe = template.containers[0].readiness_probe.as_mut().unwrap();
    probe.http_get.as_mut().unwrap().port = IntOrString::Int(8080);
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| pod(&m.deployment, i, "Running", running(&image, false)))
        .collect();
    let events = (0..2)
        .map(|i| {
            let (_, ip) = PODS[i];
            unhealthy(
                i,
                format!(
                    "Readiness probe failed: Get \"http://{ip}:8080/ready\": dial tcp {ip}:8080: connect: connection refused"
                ),
                14,
            )
        })
        .collect();
    kubectl_get(pods, &m.service, None, events)
}

/// Case 14: no CPU request, so no utilization (the controller's text, as in the
/// troubleshooting tests).
fn hpa_unknown() -> String {
    let m = manifests(&format!("{CASES}/14-hpa-unknown/broken"));
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| pod(&m.deployment, i, "Running", running(&image, true)))
        .collect();
    let message = format!(
        "the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container {CONTAINER} of Pod {}",
        PODS[0].0
    );
    kubectl_get(
        pods,
        &m.service,
        Some(autoscaler(&m.autoscaler, Some(message))),
        vec![],
    )
}

/// Lesson 4 on a cluster without metrics-server: the resource metrics API does not exist.
fn hpa_no_metrics_server() -> String {
    let m = manifests(LESSON_4);
    let image = image(&m.deployment);
    let pods = (0..2)
        .map(|i| pod(&m.deployment, i, "Running", running(&image, true)))
        .collect();
    let message = "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)".to_owned();
    kubectl_get(
        pods,
        &m.service,
        Some(autoscaler(&m.autoscaler, Some(message))),
        vec![],
    )
}

/// Each symptom: its List, the exit code, and words the doctor must say.
type Symptom = (&'static str, fn() -> String, i32, &'static [&'static str]);

const SYMPTOMS: [Symptom; 8] = [
    ("healthy", healthy, 0, &["0 errors, 0 warnings"]),
    (
        "image-pull",
        image_pull,
        1,
        &[
            "waits in ImagePullBackOff",
            "waits in ErrImagePull",
            "with the tag :latest imagePullPolicy is Always",
            "imagePullPolicy: IfNotPresent",
        ],
    ),
    (
        "image-never-pull",
        image_never_pull,
        1,
        &[
            "waits in ErrImageNeverPull",
            "minikube image load model-in-image-pattern:v1.0",
        ],
    ),
    (
        "crash-loop",
        crash_loop,
        1,
        &[
            "is in CrashLoopBackOff",
            // Both replicas crash the same way: said once, with the other Pod counted.
            "Pod/model-in-image-deployment-7d4b9c8f6d-x2x9k (and 1 more Pod of ReplicaSet/model-in-image-deployment-7d4b9c8f6d): ",
            "exit code 1 (reason: Error)",
            "kubectl logs model-in-image-deployment-7d4b9c8f6d-x2x9k -n model-in-image --previous",
            "MODEL_FILEPATH",
        ],
    ),
    (
        "service-selector",
        service_selector,
        1,
        &[
            "has no endpoints",
            "app=model-in-imag,",
            "(they have app=model-in-image)",
        ],
    ),
    (
        "readiness",
        readiness,
        1,
        &[
            "runs but is not Ready",
            "httpGet /ready on port 8080",
            "port 8080 is not a containerPort",
            "connection refused",
            "has no ready endpoints",
        ],
    ),
    (
        "hpa-unknown",
        hpa_unknown,
        1,
        &[
            "<unknown>/50%",
            "ScalingActive=False, FailedGetResourceMetric",
            "resources.requests.cpu",
        ],
    ),
    (
        "hpa-no-metrics-server",
        hpa_no_metrics_server,
        1,
        &["<unknown>/50%", "minikube addons enable metrics-server"],
    ),
];

fn workbook(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("workbook").unwrap();
    command.current_dir(repo_root()).args(args);
    command
}

/// Exit code, stdout, stderr; never a panic.
fn run(mut command: Command) -> (Option<i32>, String, String) {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

/// Compares a recorded file with what the test made, or rewrites it (`UPDATE_LIVE=1`).
fn assert_recorded(path: &str, text: &str) {
    let file = repo_root().join(path);
    if std::env::var_os("UPDATE_LIVE").is_some() {
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, text).unwrap();
    }
    let recorded = fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(
        recorded, text,
        "{path}: stale; rewrite it with UPDATE_LIVE=1 cargo test -p workbook-cli --test live"
    );
}

#[test]
fn every_symptom_of_a_running_cluster_is_named_with_its_fix_and_chapter() {
    for (name, build, code, words) in SYMPTOMS {
        let yaml_path = format!("{FIXTURES}/{name}.yaml");
        assert_recorded(&yaml_path, &build());
        let (exit, stdout, _) = run(workbook(&["doctor", &yaml_path]));
        assert_eq!(exit, Some(code), "{name}:\n{stdout}");
        for word in words {
            assert!(stdout.contains(word), "{name}: no {word:?} in\n{stdout}");
        }
        if code != 0 {
            assert!(
                stdout.contains("  fix: ") && stdout.contains("  read: "),
                "{stdout}"
            );
        }
        // The objects are a snapshot: none is taken for a manifest, none goes unread.
        assert!(
            stdout.contains(", 0 Kubernetes objects, ") && stdout.contains(" live objects, "),
            "{name}:\n{stdout}"
        );
        assert_recorded(
            &format!("{FIXTURES}/{name}.txt"),
            &format!("$ just doctor {yaml_path}\n{stdout}"),
        );
        insta::assert_snapshot!(format!("live-{name}"), stdout);
    }
}

#[test]
fn a_healthy_cluster_has_nothing_to_say_even_with_strict() {
    let (exit, stdout, _) = run(workbook(&[
        "doctor",
        "--strict",
        &format!("{FIXTURES}/healthy.yaml"),
    ]));
    assert_eq!(exit, Some(0), "{stdout}");
    assert_eq!(
        stdout,
        "doctor: 0 Dockerfiles, 0 Kubernetes objects, 5 live objects, 0 images looked at: 0 errors, 0 warnings\n"
    );
}

/// The status.yml files of the troubleshooting cases (the objects their tests build) read the
/// same way: the doctor names each of their symptoms.
#[test]
fn the_troubleshooting_cases_status_files_are_diagnosed_too() {
    for (case, words) in [
        (
            "09-image-pull",
            &["ErrImageNeverPull", "ImagePullBackOff"][..],
        ),
        (
            "10-crashloop-model-missing",
            &["CrashLoopBackOff", "--previous"][..],
        ),
        (
            "14-hpa-unknown",
            &["missing request for cpu", "resources.requests.cpu"][..],
        ),
    ] {
        let (exit, stdout, _) = run(workbook(&["doctor", &format!("{CASES}/{case}/status.yml")]));
        assert_eq!(exit, Some(1), "{case}:\n{stdout}");
        for word in words {
            assert!(stdout.contains(word), "{case}: no {word:?} in\n{stdout}");
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = repo_root().join("target/test-scratch").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A manifest is still read strictly as one, even when it carries the empty status that
/// `kubectl create --dry-run=client -o yaml` writes; a List of what a cluster reported is not.
#[test]
fn manifests_with_an_empty_status_stay_manifests() {
    let dir = scratch("live-dry-run");
    fs::write(
        dir.join("deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels: {app: web}\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels: {app: web}\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: nginx\n        resoures: {}\nstatus: {}\n",
    )
    .unwrap();
    let (exit, stdout, _) = run(workbook(&["doctor", "--no-docker", dir.to_str().unwrap()]));
    assert_eq!(exit, Some(1), "{stdout}");
    assert!(stdout.contains("unknown field `resoures`"), "{stdout}");
    assert!(stdout.contains("has no readinessProbe"), "{stdout}");
    assert!(
        stdout.contains(", 1 Kubernetes object, 0 images"),
        "{stdout}"
    );
}

#[test]
fn objects_that_are_not_what_their_kind_says_get_a_message_never_a_panic() {
    let dir = scratch("live-bad");
    let file = dir.join("pods.yaml");
    fs::write(
        &file,
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: odd, namespace: model-in-image, uid: a1}\n  status:\n    containerStatuses: running\n- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata: {name: skipped, uid: a2}\n  status: {replicas: 1}\nmetadata: {resourceVersion: \"\"}\n",
    )
    .unwrap();
    let (exit, stdout, _) = run(workbook(&["doctor", file.to_str().unwrap()]));
    assert_eq!(exit, Some(1), "{stdout}");
    assert!(
        stdout.contains("Pod/odd: not an object as a cluster reports it: status.containerStatuses"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// --cluster, with no cluster to ask

/// Runs `doctor --cluster` with the given environment; checks it ends promptly, with exit
/// code 2 and one line on stderr; returns that line.
fn no_cluster(env: &[(&str, &str)], home: Option<&Path>, within: Duration) -> String {
    let mut command = workbook(&["doctor", "--cluster"]);
    command.env_remove("KUBECONFIG");
    for (key, value) in env {
        command.env(key, value);
    }
    if let Some(home) = home {
        command.env("HOME", home);
    }
    command.timeout(within + Duration::from_secs(20));
    let started = Instant::now();
    let (exit, stdout, stderr) = run(command);
    let took = started.elapsed();
    assert!(took < within, "took {took:?}: {stderr}");
    assert_eq!(exit, Some(2), "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "one line:\n{stderr}");
    assert!(stderr.starts_with("doctor --cluster: "), "{stderr}");
    assert!(stderr.contains("`minikube start`"), "{stderr}");
    stderr
}

fn kubeconfig(dir: &Path, server: &str) -> String {
    let path = dir.join("config");
    fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: minikube\n  cluster:\n    server: {server}\ncontexts:\n- name: minikube\n  context:\n    cluster: minikube\n    namespace: default\n    user: minikube\ncurrent-context: minikube\nusers:\n- name: minikube\n  user:\n    token: not-a-real-token\n"
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn without_a_kubeconfig_the_cluster_doctor_says_how_to_start_one() {
    let line = no_cluster(
        &[("KUBECONFIG", "/no/such/folder/kubeconfig")],
        None,
        Duration::from_secs(5),
    );
    assert!(
        line.contains("no cluster to ask: there is no kubeconfig at /no/such/folder/kubeconfig"),
        "{line}"
    );
    // No KUBECONFIG, and a home without ~/.kube/config.
    let home = scratch("live-empty-home");
    let line = no_cluster(&[], Some(&home), Duration::from_secs(5));
    assert!(
        line.contains(&format!(
            "there is no kubeconfig at {}",
            home.join(".kube/config").display()
        )),
        "{line}"
    );
    // A kubeconfig that names no current context.
    let dir = scratch("live-no-context");
    let path = dir.join("config");
    fs::write(
        &path,
        "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
    )
    .unwrap();
    let line = no_cluster(
        &[("KUBECONFIG", path.to_str().unwrap())],
        None,
        Duration::from_secs(5),
    );
    assert!(line.contains("names no current context"), "{line}");
}

#[test]
fn a_cluster_that_refuses_connections_is_named_at_once() {
    // A port nothing listens on: bound, then released.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = scratch("live-refused");
    let config = kubeconfig(&dir, &format!("https://127.0.0.1:{port}"));
    let line = no_cluster(&[("KUBECONFIG", &config)], None, Duration::from_secs(5));
    assert!(
        line.contains(&format!(
            "the cluster of context minikube (https://127.0.0.1:{port}) does not answer: Connection refused"
        )),
        "{line}"
    );
}

#[test]
fn a_cluster_that_never_answers_does_not_keep_the_doctor_waiting() {
    // A socket that accepts connections (the kernel does, into the backlog) and never says a
    // word: no TLS handshake, no HTTP.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let dir = scratch("live-silent");
    let config = kubeconfig(&dir, &format!("https://127.0.0.1:{port}"));
    let deadline = workbook_cli::cluster::DEADLINE;
    let line = no_cluster(
        &[("KUBECONFIG", &config)],
        None,
        deadline + Duration::from_secs(3),
    );
    assert!(line.contains("does not answer within"), "{line}");
    drop(silent);
}

#[test]
fn namespace_goes_with_cluster() {
    let (exit, _, stderr) = run(workbook(&["doctor", "--namespace", "x", "k8s"]));
    assert_eq!(exit, Some(2), "{stderr}");
    let (exit, _, _) = run(workbook(&["doctor", "--cluster", "--namespace"]));
    assert_eq!(exit, Some(2));
}

//! Live objects: what a cluster says about the Pods, Services, EndpointSlices, HPAs and Events
//! of a namespace, read from the cluster itself (`workbook doctor --cluster`, see
//! `cluster.rs`) or from a file of `kubectl get ... -o yaml` output, and named in the doctor's
//! words: the reason a container waits, the exit code of its last run, a Service with nobody
//! behind it, an HPA that cannot compute its metric, a readiness probe that fails.
//!
//! `diagnose` is a pure function of the objects: the tests give it Lists built from the very
//! values the kubelet and the controllers write.

use std::collections::BTreeSet;

use k8s_openapi::{
    api::{
        autoscaling::v2::HorizontalPodAutoscaler,
        core::v1::{Container, ContainerStatus, Endpoints, Event, Pod, Probe, Service},
        discovery::v1::EndpointSlice,
    },
    apimachinery::pkg::{apis::meta::v1::ObjectMeta, util::intstr::IntOrString},
    serde::de::DeserializeOwned,
};
use serde_json::Value;

use crate::{
    Severity,
    app::{Origin, Speaks, is_workbook_image},
    findings::{Diagnosis, read},
    selectors::{matches_labels, pairs_text},
};

/// The objects of a cluster the doctor diagnoses, as the API server reports them.
#[derive(Debug, Clone, Default)]
pub struct Live {
    pub pods: Vec<Pod>,
    pub services: Vec<Service>,
    /// Which Pods each Service sends to (discovery.k8s.io/v1).
    pub endpoint_slices: Vec<EndpointSlice>,
    /// The older view of the same (core/v1 Endpoints), read when there is no EndpointSlice.
    pub endpoints: Vec<Endpoints>,
    pub autoscalers: Vec<HorizontalPodAutoscaler>,
    /// The kubelet's probe failures are only in Events.
    pub events: Vec<Event>,
}

impl Live {
    pub fn len(&self) -> usize {
        self.pods.len()
            + self.services.len()
            + self.endpoint_slices.len()
            + self.endpoints.len()
            + self.autoscalers.len()
            + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The objects of a `kubectl get ... -o yaml` file (a List's items). Kinds the doctor does
    /// not diagnose (Deployments, ReplicaSets...) are left out; an object that is not what its
    /// kind says becomes a diagnosis.
    pub fn from_values(file: &str, values: Vec<Value>) -> (Live, Vec<Diagnosis>) {
        fn add<T: DeserializeOwned>(
            into: &mut Vec<T>,
            value: Value,
            file: &str,
            id: &str,
            problems: &mut Vec<Diagnosis>,
        ) {
            // Not strict, unlike manifests: a newer cluster reports fields this Kubernetes
            // version does not know, and they are no mistake of the learner's.
            match serde_path_to_error::deserialize(value) {
                Ok(object) => into.push(object),
                Err(e) => problems.push(Diagnosis {
                    severity: Severity::Error,
                    location: format!("{file}: {id}"),
                    problem: format!(
                        "not an object as a cluster reports it: {}: {}",
                        e.path(),
                        e.inner()
                    ),
                    fix: "give the doctor the output of `kubectl get pods,svc,endpointslices,hpa,events -n NAMESPACE -o yaml` unchanged".into(),
                    read: read::LIVE,
                }),
            }
        }
        let mut live = Live::default();
        let mut problems = Vec::new();
        for value in values {
            let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
            let (api_version, kind) = (text("apiVersion").to_owned(), text("kind").to_owned());
            let name = value
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let id = format!("{kind}/{name}");
            let p = &mut problems;
            match (api_version.as_str(), kind.as_str()) {
                ("v1", "Pod") => add(&mut live.pods, value, file, &id, p),
                ("v1", "Service") => add(&mut live.services, value, file, &id, p),
                ("discovery.k8s.io/v1", "EndpointSlice") => {
                    add(&mut live.endpoint_slices, value, file, &id, p)
                }
                ("v1", "Endpoints") => add(&mut live.endpoints, value, file, &id, p),
                ("autoscaling/v2", "HorizontalPodAutoscaler") => {
                    add(&mut live.autoscalers, value, file, &id, p)
                }
                ("v1", "Event") => add(&mut live.events, value, file, &id, p),
                _ => {}
            }
        }
        (live, problems)
    }
}

fn name(meta: &ObjectMeta) -> &str {
    meta.name.as_deref().unwrap_or_default()
}

fn namespace(meta: &ObjectMeta) -> &str {
    meta.namespace.as_deref().unwrap_or("default")
}

/// Everything wrong with the objects, Pods first, then Services and HPAs. `source` says where
/// they come from: a file, or the cluster and namespace.
pub fn diagnose(source: &str, live: &Live) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    // The replicas of one ReplicaSet mostly share one problem: it is said once, for the first
    // Pod, with how many more have it. A finding is the same when its fix is, Pod name aside,
    // and its container is in the same state (the problem's first clause).
    struct Said {
        owner: String,
        same: String,
        index: usize,
        more: usize,
    }
    let mut said: Vec<Said> = Vec::new();
    for pod in live
        .pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        let owner = pod
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true))
            .map(|o| format!("{}/{}", o.kind, o.name));
        let pod_name = name(&pod.metadata);
        for diagnosis in diagnose_pod(source, pod, &live.events) {
            if let Some(owner) = &owner {
                let same = format!(
                    "{:?} {} {} {}",
                    diagnosis.severity,
                    diagnosis.read,
                    diagnosis.problem.split(": ").next().unwrap_or_default(),
                    diagnosis.fix.replace(pod_name, "POD")
                );
                if let Some(first) = said
                    .iter_mut()
                    .find(|s| &s.owner == owner && s.same == same)
                {
                    first.more += 1;
                    continue;
                }
                said.push(Said {
                    owner: owner.clone(),
                    same,
                    index: out.len(),
                    more: 0,
                });
            }
            out.push(diagnosis);
        }
    }
    for Said {
        owner, index, more, ..
    } in said.into_iter().filter(|s| s.more > 0)
    {
        let pods = if more == 1 { "Pod" } else { "Pods" };
        out[index]
            .location
            .push_str(&format!(" (and {more} more {pods} of {owner})"));
    }
    for service in &live.services {
        out.extend(diagnose_service(source, service, live));
    }
    for hpa in &live.autoscalers {
        out.extend(diagnose_autoscaler(source, hpa));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Pods

/// What the kubelet says, after the doctor's explanation.
fn says(message: Option<&str>) -> String {
    match message.filter(|m| !m.is_empty()) {
        Some(message) => format!("; the kubelet says: {message}"),
        None => String::new(),
    }
}

fn diagnose_pod(source: &str, pod: &Pod, events: &[Event]) -> Vec<Diagnosis> {
    let mut out = Vec::new();
    let Some(status) = &pod.status else {
        return out;
    };
    let pod_name = name(&pod.metadata);
    let ns = namespace(&pod.metadata);
    let at = format!("{source}: Pod/{pod_name}");
    let spec = pod.spec.as_ref();

    let unschedulable = status.conditions.iter().flatten().find(|c| {
        c.type_ == "PodScheduled"
            && c.status == "False"
            && c.reason.as_deref() == Some("Unschedulable")
    });
    if let Some(condition) = unschedulable {
        out.push(Diagnosis {
            severity: Severity::Error,
            location: at.clone(),
            problem: format!(
                "stays Pending: the scheduler finds no node for it{}",
                condition
                    .message
                    .as_deref()
                    .map(|m| format!("; it says: {m}"))
                    .unwrap_or_default()
            ),
            fix: format!(
                "for Insufficient cpu or memory, ask for less in the containers' resources.requests, or give minikube more (minikube delete, then minikube start --cpus 4 --memory 8g); kubectl describe pod {pod_name} -n {ns} shows the scheduler's reasons"
            ),
            read: read::LIVE,
        });
    }

    let init = status
        .init_container_statuses
        .iter()
        .flatten()
        .map(|s| (s, true));
    let main = status
        .container_statuses
        .iter()
        .flatten()
        .map(|s| (s, false));
    for (container_status, is_init) in init.chain(main) {
        let declared = spec.and_then(|spec| {
            let containers = if is_init {
                spec.init_containers.as_deref().unwrap_or_default()
            } else {
                &spec.containers
            };
            containers.iter().find(|c| c.name == container_status.name)
        });
        let which = format!(
            "{}container {:?}",
            if is_init { "init " } else { "" },
            container_status.name
        );
        let state = container_status.state.as_ref();
        if let Some(waiting) = state.and_then(|s| s.waiting.as_ref()) {
            let reason = waiting.reason.as_deref().unwrap_or_default();
            out.extend(diagnose_waiting(
                &at,
                pod_name,
                ns,
                &which,
                container_status,
                declared,
                reason,
                waiting.message.as_deref(),
            ));
        } else if !is_init && state.is_some_and(|s| s.running.is_some()) && !container_status.ready
        {
            out.push(diagnose_not_ready(
                &at,
                pod_name,
                ns,
                &which,
                container_status,
                declared,
                events,
            ));
        }
    }
    out
}

/// `model-in-image-pattern:latest` -> (`model-in-image-pattern`, `latest`); no tag means latest.
fn split_tag(image: &str) -> (&str, &str) {
    if let Some((repository, _)) = image.split_once('@') {
        return (repository, "@digest");
    }
    match image.rsplit_once(':') {
        Some((repository, tag)) if !tag.contains('/') => (repository, tag),
        _ => (image, "latest"),
    }
}

#[allow(clippy::too_many_arguments)]
fn diagnose_waiting(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    declared: Option<&Container>,
    reason: &str,
    message: Option<&str>,
) -> Option<Diagnosis> {
    let image = declared
        .and_then(|c| c.image.as_deref())
        .unwrap_or(&status.image);
    let (repository, tag) = split_tag(image);
    let restart = format!(
        "kubectl delete pod {pod} -n {ns}: its Deployment starts a new Pod, which finds the image"
    );
    let diagnosis = |problem: String, fix: String, read: &'static str| Diagnosis {
        severity: Severity::Error,
        location: at.to_owned(),
        problem,
        fix,
        read,
    };
    Some(match reason {
        "" | "ContainerCreating" | "PodInitializing" => return None,
        "ErrImageNeverPull" => diagnosis(
            format!(
                "{which} waits in ErrImageNeverPull: the node has no image {image}, and imagePullPolicy: Never forbids pulling it{}",
                says(message)
            ),
            format!(
                "load the image into the node: minikube image load {image} (minikube image ls lists what it has), then {restart}"
            ),
            read::IMAGE_PULL,
        ),
        "ImagePullBackOff" | "ErrImagePull"
            if let Some(registry) =
                Origin::of(image, declared.and_then(|c| c.image_pull_policy.as_deref()))
                    .registry() =>
        {
            // An image the cluster pulls itself: nothing to load, something to correct.
            diagnosis(
                format!(
                    "{which} waits in {reason}: the node cannot pull {image} from {registry}{}",
                    says(message)
                ),
                format!(
                    "check that {registry} has exactly this name and tag ({image}: a typo in either, or a tag that was never pushed, reads `not found` / `manifest unknown` above), that the node reaches {registry} (minikube ssh -- curl -sI https://{}/v2/), for a private repository give the Pod an imagePullSecret, and if you build the image yourself, push it there first (docker push {image}); then {restart}",
                    if registry == "Docker Hub" {
                        "registry-1.docker.io"
                    } else {
                        registry.as_str()
                    }
                ),
                read::IMAGE_PULL,
            )
        }
        "ImagePullBackOff" | "ErrImagePull" => {
            let policy = declared
                .and_then(|c| c.image_pull_policy.as_deref())
                .unwrap_or(if tag == "latest" {
                    "Always"
                } else {
                    "IfNotPresent"
                });
            let pinned = format!("{repository}:v1.0");
            let (why, fix) = match (policy, tag) {
                ("Always", "latest") => (
                    format!(
                        "it runs {image}, and with the tag :latest imagePullPolicy is Always: the node pulls the image from a registry at every start, even one loaded with minikube image load, and no registry has it"
                    ),
                    format!(
                        "pin a tag: build and load {pinned} (docker build -t {pinned} ., then minikube image load {pinned}), run that tag in the Deployment with imagePullPolicy: IfNotPresent, and apply it again"
                    ),
                ),
                ("Always", _) => (
                    format!(
                        "imagePullPolicy: Always makes the node pull {image} from a registry at every start, even when minikube image load put it there, and no registry has it"
                    ),
                    format!(
                        "set imagePullPolicy: IfNotPresent in the Deployment, load the image (minikube image load {image}) and apply the Deployment again"
                    ),
                ),
                _ => (
                    format!(
                        "the node has no image {image}, so it tries a registry, which does not have it either"
                    ),
                    format!(
                        "load the image into the node: minikube image load {image} (build it first if docker images does not list it), then {restart}"
                    ),
                ),
            };
            diagnosis(
                format!("{which} waits in {reason}: {why}{}", says(message)),
                fix,
                read::IMAGE_PULL,
            )
        }
        "CrashLoopBackOff" => diagnose_crash_loop(at, pod, ns, which, status, image, message),
        _ => diagnosis(
            format!(
                "{which} cannot start: it waits in {reason}{}",
                says(message)
            ),
            format!(
                "fix what the message names (a missing ConfigMap or Secret, a wrong image name, a command that cannot run) and apply the Deployment again; kubectl describe pod {pod} -n {ns} shows the Events with what the kubelet tried"
            ),
            read::LIVE,
        ),
    })
}

fn diagnose_crash_loop(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    image: &str,
    message: Option<&str>,
) -> Diagnosis {
    // What the workbook's server does when a file is missing is known; another program's is not.
    let workbook = is_workbook_image(image);
    let last = status
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref());
    let logs = format!("kubectl logs {pod} -n {ns} --previous");
    let (what, fix, read) = match last {
        None => (
            "it keeps stopping".to_owned(),
            format!("read why it stopped: {logs} prints what the last run wrote"),
            read::CRASH_LOOP,
        ),
        Some(last) => {
            let code = last.exit_code;
            let reason = last.reason.as_deref().unwrap_or_default();
            let exited = if reason.is_empty() {
                format!("its last run ended with exit code {code}")
            } else {
                format!("its last run ended with exit code {code} (reason: {reason})")
            };
            let said = last
                .message
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .map(|m| format!(", saying: {}", m.trim()))
                .unwrap_or_default();
            let logs_fix = if workbook {
                format!(
                    "read why it stopped: {logs} prints what the last run wrote; if it names MODEL_FILEPATH (or ORT_DYLIB_PATH), remove that env override from the Deployment - the image knows where its files are - and apply it again"
                )
            } else {
                format!(
                    "read why it stopped: {logs} prints what the last run wrote; a setting it names (an env variable, a ConfigMap or Secret, a mounted file, the command and args) is usually the cause"
                )
            };
            match (code, reason) {
                (_, "OOMKilled") => (
                    format!(
                        "{exited}: it used more memory than its resources.limits.memory allows, and the kernel killed it"
                    ),
                    format!(
                        "raise resources.limits.memory in the Deployment (kubectl top pod {pod} -n {ns} shows what it uses) and apply it again"
                    ),
                    read::CRASH_LOOP,
                ),
                (0, _) => (
                    format!(
                        "{exited}: the program finished, and a Deployment's container must keep running"
                    ),
                    format!(
                        "run the server, not a command that ends: check the image's CMD and the Deployment's command and args; {logs} prints what the last run wrote"
                    ),
                    read::CRASH_LOOP,
                ),
                (126 | 127, _) => (
                    format!(
                        "{exited}{said}: the program it starts is not in the image, or cannot be run"
                    ),
                    format!(
                        "make the Deployment's command (or the image's ENTRYPOINT) name a program the image has; {logs} prints what the last run wrote"
                    ),
                    read::ENTRYPOINT,
                ),
                (137, _) => (
                    format!(
                        "{exited}: it was killed (SIGKILL), usually by the kubelet after its livenessProbe failed"
                    ),
                    format!(
                        "kubectl describe pod {pod} -n {ns} shows the probe's failures in Events: point the livenessProbe at what the server answers ({}) and give it time to start (initialDelaySeconds or a startupProbe); {logs} prints what the last run wrote",
                        if workbook {
                            "httpGet /health on the containerPort"
                        } else {
                            "httpGet on a path it answers if it speaks HTTP, tcpSocket on its port otherwise"
                        }
                    ),
                    read::PROBES,
                ),
                (1, _) if workbook => (
                    format!(
                        "{exited}{said}: the server stopped itself, as it does at startup when a file it needs is missing (the model at MODEL_FILEPATH, the ONNX Runtime library at ORT_DYLIB_PATH), saying so in one log line"
                    ),
                    logs_fix,
                    read::CRASH_LOOP,
                ),
                (1, _) => (
                    format!(
                        "{exited}{said}: the program stopped itself with an error, which its last log lines name"
                    ),
                    logs_fix,
                    read::CRASH_LOOP,
                ),
                _ => (format!("{exited}{said}"), logs_fix, read::CRASH_LOOP),
            }
        }
    };
    // "back-off 40s restarting failed container=..." -> "40s"
    let back_off = message
        .and_then(|m| m.strip_prefix("back-off "))
        .and_then(|m| m.split_whitespace().next())
        .map(|wait| format!(", and now waits {wait} before the next"))
        .unwrap_or_default();
    Diagnosis {
        severity: Severity::Error,
        location: at.to_owned(),
        problem: format!(
            "{which} is in CrashLoopBackOff: {what}; the kubelet restarted it {} times, each time after a longer wait{back_off}",
            status.restart_count
        ),
        fix,
        read,
    }
}

/// `httpGet /ready on port 8000`, `tcpSocket on port http`, ...
fn describe_probe(probe: &Probe) -> Option<(String, Option<IntOrString>)> {
    if let Some(get) = &probe.http_get {
        let port = port_text(&get.port);
        let path = get.path.as_deref().unwrap_or("/");
        return Some((
            format!("httpGet {path} on port {port}"),
            Some(get.port.clone()),
        ));
    }
    if let Some(tcp) = &probe.tcp_socket {
        return Some((
            format!("tcpSocket on port {}", port_text(&tcp.port)),
            Some(tcp.port.clone()),
        ));
    }
    if let Some(exec) = &probe.exec {
        let command = exec.command.clone().unwrap_or_default().join(" ");
        return Some((format!("exec {command}"), None));
    }
    None
}

fn port_text(port: &IntOrString) -> String {
    match port {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn diagnose_not_ready(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    declared: Option<&Container>,
    events: &[Event],
) -> Diagnosis {
    // The kubelet's probe failures: Events of reason Unhealthy on the Pod and container.
    let starting = status.started == Some(false);
    let prefix = if starting {
        "Startup probe failed"
    } else {
        "Readiness probe failed"
    };
    let field_path = format!("spec.containers{{{}}}", status.name);
    let failures: Vec<&Event> = events
        .iter()
        .filter(|e| {
            let object = &e.involved_object;
            e.reason.as_deref() == Some("Unhealthy")
                && object.kind.as_deref() == Some("Pod")
                && object.name.as_deref() == Some(pod)
                && object.namespace.as_deref().unwrap_or(ns) == ns
                && object.field_path.as_deref().is_none_or(|f| f == field_path)
                && e.message.as_deref().is_some_and(|m| m.starts_with(prefix))
        })
        .collect();
    let probe = declared.and_then(|c| {
        if starting {
            c.startup_probe.as_ref()
        } else {
            c.readiness_probe.as_ref()
        }
    });
    let described = probe.and_then(describe_probe);
    let probe_name = if starting {
        "startupProbe"
    } else {
        "readinessProbe"
    };
    let probe_text = described
        .as_ref()
        .map(|(text, _)| format!(" ({text})"))
        .unwrap_or_default();
    // A probe on a port the container does not declare is the usual reason.
    let declared_ports: Vec<(i32, Option<&str>)> = declared
        .into_iter()
        .flat_map(|c| c.ports.iter().flatten())
        .map(|p| (p.container_port, p.name.as_deref()))
        .collect();
    let wrong_port = match described.as_ref().and_then(|(_, port)| port.as_ref()) {
        Some(port) if !declared_ports.is_empty() => {
            let declared = declared_ports.iter().any(|(n, name)| match port {
                IntOrString::Int(p) => p == n,
                IntOrString::String(s) => Some(s.as_str()) == *name,
            });
            (!declared).then(|| {
                let ports: Vec<String> =
                    declared_ports.iter().map(|(n, _)| n.to_string()).collect();
                format!(
                    "; port {} is not a containerPort of the container ({})",
                    port_text(port),
                    ports.join(", ")
                )
            })
        }
        _ => None,
    }
    .unwrap_or_default();
    let describe = format!("kubectl describe pod {pod} -n {ns}");
    let image = declared
        .and_then(|c| c.image.as_deref())
        .unwrap_or(&status.image);
    let workbook = is_workbook_image(image);
    let asks = if workbook {
        "httpGet /ready on the containerPort (8000)".to_owned()
    } else {
        // What the container speaks says which probe can ask it.
        match declared.and_then(|c| crate::app::listener(c, &[], &[])) {
            Some(listener) => match listener.speaks {
                Speaks::Http { .. } => format!(
                    "httpGet on port {} with a path the server answers ({})",
                    listener.port, listener.because
                ),
                Speaks::Other(_) => format!(
                    "tcpSocket on port {} ({}: not HTTP), or an exec probe with a command the image carries",
                    listener.port, listener.because
                ),
                Speaks::Unknown => format!(
                    "a port the container listens on ({}), with httpGet only if it speaks HTTP",
                    listener.port
                ),
            },
            None => "a command the image carries (exec), as the container declares no port".into(),
        }
    };
    let (whom, it) = if workbook {
        ("the server", "the server")
    } else {
        ("the container", "it")
    };
    let fix = format!(
        "make the {probe_name} ask what {whom} answers - {asks} - and read kubectl logs {pod} -n {ns} for why {it} is not ready; {describe} shows the probe and its failures"
    );
    match failures.last() {
        Some(last) => {
            let message = last.message.as_deref().unwrap_or_default();
            let times: i32 = failures.iter().map(|e| e.count.unwrap_or(1)).sum();
            let meaning = if message.contains("connection refused") {
                ": nothing listens on the port it asks (the probe's port is not the server's, or the server listens on 127.0.0.1 only)"
            } else if message.contains("statuscode: 404") {
                ": the server has no such path"
            } else if message.contains("statuscode: 503") && workbook {
                ": the server answers that it is not ready (this server does until its model is loaded)"
            } else if message.contains("statuscode: 503") {
                ": the server answers 503 Service Unavailable, that it is not ready"
            } else if message.contains("deadline exceeded") || message.contains("Timeout") {
                ": the server does not answer within the probe's timeoutSeconds"
            } else {
                ""
            };
            Diagnosis {
                severity: Severity::Error,
                location: at.to_owned(),
                problem: format!(
                    "{which} runs but is not Ready, so no Service sends it requests: its {probe_name}{probe_text} fails{meaning}{wrong_port}; the kubelet says ({times} times): {message}"
                ),
                fix,
                read: read::PROBES,
            }
        }
        None => Diagnosis {
            severity: Severity::Warning,
            location: at.to_owned(),
            problem: format!(
                "{which} runs but is not Ready, so no Service sends it requests: its {probe_name}{probe_text} has not succeeded{wrong_port}; {}, but if this lasts the probe fails",
                if workbook {
                    "a server still loading its model is not Ready for a few seconds"
                } else {
                    "a server still starting is not Ready for a while"
                }
            ),
            fix,
            read: read::PROBES,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Services

fn pod_is_ready(pod: &Pod) -> bool {
    let Some(status) = &pod.status else {
        return false;
    };
    match status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready")
    {
        Some(condition) => condition.status == "True",
        None => status
            .container_statuses
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|c| c.ready)),
    }
}

fn diagnose_service(source: &str, service: &Service, live: &Live) -> Option<Diagnosis> {
    let spec = service.spec.as_ref()?;
    if spec.type_.as_deref() == Some("ExternalName") {
        return None;
    }
    // Without a selector, someone else manages the endpoints.
    let selector = spec.selector.as_ref().filter(|s| !s.is_empty())?;
    let service_name = name(&service.metadata);
    let ns = namespace(&service.metadata);
    let pods: Vec<&Pod> = live
        .pods
        .iter()
        .filter(|p| namespace(&p.metadata) == ns && p.metadata.deletion_timestamp.is_none())
        .collect();
    let matching: Vec<&Pod> = pods
        .iter()
        .copied()
        .filter(|p| matches_labels(selector, p.metadata.labels.as_ref()))
        .collect();
    let slices: Vec<&EndpointSlice> = live
        .endpoint_slices
        .iter()
        .filter(|s| {
            namespace(&s.metadata) == ns
                && s.metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get("kubernetes.io/service-name"))
                    .map(String::as_str)
                    == Some(service_name)
        })
        .collect();
    let endpoints = live
        .endpoints
        .iter()
        .find(|e| namespace(&e.metadata) == ns && name(&e.metadata) == service_name);
    // Ready addresses: the EndpointSlices' (a missing `ready` means ready), else the
    // Endpoints', else what the Pods say.
    let ready = if !slices.is_empty() {
        slices
            .iter()
            .flat_map(|s| &s.endpoints)
            .filter(|e| {
                !e.addresses.is_empty()
                    && e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true)
            })
            .count()
    } else if let Some(endpoints) = endpoints {
        endpoints
            .subsets
            .iter()
            .flatten()
            .map(|s| s.addresses.as_ref().map_or(0, Vec::len))
            .sum()
    } else {
        matching.iter().filter(|p| pod_is_ready(p)).count()
    };
    if ready > 0 {
        return None;
    }
    let selector_words = pairs_text(selector);
    let at = format!("{source}: Service/{service_name}");
    let fails = "so every request to the Service fails (connection refused)";
    if matching.is_empty() {
        let what_pods_have: BTreeSet<String> = pods
            .iter()
            .filter_map(|p| p.metadata.labels.as_ref())
            .flat_map(|labels| {
                selector
                    .keys()
                    .filter_map(|k| labels.get(k).map(|v| format!("{k}={v}")))
            })
            .collect();
        let whose = if pods.is_empty() {
            format!(
                "there is no Pod in namespace {ns} at all (is the Deployment applied? kubectl get deployments -n {ns})"
            )
        } else if what_pods_have.is_empty() {
            format!(
                "none of the {} Pods in namespace {ns} carries it",
                pods.len()
            )
        } else {
            format!(
                "none of the {} Pods in namespace {ns} carries it (they have {})",
                pods.len(),
                what_pods_have.into_iter().collect::<Vec<_>>().join(", ")
            )
        };
        Some(Diagnosis {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "has no endpoints: its selector is {selector_words}, and {whose}; {fails}"
            ),
            fix: format!(
                "make the Service's selector the labels of the Deployment's Pod template (spec.template.metadata.labels) and apply it again; kubectl get endpointslices -l kubernetes.io/service-name={service_name} -n {ns} then lists the Pods"
            ),
            read: read::SELECTOR,
        })
    } else {
        Some(Diagnosis {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "has no ready endpoints: its selector {selector_words} matches {} Pods, and none of them is Ready, {fails} until one is",
                matching.len()
            ),
            fix: format!(
                "make the Pods Ready: what the doctor says about them above, and kubectl describe pod -l {selector_words} -n {ns}, say why they are not"
            ),
            read: read::LIVE,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// HorizontalPodAutoscalers

fn diagnose_autoscaler(source: &str, hpa: &HorizontalPodAutoscaler) -> Option<Diagnosis> {
    let conditions = hpa.status.as_ref()?.conditions.as_ref()?;
    let hpa_name = name(&hpa.metadata);
    let ns = namespace(&hpa.metadata);
    let at = format!("{source}: HorizontalPodAutoscaler/{hpa_name}");
    let failed = |type_: &str| {
        conditions
            .iter()
            .find(|c| c.type_ == type_ && c.status == "False")
    };
    let target_ref = hpa.spec.as_ref().map(|s| &s.scale_target_ref);
    if let Some(condition) = failed("AbleToScale") {
        let reason = condition.reason.as_deref().unwrap_or_default();
        let message = condition.message.as_deref().unwrap_or_default();
        let target = target_ref
            .map(|t| format!("{}/{}", t.kind, t.name))
            .unwrap_or_else(|| "its target".into());
        return Some(Diagnosis {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "cannot scale {target} (AbleToScale=False, {reason}); the HPA says: {message}"
            ),
            fix: format!(
                "make spec.scaleTargetRef name the Deployment exactly (apiVersion: apps/v1, kind: Deployment, its metadata.name) in the same namespace; kubectl get deployments -n {ns} lists them"
            ),
            read: read::HPA,
        });
    }
    let condition = failed("ScalingActive")?;
    let reason = condition.reason.as_deref().unwrap_or_default();
    let message = condition.message.as_deref().unwrap_or_default();
    let utilization = hpa
        .spec
        .iter()
        .flat_map(|s| s.metrics.iter().flatten())
        .filter_map(|m| m.resource.as_ref())
        .find(|r| r.name == "cpu")
        .and_then(|r| r.target.average_utilization);
    let shows = match utilization {
        Some(percent) => format!("<unknown>/{percent}%"),
        None => "<unknown>".into(),
    };
    let no_request = message.contains("missing request for");
    let no_metrics = message.contains("metrics.k8s.io") || message.contains("resource metrics API");
    let unready = message.contains("did not receive metrics for targeted pods");
    let (cause, fix) = if unready {
        (
            "its Pods are not running or not Ready, so there is nothing to measure",
            "make the Pods run and be Ready first (what the doctor says about them above); the HPA follows".to_owned(),
        )
    } else if no_request {
        (
            "a container of its Pods asks for no CPU (resources.requests.cpu), and a utilization is a percentage of that request",
            "give every container of the Deployment resources.requests.cpu (e.g. 250m) and apply it again; kubectl get hpa shows a percentage within a minute".to_owned(),
        )
    } else if no_metrics {
        (
            "no metrics-server answers for the Pods' CPU use",
            format!(
                "enable metrics-server: minikube addons enable metrics-server; once kubectl top pods -n {ns} answers (a minute or so), so does the HPA"
            ),
        )
    } else {
        (
            "it gets no CPU figure for its Pods",
            format!(
                "give every container resources.requests.cpu (e.g. 250m), and enable metrics-server (minikube addons enable metrics-server); kubectl describe hpa {hpa_name} -n {ns} shows the condition"
            ),
        )
    };
    Some(Diagnosis {
        severity: Severity::Error,
        location: at,
        problem: format!(
            "kubectl get hpa shows {shows} and it never scales: {cause} (ScalingActive=False, {reason}); the HPA says: {message}"
        ),
        fix,
        read: read::HPA,
    })
}

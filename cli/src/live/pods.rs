//! A Pod as its kubelet reports it: a container waiting (ImagePullBackOff, ErrImageNeverPull,
//! CreateContainerConfigError...), with the Events that say why.

use k8s_openapi::api::core::v1::{Container, ContainerStatus, Event, Pod};

use super::{
    containers::{diagnose_crash_loop, diagnose_not_ready},
    objects::{name, namespace},
};
use crate::{
    Severity,
    app::Origin,
    findings::{Finding, Read, read},
};

/// What the kubelet says, after the doctor's explanation.
pub(crate) fn says(message: Option<&str>) -> String {
    match message.filter(|m| !m.is_empty()) {
        Some(message) => format!("; the kubelet says: {message}"),
        None => String::new(),
    }
}

pub(crate) fn diagnose_pod(source: &str, pod: &Pod, events: &[Event]) -> Vec<Finding> {
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
        out.push(Finding {
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
pub(crate) fn split_tag(image: &str) -> (&str, &str) {
    if let Some((repository, _)) = image.split_once('@') {
        return (repository, "@digest");
    }
    match image.rsplit_once(':') {
        Some((repository, tag)) if !tag.contains('/') => (repository, tag),
        _ => (image, "latest"),
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn diagnose_waiting(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    declared: Option<&Container>,
    reason: &str,
    message: Option<&str>,
) -> Option<Finding> {
    let image = declared
        .and_then(|c| c.image.as_deref())
        .unwrap_or(&status.image);
    let (repository, tag) = split_tag(image);
    let restart = format!(
        "kubectl delete pod {pod} -n {ns}: its Deployment starts a new Pod, which finds the image"
    );
    let diagnosis = |problem: String, fix: String, read: Read| Finding {
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
            read::case(9),
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
                read::case(9),
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
                read::case(9),
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

//! A Pod as its kubelet reports it: a container waiting (ImagePullBackOff, ErrImageNeverPull,
//! CreateContainerConfigError...), with the Events that say why.

use k8s_openapi::api::core::v1::{Event, Pod};

use super::{
    containers::{Reported, diagnose_crash_loop, diagnose_not_ready},
    objects::{name, namespace},
};
use crate::{
    Severity,
    app::Origin,
    findings::{Finding, Read, read},
    t,
};

/// What the kubelet says, after the doctor's explanation.
pub(crate) fn says(message: Option<&str>) -> String {
    match message.filter(|m| !m.is_empty()) {
        Some(message) => t!("live-kubelet-says", message = message),
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
            problem: t!(
                "live-unschedulable",
                says = condition
                    .message
                    .as_deref()
                    .map(|m| t!("live-scheduler-says", message = m))
                    .unwrap_or_default()
            ),
            fix: t!("live-unschedulable-fix", pod = pod_name, ns = ns),
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
        let container = format!("{:?}", container_status.name);
        let which = if is_init {
            t!("live-init-container", name = container)
        } else {
            t!("live-container", name = container)
        };
        let reported = Reported {
            at: &at,
            pod: pod_name,
            ns,
            which: &which,
            status: container_status,
            declared,
        };
        let state = container_status.state.as_ref();
        if let Some(waiting) = state.and_then(|s| s.waiting.as_ref()) {
            let reason = waiting.reason.as_deref().unwrap_or_default();
            out.extend(diagnose_waiting(
                &reported,
                reason,
                waiting.message.as_deref(),
            ));
        } else if !is_init && state.is_some_and(|s| s.running.is_some()) && !container_status.ready
        {
            out.push(diagnose_not_ready(&reported, events));
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

pub(crate) fn diagnose_waiting(
    container: &Reported,
    reason: &str,
    message: Option<&str>,
) -> Option<Finding> {
    let Reported {
        at,
        pod,
        ns,
        which,
        declared,
        ..
    } = *container;
    let image = container.image();
    let (repository, tag) = split_tag(image);
    let restart = t!("live-restart-pod", pod = pod, ns = ns);
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
            t!(
                "live-never-pull",
                which = which,
                image = image,
                says = says(message)
            ),
            t!(
                "live-never-pull-fix",
                image = image,
                restart = restart.as_str()
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
                t!(
                    "live-cannot-pull",
                    which = which,
                    reason = reason,
                    image = image,
                    registry = registry.as_str(),
                    says = says(message)
                ),
                t!(
                    "live-cannot-pull-fix",
                    registry = registry.as_str(),
                    image = image,
                    host = if registry == "Docker Hub" {
                        "registry-1.docker.io"
                    } else {
                        registry.as_str()
                    },
                    restart = restart.as_str()
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
                    t!("live-pull-latest", image = image),
                    t!("live-pull-latest-fix", pinned = pinned.as_str()),
                ),
                ("Always", _) => (
                    t!("live-pull-always", image = image),
                    t!("live-pull-always-fix", image = image),
                ),
                _ => (
                    t!("live-pull-missing", image = image),
                    t!(
                        "live-pull-missing-fix",
                        image = image,
                        restart = restart.as_str()
                    ),
                ),
            };
            diagnosis(
                t!(
                    "live-waits",
                    which = which,
                    reason = reason,
                    why = why,
                    says = says(message)
                ),
                fix,
                read::case(9),
            )
        }
        "CrashLoopBackOff" => diagnose_crash_loop(container, message),
        _ => diagnosis(
            t!(
                "live-cannot-start",
                which = which,
                reason = reason,
                says = says(message)
            ),
            t!("live-cannot-start-fix", pod = pod, ns = ns),
            read::LIVE,
        ),
    })
}

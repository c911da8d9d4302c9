//! A Deployment's container, run by Docker as Kubernetes would run it: the same image, env,
//! port, CPU and memory limits, user, read-only root filesystem and capabilities. What a
//! cluster adds (scheduling, Services, probes calling in) is tested short of a cluster.

use k8s_openapi::api::{
    apps::v1::Deployment,
    core::v1::{Container, PodSpec},
};
use testcontainers::{ContainerRequest, GenericImage, ImageExt, bollard::models::HostConfig};
use workbook_cli::{Object, load_path};

use crate::{Lesson, TestApp, repo_root};

/// The Deployment in `path` (relative to the repository root): a manifest file, or a folder -
/// with a kustomization, the objects `kubectl apply -k` would send. It must be valid.
pub fn deployment(path: &str) -> Deployment {
    let (manifests, findings) = load_path(&repo_root().join(path));
    assert!(findings.is_empty(), "{path}: {findings:?}");
    manifests
        .iter()
        .find_map(|m| match &m.object {
            Object::Deployment(d) => Some((**d).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{path} holds a Deployment"))
}

pub fn pod_spec(deployment: &Deployment) -> PodSpec {
    let spec = deployment.spec.as_ref().expect("spec");
    spec.template.spec.clone().expect("a Pod template spec")
}

/// The Pod's first container.
pub fn container(deployment: &Deployment) -> Container {
    pod_spec(deployment).containers[0].clone()
}

/// Kubernetes quantities as Docker wants them: bytes (`256Mi`) and nano-CPUs (`500m`).
pub fn bytes(quantity: &str) -> i64 {
    let (number, unit) = quantity.split_at(
        quantity
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(quantity.len()),
    );
    let scale: i64 = match unit {
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "" => 1,
        other => panic!("unit {other} not handled by the test"),
    };
    number.parse::<i64>().unwrap() * scale
}

pub fn nano_cpus(quantity: &str) -> i64 {
    match quantity.strip_suffix('m') {
        Some(milli) => milli.parse::<i64>().unwrap() * 1_000_000,
        None => (quantity.parse::<f64>().unwrap() * 1e9) as i64,
    }
}

/// Starts the lesson's image as the Deployment in `path` describes its container.
pub async fn spawn_as_deployed(lesson: &Lesson, path: &str) -> (TestApp, Container) {
    let deployment = deployment(path);
    let pod = pod_spec(&deployment);
    let container = container(&deployment);
    let change = as_deployed(&pod, &container);
    (lesson.spawn_with(change).await, container)
}

/// The container request changed to run as the Pod spec says.
pub fn as_deployed(
    pod: &PodSpec,
    container: &Container,
) -> impl FnOnce(ContainerRequest<GenericImage>) -> ContainerRequest<GenericImage> + use<> {
    let limits = container
        .resources
        .as_ref()
        .and_then(|r| r.limits.clone())
        .unwrap_or_default();
    let memory = limits.get("memory").map(|q| bytes(&q.0));
    let cpus = limits.get("cpu").map(|q| nano_cpus(&q.0));
    let env: Vec<(String, String)> = container
        .env
        .iter()
        .flatten()
        .map(|e| (e.name.clone(), e.value.clone().unwrap_or_default()))
        .collect();
    let pod_security = pod.security_context.clone().unwrap_or_default();
    let security = container.security_context.clone().unwrap_or_default();
    let user = security.run_as_user.or(pod_security.run_as_user);
    let group = security.run_as_group.or(pod_security.run_as_group);
    let read_only = security.read_only_root_filesystem.unwrap_or(false);
    let no_new_privileges = security.allow_privilege_escalation == Some(false);
    let drop: Vec<String> = security
        .capabilities
        .and_then(|c| c.drop)
        .unwrap_or_default();
    move |mut request| {
        for (name, value) in &env {
            request = request.with_env_var(name, value);
        }
        if let Some(user) = user {
            let group = group.unwrap_or(user);
            request = request.with_user(format!("{user}:{group}"));
        }
        if read_only {
            request = request.with_readonly_rootfs(true);
        }
        if no_new_privileges {
            request = request.with_security_opt("no-new-privileges");
        }
        for capability in drop {
            request = request.with_cap_drop(capability);
        }
        request.with_host_config_modifier(move |host: &mut HostConfig| {
            host.memory = memory;
            host.nano_cpus = cpus;
        })
    }
}

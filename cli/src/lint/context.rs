//! What every kube-linter check uses: where its findings go ([`Lint`]), the Pods of a
//! workload with their paths ([`Pod`]), and small readers of containers, probes and resources.

use std::collections::BTreeMap;

use k8s_openapi::{
    api::core::v1::{Container, PodSpec, Probe, ResourceRequirements, SecurityContext},
    apimachinery::pkg::{
        api::resource::Quantity, apis::meta::v1::LabelSelector, util::intstr::IntOrString,
    },
};

use super::catalog::message;
use crate::{
    findings::{Finding, Severity, at},
    manifests::{Manifest, Object, PodTemplate},
};

/// Where findings go, for one manifest.
pub(crate) struct Lint<'a> {
    pub(crate) manifest: &'a Manifest,
    pub(crate) findings: &'a mut Vec<Finding>,
}

impl Lint<'_> {
    pub(crate) fn report(&mut self, check: &'static str, field: String, problem: String) {
        self.findings.push(Finding::in_manifest(
            Severity::Error,
            at(&self.manifest.file, &self.manifest.id(), &field),
            message(check, problem),
        ));
    }
}

/// A workload's Pods, with the path of their spec.
pub(crate) struct Pod<'a> {
    pub(crate) spec: &'a PodSpec,
    pub(crate) labels: Option<&'a BTreeMap<String, String>>,
    pub(crate) at: String,
}

impl<'a> Pod<'a> {
    pub(crate) fn new(template: &PodTemplate<'a>) -> Self {
        let at = if template.at.is_empty() {
            "spec".to_owned()
        } else {
            format!("{}.spec", template.at)
        };
        Pod {
            spec: template.spec,
            labels: template.labels,
            at,
        }
    }

    pub(crate) fn field(&self, field: &str) -> String {
        format!("{}.{field}", self.at)
    }

    /// The regular containers, each with its path.
    pub(crate) fn containers(&self) -> Vec<(String, &'a Container)> {
        let at = &self.at;
        let spec: &'a PodSpec = self.spec;
        spec.containers
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("{at}.containers[{i}]"), c))
            .collect()
    }

    /// Init containers, then the regular ones (kube-linter's "all containers"; ephemeral
    /// containers cannot be created with a Pod, so manifests have none).
    pub(crate) fn all_containers(&self) -> Vec<(String, &'a Container)> {
        let at = &self.at;
        let spec: &'a PodSpec = self.spec;
        spec.init_containers
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, c)| (format!("{at}.initContainers[{i}]"), c))
            .chain(self.containers())
            .collect()
    }
}

pub(crate) fn security(container: &Container) -> Option<&SecurityContext> {
    container.security_context.as_ref()
}

/// `docker-sock` and `sensitive-host-mounts`: hostPath volumes whose path matches, reported
/// once for each container that mounts them.
pub(crate) fn host_mounts(
    pod: &Pod,
    lint: &mut Lint,
    check: &'static str,
    matches: impl Fn(&str) -> bool,
) {
    for (i, volume) in pod.spec.volumes.iter().flatten().enumerate() {
        let Some(path) = volume.host_path.as_ref().map(|h| h.path.as_str()) else {
            continue;
        };
        if !matches(path) {
            continue;
        }
        for (_, container) in pod.all_containers() {
            let mounted = container
                .volume_mounts
                .iter()
                .flatten()
                .any(|m| m.name == volume.name);
            if mounted {
                lint.report(
                    check,
                    pod.field(&format!("volumes[{i}].hostPath.path")),
                    crate::t!(
                        "lint-host-mount",
                        path = path,
                        container = format!("{:?}", container.name)
                    ),
                );
            }
        }
    }
}

/// The three probe-port checks: the probe's httpGet, tcpSocket or grpc port must be one the
/// container declares for TCP (by number, or by name for httpGet and tcpSocket).
pub(crate) fn probe_port(
    lint: &mut Lint,
    check: &'static str,
    at: &str,
    kind: &str,
    container: &Container,
    probe: &Option<Probe>,
) {
    let Some(probe) = probe else { return };
    let tcp_ports: Vec<_> = container
        .ports
        .iter()
        .flatten()
        .filter(|p| matches!(p.protocol.as_deref(), None | Some("") | Some("TCP")))
        .collect();
    let declared = |port: &IntOrString| {
        tcp_ports.iter().any(|p| match port {
            IntOrString::Int(n) => p.container_port == *n,
            IntOrString::String(name) => p.name.as_deref().unwrap_or_default() == name,
        })
    };
    let handlers = [
        ("httpGet", probe.http_get.as_ref().map(|h| h.port.clone())),
        (
            "tcpSocket",
            probe.tcp_socket.as_ref().map(|t| t.port.clone()),
        ),
        (
            "grpc",
            probe.grpc.as_ref().map(|g| IntOrString::Int(g.port)),
        ),
    ];
    for (handler, port) in handlers {
        let Some(port) = port else { continue };
        if !declared(&port) {
            let port_text = match &port {
                IntOrString::Int(n) => n.to_string(),
                IntOrString::String(s) => format!("{s:?}"),
            };
            lint.report(
                check,
                format!("{at}.{kind}.{handler}.port"),
                crate::t!(
                    "lint-probe-port",
                    container = format!("{:?}", container.name),
                    port = port_text
                ),
            );
            return;
        }
    }
}

/// Kubernetes' port name rules (`IsValidPortName`): what is wrong with `name`, if anything.
pub(crate) fn port_name_problems(name: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if name.len() > 15 {
        problems.push("must be no more than 15 characters");
    }
    let charset = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !charset {
        problems.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    } else if !name.chars().any(|c| c.is_ascii_lowercase()) {
        problems.push("must contain at least one letter (a-z)");
    }
    if name.contains("--") {
        problems.push("must not contain consecutive hyphens");
    }
    if name.starts_with('-') || name.ends_with('-') {
        problems.push("must not begin or end with a hyphen");
    }
    problems
}

/// Whether a resource is set to something other than zero (`0`, `0m`, `0Mi`, ...). A quantity
/// this cannot read counts as set: the API server judges it.
pub(crate) fn resource_set(
    container: &Container,
    which: impl Fn(&ResourceRequirements) -> Option<&BTreeMap<String, Quantity>>,
    name: &str,
) -> bool {
    let Some(quantity) = container
        .resources
        .as_ref()
        .and_then(which)
        .and_then(|r| r.get(name))
    else {
        return false;
    };
    let number: String = quantity
        .0
        .trim_start_matches(['+', '-'])
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse::<f64>() != Ok(0.0)
}

/// The replicas kube-linter reads: Deployments, StatefulSets and ReplicaSets have them (unset
/// means 1); other kinds have none.
pub(crate) fn replicas(manifest: &Manifest) -> Option<i32> {
    match &manifest.object {
        Object::Deployment(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        Object::StatefulSet(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        Object::ReplicaSet(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        _ => None,
    }
}

pub(crate) fn workload_selector(manifest: &Manifest) -> Option<&LabelSelector> {
    match &manifest.object {
        Object::Deployment(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::StatefulSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::DaemonSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::ReplicaSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::Job(o) => o.spec.as_ref().and_then(|s| s.selector.as_ref()),
        _ => None,
    }
}

/// kube-linter compares namespaces as written: an object without one is in "".
pub(crate) fn namespace_of(manifest: &Manifest) -> &str {
    manifest.metadata().namespace.as_deref().unwrap_or_default()
}

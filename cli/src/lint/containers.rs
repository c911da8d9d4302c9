//! kube-linter's default checks on each container: its image tag, environment, ports and
//! probes, and resource requests.

use std::collections::BTreeMap;

use super::context::{Lint, Pod, port_name_problems, probe_port, resource_set};
use crate::t;

/// `duplicate-env-var`: reported once per repeated name, at its second entry.
///
/// Mirrors kube-linter v0.7.0's `duplicate-env-var` check (template `duplicate-env-var`); its rule
/// is the same in v0.8.3, the newest release.
pub(crate) fn duplicate_env_var(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, var) in container.env.iter().flatten().enumerate() {
            let count = seen.entry(&var.name).or_default();
            *count += 1;
            if *count == 2 {
                lint.report(
                    "duplicate-env-var",
                    format!("{at}.env[{i}].name"),
                    t!(
                        "lint-duplicate-env-var",
                        container = format!("{:?}", container.name),
                        variable = var.name.as_str()
                    ),
                );
            }
        }
    }
}

/// `invalid-target-ports`, for workloads: every named container port must be a valid port
/// name (IANA service name syntax).
///
/// Mirrors kube-linter v0.7.0's `invalid-target-ports` check (template `target-port`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn invalid_target_ports_in_containers(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        for (i, port) in container.ports.iter().flatten().enumerate() {
            let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) else {
                continue;
            };
            let problems = port_name_problems(name);
            if !problems.is_empty() {
                lint.report(
                    "invalid-target-ports",
                    format!("{at}.ports[{i}].name"),
                    t!(
                        "lint-invalid-port-name",
                        name = format!("{name:?}"),
                        container = format!("{:?}", container.name),
                        problems = problems.join(", ")
                    ),
                );
            }
        }
    }
}

/// `latest-tag`: kube-linter's block list - an image ending in `:latest`, an image with no `:`
/// at all, or one whose part after a `/` has no `:` (a registry port is not a tag).
///
/// Mirrors kube-linter v0.7.0's `latest-tag` check (template `latest-tag`); its rule is the same in
/// v0.8.3, the newest release.
pub(crate) fn latest_tag(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        let image = container.image.as_deref().unwrap_or_default();
        let untagged_path = image.match_indices('/').any(|(i, _)| {
            let rest = &image[i + 1..];
            !rest.is_empty() && !rest.contains(':')
        });
        if image.ends_with(":latest") || !image.contains(':') || untagged_path {
            lint.report(
                "latest-tag",
                format!("{at}.image"),
                t!(
                    "lint-latest-tag",
                    container = format!("{:?}", container.name),
                    image = format!("{image:?}")
                ),
            );
        }
    }
}

/// `liveness-port`
///
/// Mirrors kube-linter v0.7.0's `liveness-port` check (template `liveness-port`); its rule is the
/// same in v0.8.3, the newest release.
pub(crate) fn liveness_port(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.containers() {
        probe_port(
            lint,
            "liveness-port",
            &at,
            "livenessProbe",
            container,
            &container.liveness_probe,
        );
    }
}

/// `readiness-port`
///
/// Mirrors kube-linter v0.7.0's `readiness-port` check (template `readiness-port`); its rule is the
/// same in v0.8.3, the newest release.
pub(crate) fn readiness_port(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.containers() {
        probe_port(
            lint,
            "readiness-port",
            &at,
            "readinessProbe",
            container,
            &container.readiness_probe,
        );
    }
}

/// `ssh-port`: a container declaring TCP port 22 (a port's protocol defaults to TCP).
///
/// Mirrors kube-linter v0.7.0's `ssh-port` check (template `ports`); its rule is the same in
/// v0.8.3, the newest release.
pub(crate) fn ssh_port(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        for (i, port) in container.ports.iter().flatten().enumerate() {
            let protocol = port
                .protocol
                .as_deref()
                .filter(|p| !p.is_empty())
                .unwrap_or("TCP");
            if port.container_port == 22 && protocol.contains("TCP") {
                lint.report(
                    "ssh-port",
                    format!("{at}.ports[{i}].containerPort"),
                    t!(
                        "lint-ssh-port",
                        container = format!("{:?}", container.name),
                        protocol = protocol
                    ),
                );
            }
        }
    }
}

/// `startup-port`
///
/// Mirrors kube-linter v0.7.0's `startup-port` check (template `startup-port`); its rule is the
/// same in v0.8.3, the newest release.
pub(crate) fn startup_port(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.containers() {
        probe_port(
            lint,
            "startup-port",
            &at,
            "startupProbe",
            container,
            &container.startup_probe,
        );
    }
}

/// `unset-cpu-requirements`: requests.cpu missing or 0.
///
/// Mirrors kube-linter v0.7.0's `unset-cpu-requirements` check (template `cpu-requirements`); its
/// rule is the same in v0.8.3, the newest release.
pub(crate) fn unset_cpu_requirements(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if !resource_set(container, |r| r.requests.as_ref(), "cpu") {
            lint.report(
                "unset-cpu-requirements",
                format!("{at}.resources.requests.cpu"),
                t!(
                    "lint-no-cpu-request",
                    container = format!("{:?}", container.name)
                ),
            );
        }
    }
}

/// `unset-memory-requirements`: limits.memory missing or 0.
///
/// Mirrors kube-linter v0.7.0's `unset-memory-requirements` check (template `memory-requirements`);
/// its rule is the same in v0.8.3, the newest release.
pub(crate) fn unset_memory_requirements(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if !resource_set(container, |r| r.limits.as_ref(), "memory") {
            lint.report(
                "unset-memory-requirements",
                format!("{at}.resources.limits.memory"),
                t!(
                    "lint-no-memory-limit",
                    container = format!("{:?}", container.name)
                ),
            );
        }
    }
}

//! The doctor's rules on manifests that check-manifests does not have: probes, env overrides,
//! NetworkPolicies (check-manifests' own findings carry their fix and chapter).

use std::collections::BTreeMap;

use k8s_openapi::{
    api::{
        core::v1::{Container, ServicePort},
        networking::v1::NetworkPolicy,
    },
    apimachinery::pkg::util::intstr::IntOrString,
};

use super::context::Context;
use crate::{
    Severity,
    app::{Holds, Origin, is_workbook_image},
    findings::{Finding, read},
    manifests::{Manifest, Object},
    selectors::{matches_labels, selects},
    t,
};

/// What check-manifests does not look at: probes, env overrides, NetworkPolicies.
pub fn examine_manifests(manifests: &[Manifest], context: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let policies: Vec<(&Manifest, &NetworkPolicy)> = manifests
        .iter()
        .filter_map(|m| match &m.object {
            Object::NetworkPolicy(p) => Some((m, &**p)),
            _ => None,
        })
        .collect();
    for manifest in manifests {
        let Some(template) = manifest.pod_template() else {
            continue;
        };
        let long_running = !matches!(manifest.object, Object::Job(_) | Object::CronJob(_));
        let spec_at = if template.at.is_empty() {
            "spec".to_owned()
        } else {
            format!("{}.spec", template.at)
        };
        for (i, container) in template.spec.containers.iter().enumerate() {
            let location = format!(
                "{}: {}: {spec_at}.containers[{i}]",
                manifest.file,
                manifest.id()
            );
            let image = container.image.as_deref().unwrap_or_default();
            let origin = Origin::of(image, container.image_pull_policy.as_deref());
            let holds = context.holds(image, &origin, &manifest.file);
            if long_running {
                let services = services_for(manifests, manifest, template.labels, container);
                out.extend(no_probes(&location, container, &services, holds));
            }
            out.extend(env_overrides(&location, container, holds));
            for (m, policy) in &policies {
                if let Some(problem) = blocks(m, policy, manifest, template.labels, container) {
                    out.push(Finding {
                        severity: Severity::Error,
                        location: format!("{}: {}", m.file, m.id()),
                        problem,
                        fix: t!(
                            "doctor-policy-blocks-fix",
                            port = container
                                .ports
                                .iter()
                                .flatten()
                                .next()
                                .map_or(crate::app::WORKBOOK_PORT, |p| p.container_port)
                                .to_string()
                        ),
                        read: read::case(13),
                    });
                }
            }
        }
    }
    out
}

/// The ports of the Services that send to a container, with the Service's name: what they
/// call the port (`name`, `appProtocol`) says what the container speaks there.
pub(crate) fn services_for<'m>(
    manifests: &'m [Manifest],
    workload: &Manifest,
    labels: Option<&BTreeMap<String, String>>,
    container: &Container,
) -> Vec<(&'m str, &'m ServicePort)> {
    let Some(labels) = labels else {
        return vec![];
    };
    let ns = |m: &Manifest| m.metadata().namespace.clone();
    let mut out = Vec::new();
    for manifest in manifests {
        let Object::Service(service) = &manifest.object else {
            continue;
        };
        let Some(spec) = &service.spec else { continue };
        let selects = spec
            .selector
            .as_ref()
            .is_some_and(|s| !s.is_empty() && matches_labels(s, Some(labels)));
        if !selects
            || (ns(manifest).is_some() && ns(workload).is_some() && ns(manifest) != ns(workload))
        {
            continue;
        }
        for port in spec.ports.iter().flatten() {
            let target = port
                .target_port
                .clone()
                .unwrap_or(IntOrString::Int(port.port));
            let reaches = container.ports.iter().flatten().any(|p| match &target {
                IntOrString::Int(n) => p.container_port == *n,
                IntOrString::String(name) => p.name.as_deref() == Some(name),
            });
            if reaches {
                out.push((manifest.name(), port));
            }
        }
    }
    out
}

/// Rule: a long-running container with no readinessProbe and no livenessProbe. Assumes it
/// serves on a port (it declares one, or its image exposes one; otherwise there is nothing to
/// probe and nothing is said). A warning when the image is known to have a HEALTHCHECK - the
/// workbook's, or one this machine's Docker or a Dockerfile among the inputs shows - which
/// Kubernetes ignores; a hint otherwise. The advice follows what the container speaks.
pub(crate) fn no_probes(
    location: &str,
    container: &Container,
    services: &[(&str, &ServicePort)],
    holds: Option<Holds>,
) -> Option<Finding> {
    if container.readiness_probe.is_some() || container.liveness_probe.is_some() {
        return None;
    }
    let image = container.image.as_deref().unwrap_or_default();
    let exposed = holds.map(|h| h.exposed()).unwrap_or_default();
    let listener = crate::app::listener(container, services, &exposed)?;
    let fix = listener.probe_advice(image);
    let name = &container.name;
    if is_workbook_image(image) {
        return Some(Finding {
            severity: Severity::Warning,
            location: location.into(),
            problem: t!("doctor-no-probes-workbook", name = format!("{name:?}")),
            fix,
            read: read::case(8),
        });
    }
    let healthcheck = holds.and_then(|h| h.healthcheck().map(|c| (h.describe(image), c)));
    let (severity, ignored) = match healthcheck {
        Some((whose, command)) => (
            Severity::Warning,
            t!(
                "doctor-healthcheck-ignored",
                whose = whose,
                command = command
            ),
        ),
        None => (Severity::Hint, String::new()),
    };
    Some(Finding {
        severity,
        location: location.into(),
        problem: t!(
            "doctor-no-probes",
            name = format!("{name:?}"),
            image = image,
            ignored = ignored
        ),
        fix,
        read: read::case(8),
    })
}

/// The variables the workbook's server reads a file from at startup, and what that file is
/// (the id of its name in the catalogue).
pub(crate) const FILE_VARIABLES: [(&str, &str); 3] = [
    ("MODEL_FILEPATH", "doctor-what-model"),
    ("LABEL_FILEPATH", "doctor-what-labels"),
    ("ORT_DYLIB_PATH", "doctor-what-ort"),
];

/// Rule: an env override of a file the server reads at startup (MODEL_FILEPATH,
/// LABEL_FILEPATH, ORT_DYLIB_PATH) with no volume mounted there. Assumes the program exits when
/// the file is missing, as the workbook's server does. Checks the image before it says so:
/// the same value as the image's own, or a file the image has at that path, is no finding; a
/// path the image does not have is a warning; an image nothing can look into, a hint.
pub(crate) fn env_overrides(
    location: &str,
    container: &Container,
    holds: Option<Holds>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let image = container.image.as_deref().unwrap_or_default();
    let name = &container.name;
    for env in container.env.iter().flatten() {
        let (variable, Some(path)) = (env.name.as_str(), env.value.as_deref()) else {
            continue;
        };
        let Some((_, what)) = FILE_VARIABLES.iter().find(|(v, _)| *v == variable) else {
            continue;
        };
        let what = crate::i18n::message(what, &[]);
        let mounted = container
            .volume_mounts
            .iter()
            .flatten()
            .any(|v| path.starts_with(v.mount_path.trim_end_matches('/')));
        if mounted || path.contains('$') {
            continue;
        }
        let Some(holds) = holds else {
            out.push(Finding {
                severity: Severity::Hint,
                location: location.into(),
                problem: t!(
                    "doctor-env-override-unknown",
                    name = format!("{name:?}"),
                    variable = variable,
                    path = path,
                    image = image,
                    what = what.as_str()
                ),
                fix: t!(
                    "doctor-env-override-unknown-fix",
                    image = image,
                    path = path,
                    variable = variable
                ),
                read: read::case(10),
            });
            continue;
        };
        let own = holds.env(variable);
        if own.as_deref() == Some(path) || holds.has_file(path) != Some(false) {
            continue;
        }
        let whose = holds.describe(image);
        let own = match own {
            Some(value) => t!("doctor-env-own", variable = variable, value = value),
            None => String::new(),
        };
        out.push(Finding {
            severity: Severity::Warning,
            location: location.into(),
            problem: t!(
                "doctor-env-override",
                name = format!("{name:?}"),
                variable = variable,
                path = path,
                whose = whose,
                own = own,
                consequence = if is_workbook_image(image) {
                    t!("doctor-env-override-workbook", what = what.as_str())
                } else {
                    t!("doctor-env-override-other", what = what.as_str())
                }
            ),
            fix: t!("doctor-env-override-fix", variable = variable, path = path),
            read: read::case(10),
        });
    }
    out
}

/// Whether a NetworkPolicy that selects the Pods lets no connection reach the container's
/// ports; the problem in words if so.
pub(crate) fn blocks(
    policy_manifest: &Manifest,
    policy: &NetworkPolicy,
    workload: &Manifest,
    labels: Option<&BTreeMap<String, String>>,
    container: &Container,
) -> Option<String> {
    let spec = policy.spec.as_ref()?;
    let ns = |m: &Manifest| m.metadata().namespace.clone();
    if ns(policy_manifest).is_some()
        && ns(workload).is_some()
        && ns(policy_manifest) != ns(workload)
    {
        return None;
    }
    let selector = spec.pod_selector.clone().unwrap_or_default();
    if selector
        .match_expressions
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        return None; // not judged here
    }
    let selected = selects(&selector, labels);
    let ingress_controlled = match &spec.policy_types {
        Some(types) => types.iter().any(|t| t == "Ingress"),
        None => true,
    };
    if !selected || !ingress_controlled {
        return None;
    }
    let ports: Vec<(i32, Option<&str>)> = container
        .ports
        .iter()
        .flatten()
        .map(|p| (p.container_port, p.name.as_deref()))
        .collect();
    if ports.is_empty() {
        return None;
    }
    let rules = spec.ingress.clone().unwrap_or_default();
    if rules.is_empty() {
        return Some(t!("doctor-policy-no-ingress", workload = workload.id()));
    }
    let allowed = |port: i32, name: Option<&str>| {
        rules.iter().any(|rule| match &rule.ports {
            None => true,
            Some(list) if list.is_empty() => true,
            Some(list) => list.iter().any(|p| match &p.port {
                None => true,
                Some(IntOrString::Int(n)) => {
                    *n == port || p.end_port.is_some_and(|end| *n <= port && port <= end)
                }
                Some(IntOrString::String(s)) => Some(s.as_str()) == name,
            }),
        })
    };
    if ports.iter().any(|(port, name)| allowed(*port, *name)) {
        return None;
    }
    let declared: Vec<String> = ports.iter().map(|(p, _)| p.to_string()).collect();
    Some(t!(
        "doctor-policy-blocks",
        workload = workload.id(),
        ports = declared.join(", ")
    ))
}

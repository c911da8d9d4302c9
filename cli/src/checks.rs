//! Cross-checks between manifests: mistakes that parse fine and that a cluster only reveals at
//! run time (a Service with no Endpoints, an HPA stuck at `<unknown>`, ImagePullBackOff...).

use std::collections::BTreeMap;

use k8s_openapi::{
    api::core::v1::{Container, Probe},
    apimachinery::pkg::util::intstr::IntOrString,
};

use crate::{
    app::Origin,
    findings::{Finding, Read, Severity, at, read},
    manifests::{Manifest, Object, PodTemplate},
    selectors::{labels_text, matches_labels},
    t,
};

/// A finding's fix and the section of the book that teaches it (the doctor prints them).
type Advice = (String, Read);

/// The fix of a field the message itself says how to correct.
fn field_advice() -> Advice {
    (t!("manifest-fix-field"), read::MANIFESTS)
}

/// The fix for an image loaded into the cluster that the node would pull instead.
fn load_advice() -> Advice {
    (t!("check-image-load-fix"), read::case(9))
}

/// The fix for an image that is not pinned to what was tested.
fn pin_advice() -> Advice {
    (t!("check-image-pin-fix"), read::case(9))
}

/// What the checks compare the manifests against, besides each other.
#[derive(Debug, Default, Clone)]
pub struct Expectations {
    /// The image the workbook builds (e.g. `model-in-image-pattern:v1.0`): containers must use it.
    pub image: Option<String>,
    /// The HTTP paths the server answers; probe paths must be among them.
    pub server_paths: Option<Vec<String>>,
}

pub fn check(manifests: &[Manifest], expect: &Expectations) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Every object that makes Pods, with its Pod template.
    let workloads: Vec<(&Manifest, PodTemplate)> = manifests
        .iter()
        .filter_map(|m| m.pod_template().map(|t| (m, t)))
        .collect();
    for manifest in manifests {
        let mut report = |severity, field: &str, problem: String, (fix, read): Advice| {
            findings.push(Finding {
                severity,
                location: at(&manifest.file, &manifest.id(), field),
                problem,
                fix,
                read,
            })
        };
        if let Some(template) = manifest.pod_template() {
            check_workload(manifest, &template, expect, &mut report);
        }
        match &manifest.object {
            Object::Service(service) => {
                let Some(spec) = &service.spec else { continue };
                let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
                    continue;
                };
                let namespace = &manifest.metadata().namespace;
                let selected: Vec<&PodTemplate> = workloads
                    .iter()
                    .filter(|(m, t)| {
                        same_namespace(&m.metadata().namespace, namespace)
                            && matches_labels(selector, t.labels)
                    })
                    .map(|(_, t)| t)
                    .collect();
                if selected.is_empty() {
                    if !workloads.is_empty() {
                        let have: Vec<String> = workloads
                            .iter()
                            .map(|(m, t)| {
                                t!(
                                    "check-object-has-labels",
                                    object = m.id(),
                                    labels = labels_text(t.labels)
                                )
                            })
                            .collect();
                        report(
                            Severity::Error,
                            "spec.selector",
                            t!(
                                "check-service-selects-nothing",
                                selector = labels_text(Some(selector)),
                                have = have.join("; ")
                            ),
                            (t!("check-service-selects-nothing-fix"), read::case(11)),
                        );
                    }
                    continue;
                }
                let containers: Vec<&Container> =
                    selected.iter().flat_map(|t| &t.spec.containers).collect();
                for (i, port) in spec.ports.iter().flatten().enumerate() {
                    let target = port
                        .target_port
                        .clone()
                        .unwrap_or(IntOrString::Int(port.port));
                    if let Some(severity) = port_problem(&containers, &target) {
                        report(
                            severity,
                            &format!("spec.ports[{i}].targetPort"),
                            t!(
                                "check-target-port",
                                port = int_or_string(&target),
                                declared = declared_ports(&containers)
                            ),
                            (t!("check-target-port-fix"), read::case(12)),
                        );
                    }
                }
            }
            Object::HorizontalPodAutoscaler(hpa) => {
                let Some(spec) = &hpa.spec else { continue };
                let target = &spec.scale_target_ref;
                let found = workloads.iter().find(|(m, _)| {
                    m.kind() == target.kind
                        && m.name() == target.name
                        && same_namespace(&m.metadata().namespace, &manifest.metadata().namespace)
                });
                // Checked only against workloads in the same set (an HPA checked alone, or one
                // scaling a custom resource, is not an error).
                let Some((_, template)) = found else {
                    if workloads.is_empty() || !WORKLOAD_KINDS.contains(&target.kind.as_str()) {
                        continue;
                    }
                    report(
                        Severity::Error,
                        "spec.scaleTargetRef",
                        t!(
                            "check-hpa-target-missing",
                            target = format!("{}/{}", target.kind, target.name)
                        ),
                        field_advice(),
                    );
                    continue;
                };
                for (i, metric) in spec.metrics.iter().flatten().enumerate() {
                    // Only a Utilization target is a percentage of the requests.
                    let Some(resource) = metric
                        .resource
                        .as_ref()
                        .filter(|r| r.target.type_ == "Utilization")
                    else {
                        continue;
                    };
                    for container in &template.spec.containers {
                        let requested = container
                            .resources
                            .as_ref()
                            .and_then(|r| r.requests.as_ref())
                            .is_some_and(|r| r.contains_key(&resource.name));
                        if !requested {
                            report(
                                Severity::Error,
                                &format!("spec.metrics[{i}].resource.name"),
                                t!(
                                    "check-hpa-no-requests",
                                    resource = resource.name.as_str(),
                                    container = format!("{:?}", container.name),
                                    workload = target.name.as_str()
                                ),
                                (t!("check-hpa-no-requests-fix"), read::case(14)),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
    check_namespaces(manifests, &mut findings);
    findings
}

fn check_workload(
    manifest: &Manifest,
    template: &PodTemplate,
    expect: &Expectations,
    report: &mut impl FnMut(Severity, &str, String, Advice),
) {
    // Only matchLabels is compared; a selector of matchExpressions alone is not judged here.
    if let Some(Some(selector)) = manifest.match_labels()
        && !matches_labels(selector, template.labels)
    {
        report(
            Severity::Error,
            "spec.selector.matchLabels",
            t!(
                "check-selector-mismatch",
                selector = labels_text(Some(selector)),
                labels = labels_text(template.labels),
                kind = manifest.kind()
            ),
            field_advice(),
        );
    }
    let spec_at = if template.at.is_empty() {
        "spec".to_owned()
    } else {
        format!("{}.spec", template.at)
    };
    for (i, container) in template.spec.containers.iter().enumerate() {
        let at = |field: &str| format!("{spec_at}.containers[{i}].{field}");
        let image = container.image.as_deref().unwrap_or_default();
        if let Some(expected) = &expect.image
            && image != expected
        {
            report(
                Severity::Error,
                &at("image"),
                t!(
                    "check-image-not-expected",
                    image = format!("{image:?}"),
                    expected = format!("{expected:?}")
                ),
                pin_advice(),
            );
        }
        image_rules(image, container.image_pull_policy.as_deref(), &at, report);
        for (field, probe) in [
            ("livenessProbe", &container.liveness_probe),
            ("readinessProbe", &container.readiness_probe),
            ("startupProbe", &container.startup_probe),
        ] {
            if let Some(probe) = probe {
                check_probe(probe, container, expect, &at(field), report);
            }
        }
    }
}

/// Rules on where the image comes from ([`Origin`]). An image the learner builds and loads
/// with `minikube image load` must not be pulled: no tag or `:latest` (which defaults the pull
/// policy to Always), or `imagePullPolicy: Always`, make the node look in a registry instead.
/// An image the cluster pulls from a registry is pulled either way: there, no tag or `:latest`
/// is only a version that changes under the Pods, and Always is fine.
fn image_rules(
    image: &str,
    policy: Option<&str>,
    at: &dyn Fn(&str) -> String,
    report: &mut impl FnMut(Severity, &str, String, Advice),
) {
    let origin = Origin::of(image, policy);
    let tag = image
        .rsplit_once(':')
        .map(|(_, t)| t)
        .filter(|t| !t.contains('/'));
    let unpinned = !image.contains('@') && matches!(tag, None | Some("latest"));
    if unpinned && policy != Some("IfNotPresent") && policy != Some("Never") {
        let image = format!("{image:?}");
        let (message, advice) = if origin.learner_builds() {
            (
                t!("check-image-unpinned-loaded", image = image),
                load_advice(),
            )
        } else {
            (
                t!(
                    "check-image-unpinned-pulled",
                    image = image,
                    assumed = origin.assumed()
                ),
                pin_advice(),
            )
        };
        report(Severity::Warning, &at("image"), message, advice);
    }
    if policy == Some("Always") && origin.learner_builds() {
        report(
            Severity::Warning,
            &at("imagePullPolicy"),
            t!("check-pull-always", assumed = origin.assumed()),
            load_advice(),
        );
    }
}

fn check_probe(
    probe: &Probe,
    container: &Container,
    expect: &Expectations,
    field: &str,
    report: &mut impl FnMut(Severity, &str, String, Advice),
) {
    let Some(http) = &probe.http_get else { return };
    if let Some(severity) = port_problem(&[container], &http.port) {
        // What a probe that always fails does depends on the probe.
        let consequence = if field.ends_with("readinessProbe") {
            t!("check-probe-fails-readiness")
        } else if field.ends_with("startupProbe") {
            t!("check-probe-fails-startup")
        } else {
            t!("check-probe-fails-liveness")
        };
        report(
            severity,
            &format!("{field}.httpGet.port"),
            t!(
                "check-probe-port",
                port = int_or_string(&http.port),
                container = format!("{:?}", container.name),
                declared = declared_ports(&[container]),
                consequence = consequence
            ),
            field_advice(),
        );
    }
    if let (Some(paths), Some(path)) = (&expect.server_paths, &http.path)
        && !paths.iter().any(|p| p == path)
    {
        report(
            Severity::Error,
            &format!("{field}.httpGet.path"),
            t!(
                "check-probe-path",
                path = path.as_str(),
                paths = paths.join(", ")
            ),
            field_advice(),
        );
    }
}

fn check_namespaces(manifests: &[Manifest], findings: &mut Vec<Finding>) {
    let declared: Vec<&str> = manifests
        .iter()
        .filter(|m| matches!(m.object, Object::Namespace(_)))
        .map(Manifest::name)
        .collect();
    let used: BTreeMap<&str, usize> = manifests
        .iter()
        .filter(|m| !matches!(m.object, Object::Namespace(_)))
        .filter_map(|m| m.metadata().namespace.as_deref())
        .fold(BTreeMap::new(), |mut counts, ns| {
            *counts.entry(ns).or_default() += 1;
            counts
        });
    let main = used.iter().max_by_key(|(_, n)| **n).map(|(ns, _)| *ns);
    for m in manifests
        .iter()
        .filter(|m| !matches!(m.object, Object::Namespace(_)))
    {
        let ns = m.metadata().namespace.as_deref();
        let message = match (ns, main) {
            (None, Some(main)) => Some(t!("check-namespace-missing", main = format!("{main:?}"))),
            (Some(ns), Some(main)) if ns != main => Some(t!(
                "check-namespace-other",
                namespace = format!("{ns:?}"),
                main = format!("{main:?}")
            )),
            (Some(ns), _) if !declared.is_empty() && !declared.contains(&ns) => Some(t!(
                "check-namespace-not-created",
                namespace = format!("{ns:?}"),
                declared = format!("{declared:?}")
            )),
            _ => None,
        };
        if let Some(message) = message {
            findings.push(Finding::in_manifest(
                Severity::Warning,
                at(&m.file, &m.id(), "metadata.namespace"),
                message,
            ));
        }
    }
}

/// The kinds an HPA or a Service can find among these manifests.
const WORKLOAD_KINDS: [&str; 7] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "Pod",
];

/// A missing namespace is the one `kubectl apply -n` gives: it matches any.
fn same_namespace(a: &Option<String>, b: &Option<String>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// A named port must be declared; a number need not be (the container may listen on it
/// anyway), so an undeclared number is an error only when the containers declare other ports.
fn port_problem(containers: &[&Container], port: &IntOrString) -> Option<Severity> {
    if containers.iter().any(|c| container_has_port(c, port)) {
        return None;
    }
    let declares_ports = containers
        .iter()
        .any(|c| c.ports.as_ref().is_some_and(|p| !p.is_empty()));
    match port {
        IntOrString::Int(_) if !declares_ports => Some(Severity::Warning),
        _ => Some(Severity::Error),
    }
}

fn container_has_port(container: &Container, port: &IntOrString) -> bool {
    container.ports.iter().flatten().any(|p| match port {
        IntOrString::Int(n) => p.container_port == *n,
        IntOrString::String(name) => p.name.as_deref() == Some(name),
    })
}

fn declared_ports(containers: &[&Container]) -> String {
    let ports: Vec<String> = containers
        .iter()
        .flat_map(|c| c.ports.iter().flatten())
        .map(|p| match &p.name {
            Some(name) => format!("{} ({name})", p.container_port),
            None => p.container_port.to_string(),
        })
        .collect();
    if ports.is_empty() {
        t!("check-declares-no-ports")
    } else {
        t!("check-declares-ports", ports = ports.join(", "))
    }
}

fn int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => format!("{s:?}"),
    }
}

//! Cross-checks between manifests: mistakes that parse fine and that a cluster only reveals at
//! run time (a Service with no Endpoints, an HPA stuck at `<unknown>`, ImagePullBackOff...).

use std::collections::BTreeMap;

use k8s_openapi::{
    api::{
        apps::v1::Deployment,
        core::v1::{Container, Probe},
    },
    apimachinery::pkg::util::intstr::IntOrString,
};

use crate::{
    findings::{Finding, Severity},
    manifests::{Manifest, Object},
};

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
    let deployments: Vec<(&Manifest, &Deployment)> = manifests
        .iter()
        .filter_map(|m| match &m.object {
            Object::Deployment(d) => Some((m, d.as_ref())),
            _ => None,
        })
        .collect();
    for manifest in manifests {
        let mut report = |severity, field: &str, message: String| {
            findings.push(Finding {
                severity,
                file: manifest.file.clone(),
                object: manifest.id(),
                field: field.to_owned(),
                message,
            })
        };
        match &manifest.object {
            Object::Deployment(d) => check_deployment(d, expect, &mut report),
            Object::Service(service) => {
                let Some(spec) = &service.spec else { continue };
                let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
                    continue;
                };
                let namespace = &manifest.metadata().namespace;
                let selected: Vec<&Deployment> = deployments
                    .iter()
                    .filter(|(m, _)| &m.metadata().namespace == namespace)
                    .map(|(_, d)| *d)
                    .filter(|d| matches(selector, template_labels(d)))
                    .collect();
                if selected.is_empty() {
                    if !deployments.is_empty() {
                        let have: Vec<String> = deployments
                            .iter()
                            .map(|(m, d)| {
                                format!("{} has {}", m.id(), labels_text(template_labels(d)))
                            })
                            .collect();
                        report(
                            Severity::Error,
                            "spec.selector",
                            format!(
                                "{} selects no Pods: no Deployment's Pod template carries these labels ({}); the Service would have no Endpoints",
                                labels_text(Some(selector)),
                                have.join("; ")
                            ),
                        );
                    }
                    continue;
                }
                let containers: Vec<&Container> =
                    selected.iter().flat_map(|d| containers(d)).collect();
                for (i, port) in spec.ports.iter().flatten().enumerate() {
                    let target = port
                        .target_port
                        .clone()
                        .unwrap_or(IntOrString::Int(port.port));
                    if !containers.iter().any(|c| container_has_port(c, &target)) {
                        report(
                            Severity::Error,
                            &format!("spec.ports[{i}].targetPort"),
                            format!(
                                "{} is not a containerPort (number or name) of the selected Pods ({}); traffic would reach nothing",
                                int_or_string(&target),
                                declared_ports(&containers)
                            ),
                        );
                    }
                }
            }
            Object::HorizontalPodAutoscaler(hpa) => {
                let Some(spec) = &hpa.spec else { continue };
                let target = &spec.scale_target_ref;
                let found = deployments.iter().find(|(m, _)| {
                    target.kind == "Deployment"
                        && m.name() == target.name
                        && m.metadata().namespace == manifest.metadata().namespace
                });
                let Some((_, deployment)) = found else {
                    report(
                        Severity::Error,
                        "spec.scaleTargetRef",
                        format!(
                            "{}/{} is not among these manifests (in this namespace); the HPA would scale nothing",
                            target.kind, target.name
                        ),
                    );
                    continue;
                };
                for (i, metric) in spec.metrics.iter().flatten().enumerate() {
                    let Some(resource) = &metric.resource else {
                        continue;
                    };
                    for container in containers(deployment) {
                        let requested = container
                            .resources
                            .as_ref()
                            .and_then(|r| r.requests.as_ref())
                            .is_some_and(|r| r.contains_key(&resource.name));
                        if !requested {
                            report(
                                Severity::Error,
                                &format!("spec.metrics[{i}].resource.name"),
                                format!(
                                    "scales on {} utilization, but container {:?} of {} sets no resources.requests.{}; kubectl get hpa would show <unknown>",
                                    resource.name, container.name, target.name, resource.name
                                ),
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

fn check_deployment(
    d: &Deployment,
    expect: &Expectations,
    report: &mut impl FnMut(Severity, &str, String),
) {
    let Some(spec) = &d.spec else { return };
    let selector = spec.selector.match_labels.as_ref();
    if !selector.is_some_and(|s| matches(s, template_labels(d))) {
        report(
            Severity::Error,
            "spec.selector.matchLabels",
            format!(
                "{} does not match the Pod template's labels ({}); the API server refuses this Deployment",
                labels_text(selector),
                labels_text(template_labels(d))
            ),
        );
    }
    for (i, container) in containers(d).iter().enumerate() {
        let at = |field: &str| format!("spec.template.spec.containers[{i}].{field}");
        let image = container.image.as_deref().unwrap_or_default();
        if let Some(expected) = &expect.image
            && image != expected
        {
            report(
                Severity::Error,
                &at("image"),
                format!("is {image:?}, but the image built and loaded is {expected:?}"),
            );
        }
        let tag = image
            .rsplit_once(':')
            .map(|(_, t)| t)
            .filter(|t| !t.contains('/'));
        let policy = container.image_pull_policy.as_deref();
        if matches!(tag, None | Some("latest"))
            && policy != Some("IfNotPresent")
            && policy != Some("Never")
        {
            report(
                Severity::Warning,
                &at("image"),
                format!(
                    "{image:?} has no tag or :latest, so the pull policy defaults to Always: a locally loaded image would not be used (ImagePullBackOff); pin a tag or set imagePullPolicy: IfNotPresent"
                ),
            );
        }
        if policy == Some("Always") {
            report(
                Severity::Warning,
                &at("imagePullPolicy"),
                "Always pulls from a registry every time: an image loaded with `minikube image load` is not used".into(),
            );
        }
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

fn check_probe(
    probe: &Probe,
    container: &Container,
    expect: &Expectations,
    field: &str,
    report: &mut impl FnMut(Severity, &str, String),
) {
    let Some(http) = &probe.http_get else { return };
    if !container_has_port(container, &http.port) {
        report(
            Severity::Error,
            &format!("{field}.httpGet.port"),
            format!(
                "{} is not a containerPort of {:?} ({}); the probe would fail and the Pod restart",
                int_or_string(&http.port),
                container.name,
                declared_ports(&[container])
            ),
        );
    }
    if let (Some(paths), Some(path)) = (&expect.server_paths, &http.path)
        && !paths.iter().any(|p| p == path)
    {
        report(
            Severity::Error,
            &format!("{field}.httpGet.path"),
            format!(
                "the server does not answer {path} (it has {})",
                paths.join(", ")
            ),
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
            (None, Some(main)) => Some(format!(
                "has no metadata.namespace, so it lands in the namespace kubectl defaults to, not {main:?} with the others"
            )),
            (Some(ns), Some(main)) if ns != main => {
                Some(format!("is {ns:?}, but the other objects are in {main:?}"))
            }
            (Some(ns), _) if !declared.is_empty() && !declared.contains(&ns) => Some(format!(
                "is {ns:?}, which none of these manifests creates (they create {declared:?})"
            )),
            _ => None,
        };
        if let Some(message) = message {
            findings.push(Finding {
                severity: Severity::Error,
                file: m.file.clone(),
                object: m.id(),
                field: "metadata.namespace".into(),
                message,
            });
        }
    }
}

fn containers(d: &Deployment) -> Vec<&Container> {
    d.spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .map(|s| s.containers.iter().collect())
        .unwrap_or_default()
}

fn template_labels(d: &Deployment) -> Option<&BTreeMap<String, String>> {
    d.spec.as_ref()?.template.metadata.as_ref()?.labels.as_ref()
}

/// Every selector label is on the object (the object may have more).
fn matches(selector: &BTreeMap<String, String>, labels: Option<&BTreeMap<String, String>>) -> bool {
    let Some(labels) = labels else {
        return selector.is_empty();
    };
    selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

fn labels_text(labels: Option<&BTreeMap<String, String>>) -> String {
    match labels {
        Some(labels) if !labels.is_empty() => labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        _ => "no labels".into(),
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
        "it declares none".into()
    } else {
        format!("it declares {}", ports.join(", "))
    }
}

fn int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => format!("{s:?}"),
    }
}

//! kube-linter's default checks on Services.

use k8s_openapi::{api::core::v1::Service, apimachinery::pkg::util::intstr::IntOrString};

use super::context::{Lint, namespace_of, port_name_problems};
use crate::{manifests::Manifest, selectors::labels_text};

/// `dangling-service`: a Service (other than ExternalName) must have a selector, and it must
/// select the Pod template of a workload in exactly the same namespace.
///
/// Mirrors kube-linter v0.7.0's `dangling-service` check (template `dangling-service`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn dangling_service(service: &Service, manifests: &[Manifest], lint: &mut Lint) {
    let Some(spec) = &service.spec else { return };
    if spec.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
        lint.report(
            "dangling-service",
            "spec.selector".into(),
            crate::t!("lint-service-no-selector"),
        );
        return;
    };
    let found = manifests.iter().any(|m| {
        namespace_of(m) == namespace_of(lint.manifest)
            && m.pod_template().is_some_and(|t| {
                selector
                    .iter()
                    .all(|(k, v)| t.labels.and_then(|l| l.get(k)) == Some(v))
            })
    });
    if !found {
        lint.report(
            "dangling-service",
            "spec.selector".into(),
            crate::t!(
                "lint-dangling-service",
                namespace = format!("{:?}", namespace_of(lint.manifest)),
                labels = labels_text(Some(selector))
            ),
        );
    }
}

/// `invalid-target-ports`, for Services: a named targetPort must be a valid port name, a
/// numbered one 1 to 65535 (0 means unset).
///
/// Mirrors kube-linter v0.7.0's `invalid-target-ports` check (template `target-port`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn invalid_target_ports_in_service(service: &Service, lint: &mut Lint) {
    let ports = service.spec.iter().flat_map(|s| s.ports.iter().flatten());
    for (i, port) in ports.enumerate() {
        let problem = match &port.target_port {
            None | Some(IntOrString::Int(0)) => continue,
            Some(IntOrString::Int(n)) if !(1..=65535).contains(n) => {
                crate::t!("lint-target-port-range", port = n.to_string())
            }
            Some(IntOrString::Int(_)) => continue,
            Some(IntOrString::String(name)) => {
                let problems = port_name_problems(name);
                if problems.is_empty() {
                    continue;
                }
                crate::t!(
                    "lint-target-port-name",
                    name = format!("{name:?}"),
                    problems = problems.join(", ")
                )
            }
        };
        lint.report(
            "invalid-target-ports",
            format!("spec.ports[{i}].targetPort"),
            problem,
        );
    }
}

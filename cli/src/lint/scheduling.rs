//! kube-linter's default checks on how a workload's Pods are selected and spread over nodes.

use super::context::{Lint, Pod, replicas, workload_selector};
use crate::{
    manifests::Object,
    selectors::{self, labels_text, selector_text, selects},
};

/// `mismatching-selector`: the workload's whole selector (matchLabels and matchExpressions)
/// must select its own Pod template. Jobs may have none; CronJobs and Pods have no selector.
///
/// Mirrors kube-linter v0.7.0's `mismatching-selector` check (template `mismatching-selector`); its
/// rule is the same in v0.8.3, the newest release.
pub(crate) fn mismatching_selector(pod: &Pod, lint: &mut Lint) {
    let optional = match &lint.manifest.object {
        Object::Deployment(_)
        | Object::StatefulSet(_)
        | Object::DaemonSet(_)
        | Object::ReplicaSet(_) => false,
        Object::Job(_) => true,
        _ => return,
    };
    let selector = workload_selector(lint.manifest);
    match selector.filter(|s| !selectors::is_empty(s)) {
        None if optional => {}
        None => lint.report(
            "mismatching-selector",
            "spec.selector".into(),
            crate::t!("lint-workload-no-selector"),
        ),
        Some(selector) if !selects(selector, pod.labels) => lint.report(
            "mismatching-selector",
            "spec.selector".into(),
            crate::t!(
                "lint-selector-mismatch",
                selector = selector_text(selector),
                labels = labels_text(pod.labels)
            ),
        ),
        Some(_) => {}
    }
}

/// `no-anti-affinity`: a Deployment, StatefulSet or ReplicaSet of 2 or more replicas (an
/// unset count is 1) needs one podAntiAffinity term, preferred or required, whose topologyKey
/// is kubernetes.io/hostname and whose labelSelector selects its own Pods (and whose
/// namespaces, if listed, include the object's). kube-linter compares those namespaces with
/// the Pod template's own (usually empty) namespace; this compares them with the object's.
///
/// Mirrors kube-linter v0.7.0's `no-anti-affinity` check (template `anti-affinity`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn no_anti_affinity(pod: &Pod, lint: &mut Lint) {
    let Some(replicas) = replicas(lint.manifest) else {
        return;
    };
    if replicas < 2 {
        return;
    }
    let field = pod.field("affinity.podAntiAffinity");
    let Some(anti) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref())
    else {
        lint.report(
            "no-anti-affinity",
            field,
            crate::t!("lint-no-anti-affinity", replicas = replicas.to_string()),
        );
        return;
    };
    let preferred = anti
        .preferred_during_scheduling_ignored_during_execution
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, t)| {
            (
                format!(
                    "{field}.preferredDuringSchedulingIgnoredDuringExecution[{i}].podAffinityTerm"
                ),
                &t.pod_affinity_term,
            )
        });
    let required = anti
        .required_during_scheduling_ignored_during_execution
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("{field}.requiredDuringSchedulingIgnoredDuringExecution[{i}]"),
                t,
            )
        });
    let terms: Vec<_> = preferred.chain(required).collect();
    if terms.is_empty() {
        lint.report(
            "no-anti-affinity",
            field,
            crate::t!(
                "lint-anti-affinity-no-term",
                replicas = replicas.to_string()
            ),
        );
        return;
    }
    let namespace = lint
        .manifest
        .metadata()
        .namespace
        .clone()
        .unwrap_or_default();
    let mut problems = Vec::new();
    for (at, term) in terms {
        let problem = match &term.namespaces {
            Some(list) if !list.is_empty() && !list.contains(&namespace) => {
                crate::t!(
                    "lint-term-namespaces",
                    list = format!("{list:?}"),
                    namespace = format!("{namespace:?}")
                )
            }
            _ if term.topology_key != "kubernetes.io/hostname" => {
                crate::t!(
                    "lint-term-topology",
                    key = format!("{:?}", term.topology_key)
                )
            }
            _ if !term
                .label_selector
                .as_ref()
                .is_some_and(|s| selects(s, pod.labels)) =>
            {
                crate::t!(
                    "lint-term-selector",
                    selector = term
                        .label_selector
                        .as_ref()
                        .map_or_else(|| crate::t!("lint-none"), selector_text),
                    labels = labels_text(pod.labels)
                )
            }
            _ => return,
        };
        problems.push((at, problem));
    }
    for (at, problem) in problems {
        lint.report(
            "no-anti-affinity",
            at,
            crate::t!(
                "lint-anti-affinity-term",
                replicas = replicas.to_string(),
                problem = problem
            ),
        );
    }
}

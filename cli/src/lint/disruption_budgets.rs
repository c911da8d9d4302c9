//! kube-linter's default checks on PodDisruptionBudgets.

use k8s_openapi::{
    api::policy::v1::PodDisruptionBudget, apimachinery::pkg::util::intstr::IntOrString,
};

use super::context::{Lint, namespace_of, replicas, workload_selector};
use crate::{
    manifests::Manifest,
    selectors::{self},
};

/// `pdb-max-unavailable`: maxUnavailable 0 (or "0%") forbids every voluntary eviction.
/// kube-linter also flags any percentage (it reads the number of a string as 0); this flags
/// only a zero.
///
/// Mirrors kube-linter v0.7.0's `pdb-max-unavailable` check (template `pdb-max-unavailable`); its
/// rule is the same in v0.8.3, the newest release.
pub(crate) fn pdb_max_unavailable(pdb: &PodDisruptionBudget, lint: &mut Lint) {
    let max = pdb.spec.as_ref().and_then(|s| s.max_unavailable.as_ref());
    if matches!(max, Some(IntOrString::Int(0)))
        || matches!(max, Some(IntOrString::String(s)) if s == "0%")
    {
        lint.report(
            "pdb-max-unavailable",
            "spec.maxUnavailable".into(),
            crate::t!("lint-pdb-max-zero"),
        );
    }
}

/// `pdb-min-available`: minAvailable "100%", or at least the replicas of a workload (in the
/// same namespace) whose selector is the PDB's.
///
/// Mirrors kube-linter v0.7.0's `pdb-min-available` check (template `pdb-min-available`); its rule
/// is the same in v0.8.3, the newest release. From v0.8.0 kube-linter also reports a PDB without a
/// selector; this port, like v0.7.0, does not.
pub(crate) fn pdb_min_available(
    pdb: &PodDisruptionBudget,
    manifests: &[Manifest],
    lint: &mut Lint,
) {
    let Some(spec) = &pdb.spec else { return };
    let Some(min) = &spec.min_available else {
        return;
    };
    let (value, percent) = match min {
        IntOrString::Int(n) => (i64::from(*n), false),
        IntOrString::String(s) => {
            match (s.parse::<i64>(), s.strip_suffix('%').map(str::parse::<i64>)) {
                (Ok(n), _) => (n, false),
                (_, Some(Ok(n))) => (n, true),
                _ => {
                    lint.report(
                        "pdb-min-available",
                        "spec.minAvailable".into(),
                        crate::t!("lint-pdb-not-a-number", value = format!("{s:?}")),
                    );
                    return;
                }
            }
        }
    };
    if percent && value == 100 {
        lint.report(
            "pdb-min-available",
            "spec.minAvailable".into(),
            crate::t!("lint-pdb-min-all"),
        );
        return;
    }
    let key = selectors::canonical(spec.selector.as_ref());
    for workload in manifests {
        let Some(replicas) = replicas(workload) else {
            continue;
        };
        if namespace_of(workload) != namespace_of(lint.manifest)
            || workload_selector(workload).map(|s| selectors::canonical(Some(s)))
                != Some(key.clone())
        {
            continue;
        }
        let min = if percent {
            (i64::from(replicas) * value) / 100
        } else {
            value
        };
        if i64::from(replicas) <= min {
            lint.report(
                "pdb-min-available",
                "spec.minAvailable".into(),
                crate::t!(
                    "lint-pdb-min-replicas",
                    workload = workload.id(),
                    replicas = replicas.to_string(),
                    min = min.to_string()
                ),
            );
        }
    }
}

/// `pdb-unhealthy-pod-eviction-policy`
///
/// Mirrors kube-linter v0.7.0's `pdb-unhealthy-pod-eviction-policy` check (template
/// `pdb-unhealthy-pod-eviction-policy`); its rule is the same in v0.8.3, the newest release.
pub(crate) fn pdb_unhealthy_pod_eviction_policy(pdb: &PodDisruptionBudget, lint: &mut Lint) {
    let policy = pdb
        .spec
        .as_ref()
        .and_then(|s| s.unhealthy_pod_eviction_policy.as_ref());
    if policy.is_none() {
        lint.report(
            "pdb-unhealthy-pod-eviction-policy",
            "spec.unhealthyPodEvictionPolicy".into(),
            crate::t!("lint-pdb-no-eviction-policy"),
        );
    }
}

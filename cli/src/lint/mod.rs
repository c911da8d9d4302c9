//! kube-linter's default checks, in Rust: `workbook check-manifests --production`.
//!
//! The port mirrors kube-linter v0.7.0 (stackrox/kube-linter commit 8d68919, the v0.7.0 tag),
//! whose `internal/defaultchecks/default_checks.go` enables 30 checks by default. Each is one
//! function, named after the check, whose doc starts with the check's name and says which
//! kube-linter version and template it mirrors. Checked against the newest release, v0.8.3
//! (2026-03-10): its rules for these 30 are v0.7.0's, except that `pdb-min-available` also
//! reports a PDB without a selector; and since v0.7.4 kube-linter enables a 31st check,
//! `job-ttl-seconds-after-finished` (a standalone Job without `ttlSecondsAfterFinished`, or a
//! CronJob's Job with one), which this port does not have. Each check has the same scope (kube-linter's "deployment-like" objects are the
//! workloads this tool parses: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob and
//! Pod) and the same rule, so manifests that pass here pass v0.7.0's `kube-linter lint` with
//! its defaults. Where kube-linter has a known slip, the intent is implemented and the function
//! says so. `no-extensions-v1beta` acts while reading (see [`removed_api`]): an object of a
//! removed API version is never parsed, so the other checks never see it.
//!
//! The checks by file: `security` (privileges, capabilities, host namespaces and mounts, the
//! user, secrets, service accounts), `containers` (image tag, env, ports, probes, resources),
//! `scheduling` (selectors, anti-affinity), `services`, `disruption_budgets`; `catalog` holds
//! the names and remediations, `context` what every check uses.
//!
//! Every finding is an error whose message starts with `[check-name]` and ends with what to
//! do about it (`Fix: ...`).

mod catalog;
mod containers;
mod context;
mod disruption_budgets;
pub mod removed_api;
mod scheduling;
mod security;
mod services;

use crate::{
    findings::Finding,
    manifests::{Manifest, Object},
};
use context::{Lint, Pod};

pub use catalog::DEFAULT_CHECKS;

/// Runs every default check on the parsed manifests.
pub fn lint(manifests: &[Manifest]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for manifest in manifests {
        let mut lint = Lint {
            manifest,
            findings: &mut findings,
        };
        if let Some(template) = manifest.pod_template() {
            let pod = Pod::new(&template);
            security::deprecated_service_account_field(&pod, &mut lint);
            security::docker_sock(&pod, &mut lint);
            security::drop_net_raw_capability(&pod, &mut lint);
            containers::duplicate_env_var(&pod, &mut lint);
            security::env_var_secret(&pod, &mut lint);
            security::host_ipc(&pod, &mut lint);
            security::host_network(&pod, &mut lint);
            security::host_pid(&pod, &mut lint);
            containers::invalid_target_ports_in_containers(&pod, &mut lint);
            containers::latest_tag(&pod, &mut lint);
            containers::liveness_port(&pod, &mut lint);
            scheduling::mismatching_selector(&pod, &mut lint);
            scheduling::no_anti_affinity(&pod, &mut lint);
            security::no_read_only_root_fs(&pod, &mut lint);
            security::non_existent_service_account(&pod, manifests, &mut lint);
            security::privilege_escalation_container(&pod, &mut lint);
            security::privileged_container(&pod, &mut lint);
            containers::readiness_port(&pod, &mut lint);
            security::run_as_non_root(&pod, &mut lint);
            security::sensitive_host_mounts(&pod, &mut lint);
            containers::ssh_port(&pod, &mut lint);
            containers::startup_port(&pod, &mut lint);
            security::unsafe_sysctls(&pod, &mut lint);
            containers::unset_cpu_requirements(&pod, &mut lint);
            containers::unset_memory_requirements(&pod, &mut lint);
        }
        match &manifest.object {
            Object::Service(service) => {
                services::dangling_service(service, manifests, &mut lint);
                services::invalid_target_ports_in_service(service, &mut lint);
            }
            Object::PodDisruptionBudget(pdb) => {
                disruption_budgets::pdb_max_unavailable(pdb, &mut lint);
                disruption_budgets::pdb_min_available(pdb, manifests, &mut lint);
                disruption_budgets::pdb_unhealthy_pod_eviction_policy(pdb, &mut lint);
            }
            _ => {}
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::catalog::DEFAULT_CHECKS;
    use super::context::port_name_problems;
    use super::removed_api::no_extensions_v1beta;

    #[test]
    fn port_names_follow_the_kubernetes_rules() {
        assert!(port_name_problems("http").is_empty());
        assert!(port_name_problems("metrics-9090").is_empty());
        assert_eq!(
            port_name_problems("HTTP_port"),
            ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"]
        );
        assert_eq!(
            port_name_problems("8080"),
            ["must contain at least one letter (a-z)"]
        );
        assert_eq!(
            port_name_problems("-a--very-long-name-"),
            [
                "must be no more than 15 characters",
                "must not contain consecutive hyphens",
                "must not begin or end with a hyphen"
            ]
        );
    }

    #[test]
    fn the_default_checks_are_kube_linters_thirty_in_order() {
        assert_eq!(DEFAULT_CHECKS.len(), 30);
        assert!(DEFAULT_CHECKS.windows(2).all(|w| w[0] < w[1]));
        // Each has its remediation in the catalogue (a missing id panics in a test build).
        for check in DEFAULT_CHECKS {
            assert!(!super::catalog::message(check, "p".into()).ends_with("Fix: "));
        }
    }

    #[test]
    fn only_extensions_v1beta_versions_are_refused() {
        assert!(no_extensions_v1beta("extensions/v1beta1").is_some());
        assert!(no_extensions_v1beta("apps/v1").is_none());
        assert!(no_extensions_v1beta("extensions/v1").is_none());
    }
}

//! kube-linter's default checks by name, with the remediation each finding ends with.

/// kube-linter's default checks; the remediation each finding ends with is the catalogue's
/// `lint-fix-CHECK` (cli/locales/*/main.ftl).
pub const DEFAULT_CHECKS: [&str; 30] = [
    "dangling-service",
    "deprecated-service-account-field",
    "docker-sock",
    "drop-net-raw-capability",
    "duplicate-env-var",
    "env-var-secret",
    "host-ipc",
    "host-network",
    "host-pid",
    "invalid-target-ports",
    "latest-tag",
    "liveness-port",
    "mismatching-selector",
    "no-anti-affinity",
    "no-extensions-v1beta",
    "no-read-only-root-fs",
    "non-existent-service-account",
    "pdb-max-unavailable",
    "pdb-min-available",
    "pdb-unhealthy-pod-eviction-policy",
    "privilege-escalation-container",
    "privileged-container",
    "readiness-port",
    "run-as-non-root",
    "sensitive-host-mounts",
    "ssh-port",
    "startup-port",
    "unsafe-sysctls",
    "unset-cpu-requirements",
    "unset-memory-requirements",
];

/// `[check] problem. Fix: remediation`, in the locale's language.
pub(crate) fn message(check: &str, problem: String) -> String {
    let remediation = crate::i18n::message(&format!("lint-fix-{check}"), &[]);
    crate::t!(
        "lint-message",
        check = check,
        problem = problem,
        remediation = remediation
    )
}

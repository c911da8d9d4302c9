//! kube-linter's default checks on what a Pod may do to its node and its secrets: privileges,
//! capabilities, host namespaces and mounts, the user, service accounts.

use super::context::{Lint, Pod, host_mounts, namespace_of, security};
use crate::{
    manifests::{Manifest, Object},
    t,
};

/// `deprecated-service-account-field`
///
/// Mirrors kube-linter v0.7.0's `deprecated-service-account-field` check (template
/// `deprecated-service-account-field`); its rule is the same in v0.8.3, the newest release.
pub(crate) fn deprecated_service_account_field(pod: &Pod, lint: &mut Lint) {
    if let Some(name) = pod
        .spec
        .service_account
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        lint.report(
            "deprecated-service-account-field",
            pod.field("serviceAccount"),
            t!("lint-service-account-field", name = format!("{name:?}")),
        );
    }
}

/// `docker-sock`: a hostPath volume ending in `docker.sock`, mounted by a container.
///
/// Mirrors kube-linter v0.7.0's `docker-sock` check (template `host-mounts`); its rule is the same
/// in v0.8.3, the newest release.
pub(crate) fn docker_sock(pod: &Pod, lint: &mut Lint) {
    host_mounts(pod, lint, "docker-sock", |path| {
        path.ends_with("docker.sock")
    });
}

/// `drop-net-raw-capability`: only containers that set `capabilities` at all are judged
/// (kube-linter's rule): NET_RAW (or ALL) must be dropped and must not be added.
///
/// Mirrors kube-linter v0.7.0's `drop-net-raw-capability` check (template
/// `verify-container-capabilities`); its rule is the same in v0.8.3, the newest release.
pub(crate) fn drop_net_raw_capability(pod: &Pod, lint: &mut Lint) {
    let net_raw = |cap: &String| cap.contains("NET_RAW") || cap.eq_ignore_ascii_case("all");
    for (at, container) in pod.all_containers() {
        let Some(caps) = security(container).and_then(|s| s.capabilities.as_ref()) else {
            continue;
        };
        for (i, cap) in caps.add.iter().flatten().enumerate() {
            if net_raw(cap) {
                lint.report(
                    "drop-net-raw-capability",
                    format!("{at}.securityContext.capabilities.add[{i}]"),
                    t!(
                        "lint-adds-capability",
                        container = format!("{:?}", container.name),
                        capability = cap.as_str()
                    ),
                );
            }
        }
        if !caps.drop.iter().flatten().any(net_raw) {
            lint.report(
                "drop-net-raw-capability",
                format!("{at}.securityContext.capabilities.drop"),
                t!(
                    "lint-no-drop-net-raw",
                    container = format!("{:?}", container.name)
                ),
            );
        }
    }
}

/// `env-var-secret`: a variable whose name contains "secret" (any case) with a literal value.
///
/// Mirrors kube-linter v0.7.0's `env-var-secret` check (template `env-var`); its rule is the same
/// in v0.8.3, the newest release.
pub(crate) fn env_var_secret(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        for (i, var) in container.env.iter().flatten().enumerate() {
            let literal = var
                .value
                .as_deref()
                .is_some_and(|v| v.chars().any(|c| c != '\n'));
            if literal && var.name.to_lowercase().contains("secret") {
                lint.report(
                    "env-var-secret",
                    format!("{at}.env[{i}].value"),
                    t!(
                        "lint-env-var-secret",
                        container = format!("{:?}", container.name),
                        variable = var.name.as_str()
                    ),
                );
            }
        }
    }
}

/// `host-ipc`
///
/// Mirrors kube-linter v0.7.0's `host-ipc` check (template `host-ipc`); its rule is the same in
/// v0.8.3, the newest release.
pub(crate) fn host_ipc(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_ipc == Some(true) {
        lint.report("host-ipc", pod.field("hostIPC"), t!("lint-host-ipc"));
    }
}

/// `host-network`
///
/// Mirrors kube-linter v0.7.0's `host-network` check (template `host-network`); its rule is the
/// same in v0.8.3, the newest release.
pub(crate) fn host_network(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_network == Some(true) {
        lint.report(
            "host-network",
            pod.field("hostNetwork"),
            t!("lint-host-network"),
        );
    }
}

/// `host-pid`
///
/// Mirrors kube-linter v0.7.0's `host-pid` check (template `host-pid`); its rule is the same in
/// v0.8.3, the newest release.
pub(crate) fn host_pid(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_pid == Some(true) {
        lint.report("host-pid", pod.field("hostPID"), t!("lint-host-pid"));
    }
}

/// `no-read-only-root-fs`
///
/// Mirrors kube-linter v0.7.0's `no-read-only-root-fs` check (template `read-only-root-fs`); its
/// rule is the same in v0.8.3, the newest release.
pub(crate) fn no_read_only_root_fs(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if security(container).and_then(|s| s.read_only_root_filesystem) != Some(true) {
            lint.report(
                "no-read-only-root-fs",
                format!("{at}.securityContext.readOnlyRootFilesystem"),
                t!(
                    "lint-writable-root-fs",
                    container = format!("{:?}", container.name)
                ),
            );
        }
    }
}

/// `non-existent-service-account`: a service account other than `default` must be among the
/// manifests, in the same namespace.
///
/// Mirrors kube-linter v0.7.0's `non-existent-service-account` check (template
/// `non-existent-service-account`); its rule is the same in v0.8.3, the newest release.
pub(crate) fn non_existent_service_account(pod: &Pod, manifests: &[Manifest], lint: &mut Lint) {
    let (field, name) = match (&pod.spec.service_account_name, &pod.spec.service_account) {
        (Some(name), _) if !name.is_empty() => ("serviceAccountName", name),
        (_, Some(name)) if !name.is_empty() => ("serviceAccount", name),
        _ => return,
    };
    if name == "default" {
        return;
    }
    let namespace = &lint.manifest.metadata().namespace;
    let exists = manifests.iter().any(|m| {
        matches!(m.object, Object::ServiceAccount(_))
            && m.name() == name
            && namespace_of(m) == namespace_of(lint.manifest)
    });
    if !exists {
        lint.report(
            "non-existent-service-account",
            pod.field(field),
            t!(
                "lint-no-service-account",
                name = format!("{name:?}"),
                namespace = format!("{:?}", namespace.as_deref().unwrap_or_default())
            ),
        );
    }
}

/// `privilege-escalation-container`: allowPrivilegeEscalation: true, privileged: true or the
/// SYS_ADMIN capability (each lets a process gain more privileges than its parent).
///
/// Mirrors kube-linter v0.7.0's `privilege-escalation-container` check (template
/// `privilege-escalation-container`); its rule is the same in v0.8.3, the newest release.
pub(crate) fn privilege_escalation_container(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        let Some(security) = security(container) else {
            continue;
        };
        let name = format!("{:?}", container.name);
        let sys_admin = security
            .capabilities
            .as_ref()
            .and_then(|c| c.add.as_ref())
            .and_then(|add| add.iter().position(|c| c == "SYS_ADMIN"));
        let (field, problem) = if security.allow_privilege_escalation == Some(true) {
            (
                "allowPrivilegeEscalation".to_owned(),
                t!("lint-escalation-allowed", container = name.as_str()),
            )
        } else if security.privileged == Some(true) {
            (
                "privileged".to_owned(),
                t!("lint-escalation-privileged", container = name.as_str()),
            )
        } else if let Some(i) = sys_admin {
            (
                format!("capabilities.add[{i}]"),
                t!("lint-escalation-sys-admin", container = name.as_str()),
            )
        } else {
            continue;
        };
        lint.report(
            "privilege-escalation-container",
            format!("{at}.securityContext.{field}"),
            problem,
        );
    }
}

/// `privileged-container`
///
/// Mirrors kube-linter v0.7.0's `privileged-container` check (template `privileged`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn privileged_container(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if security(container).and_then(|s| s.privileged) == Some(true) {
            lint.report(
                "privileged-container",
                format!("{at}.securityContext.privileged"),
                t!(
                    "lint-privileged",
                    container = format!("{:?}", container.name)
                ),
            );
        }
    }
}

/// `run-as-non-root`: the effective runAsUser (the container's, else the Pod's) is above 0, or
/// the effective runAsNonRoot is true - and then runAsUser must not be 0.
///
/// Mirrors kube-linter v0.7.0's `run-as-non-root` check (template `run-as-non-root`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn run_as_non_root(pod: &Pod, lint: &mut Lint) {
    let pod_security = pod.spec.security_context.as_ref();
    for (at, container) in pod.all_containers() {
        let security = security(container);
        let user = security
            .and_then(|s| s.run_as_user)
            .or_else(|| pod_security.and_then(|s| s.run_as_user));
        if user.is_some_and(|u| u > 0) {
            continue;
        }
        let non_root = security
            .and_then(|s| s.run_as_non_root)
            .or_else(|| pod_security.and_then(|s| s.run_as_non_root))
            .unwrap_or(false);
        let name = format!("{:?}", container.name);
        let (field, problem) = match (non_root, user) {
            (true, Some(0)) => (
                "runAsUser",
                t!("lint-root-user-zero", container = name.as_str()),
            ),
            (true, _) => continue,
            (false, _) => (
                "runAsNonRoot",
                t!("lint-may-run-as-root", container = name.as_str()),
            ),
        };
        lint.report(
            "run-as-non-root",
            format!("{at}.securityContext.{field}"),
            problem,
        );
    }
}

/// `sensitive-host-mounts`: a hostPath volume of a system folder, mounted by a container.
///
/// Mirrors kube-linter v0.7.0's `sensitive-host-mounts` check (template `host-mounts`); its rule is
/// the same in v0.8.3, the newest release.
pub(crate) fn sensitive_host_mounts(pod: &Pod, lint: &mut Lint) {
    const SENSITIVE: [&str; 8] = [
        "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr",
    ];
    host_mounts(pod, lint, "sensitive-host-mounts", |path| {
        SENSITIVE.contains(&path)
    });
}

/// `unsafe-sysctls`: Pod sysctls whose names start with kube-linter's unsafe prefixes.
///
/// Mirrors kube-linter v0.7.0's `unsafe-sysctls` check (template `unsafe-sysctls`); its rule is the
/// same in v0.8.3, the newest release.
pub(crate) fn unsafe_sysctls(pod: &Pod, lint: &mut Lint) {
    const UNSAFE: [&str; 5] = [
        "kernel.msg",
        "kernel.sem",
        "kernel.shm",
        "fs.mqueue.",
        "net.",
    ];
    let sysctls = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.sysctls.as_ref());
    for (i, sysctl) in sysctls.iter().copied().flatten().enumerate() {
        if UNSAFE.iter().any(|prefix| sysctl.name.starts_with(prefix)) {
            lint.report(
                "unsafe-sysctls",
                pod.field(&format!("securityContext.sysctls[{i}].name")),
                format!("the Pod sets the unsafe sysctl {}", sysctl.name),
            );
        }
    }
}

//! kube-linter's default checks, in Rust: `workbook check-manifests --production`.
//!
//! [kube-linter](https://docs.kubelinter.io) enables 30 of its checks by default (the list in
//! its `internal/defaultchecks`, as of kube-linter 0.7). Each is one function below, named
//! after the check, with the same scope (kube-linter's "deployment-like" objects are the
//! workloads this tool parses: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob and
//! Pod) and the same rule, so manifests that pass here pass `kube-linter lint` with its
//! defaults. Where kube-linter has a known slip, the intent is implemented and the function
//! says so. `no-extensions-v1beta` acts while reading (see [`no_extensions_v1beta`]): an
//! object of a removed API version is never parsed, so the checks below never see it.
//!
//! Every finding is an error whose message starts with `[check-name]` and ends with what to
//! do about it (`Fix: ...`).

use std::collections::BTreeMap;

use k8s_openapi::{
    api::{
        core::v1::{Container, PodSpec, Probe, ResourceRequirements, SecurityContext, Service},
        policy::v1::PodDisruptionBudget,
    },
    apimachinery::pkg::{
        api::resource::Quantity, apis::meta::v1::LabelSelector, util::intstr::IntOrString,
    },
};

use crate::{
    findings::{Finding, Severity},
    manifests::{Manifest, Object, PodTemplate},
};

/// kube-linter's default checks, each with what to do when it fires.
pub const DEFAULT_CHECKS: [(&str, &str); 30] = [
    (
        "dangling-service",
        "make the selector match the labels of a workload's Pod template in the same namespace",
    ),
    (
        "deprecated-service-account-field",
        "use serviceAccountName; serviceAccount is its deprecated old name",
    ),
    (
        "docker-sock",
        "do not mount the container runtime's socket: whoever can talk to it controls the node",
    ),
    (
        "drop-net-raw-capability",
        "list NET_RAW (or ALL) in securityContext.capabilities.drop, never in add: it lets a process forge network packets",
    ),
    (
        "duplicate-env-var",
        "keep one entry per name: only the last one takes effect, the others mislead readers",
    ),
    (
        "env-var-secret",
        "do not write a secret into a manifest: take it from a Secret (valueFrom.secretKeyRef) or mount the Secret as a file",
    ),
    (
        "host-ipc",
        "remove hostIPC: true; the Pod would share the node's inter-process communication",
    ),
    (
        "host-network",
        "remove hostNetwork: true; the Pod would use the node's network directly, past Services and NetworkPolicies",
    ),
    (
        "host-pid",
        "remove hostPID: true; the Pod would see, and could signal, every process on the node",
    ),
    (
        "invalid-target-ports",
        "a port name has at most 15 characters, only a-z, 0-9 and '-', at least one letter, no '--' and no '-' at either end; a port number is 1 to 65535",
    ),
    (
        "latest-tag",
        "pin a version tag (or a digest): with :latest or no tag nobody can tell which image runs, nor roll back to the previous one",
    ),
    (
        "liveness-port",
        "probe a TCP port the container declares in ports, by number or by name",
    ),
    (
        "mismatching-selector",
        "make spec.selector match the labels of the Pod template",
    ),
    (
        "no-anti-affinity",
        "add a podAntiAffinity term with topologyKey kubernetes.io/hostname and a labelSelector that matches the Pods, so the scheduler puts replicas on different nodes",
    ),
    (
        "no-extensions-v1beta",
        "use apps/v1 (Deployment, DaemonSet, ReplicaSet) or networking.k8s.io/v1 (Ingress, NetworkPolicy)",
    ),
    (
        "no-read-only-root-fs",
        "set readOnlyRootFilesystem: true in the container's securityContext (and mount an emptyDir where the program must write)",
    ),
    (
        "non-existent-service-account",
        "create the ServiceAccount in the same namespace, or name one that exists",
    ),
    (
        "pdb-max-unavailable",
        "allow at least 1 unavailable Pod, or no node running one can ever be drained",
    ),
    (
        "pdb-min-available",
        "keep minAvailable below the number of replicas, or no node running one can ever be drained",
    ),
    (
        "pdb-unhealthy-pod-eviction-policy",
        "set unhealthyPodEvictionPolicy: AlwaysAllow, so Pods that are not Ready never block a drain",
    ),
    (
        "privilege-escalation-container",
        "set allowPrivilegeEscalation: false, and use neither privileged: true nor the SYS_ADMIN capability",
    ),
    (
        "privileged-container",
        "remove privileged: true; a privileged container is root on the node",
    ),
    (
        "readiness-port",
        "probe a TCP port the container declares in ports, by number or by name",
    ),
    (
        "run-as-non-root",
        "set runAsNonRoot: true and a non-zero runAsUser in the Pod's or the container's securityContext",
    ),
    (
        "sensitive-host-mounts",
        "do not mount the node's system folders (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr) into a container",
    ),
    (
        "ssh-port",
        "do not expose port 22: reach a container with kubectl exec, not an SSH server",
    ),
    (
        "startup-port",
        "probe a TCP port the container declares in ports, by number or by name",
    ),
    (
        "unsafe-sysctls",
        "remove the sysctl: kube-linter counts kernel.msg*, kernel.sem*, kernel.shm*, fs.mqueue.* and net.* as able to affect other Pods on the node",
    ),
    (
        "unset-cpu-requirements",
        "set resources.requests.cpu: the scheduler reserves it, and an HPA on CPU measures against it",
    ),
    (
        "unset-memory-requirements",
        "set resources.limits.memory, so a leaking container is restarted instead of starving the node",
    ),
];

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
            deprecated_service_account_field(&pod, &mut lint);
            docker_sock(&pod, &mut lint);
            drop_net_raw_capability(&pod, &mut lint);
            duplicate_env_var(&pod, &mut lint);
            env_var_secret(&pod, &mut lint);
            host_ipc(&pod, &mut lint);
            host_network(&pod, &mut lint);
            host_pid(&pod, &mut lint);
            invalid_target_ports_in_containers(&pod, &mut lint);
            latest_tag(&pod, &mut lint);
            liveness_port(&pod, &mut lint);
            mismatching_selector(&pod, &mut lint);
            no_anti_affinity(&pod, &mut lint);
            no_read_only_root_fs(&pod, &mut lint);
            non_existent_service_account(&pod, manifests, &mut lint);
            privilege_escalation_container(&pod, &mut lint);
            privileged_container(&pod, &mut lint);
            readiness_port(&pod, &mut lint);
            run_as_non_root(&pod, &mut lint);
            sensitive_host_mounts(&pod, &mut lint);
            ssh_port(&pod, &mut lint);
            startup_port(&pod, &mut lint);
            unsafe_sysctls(&pod, &mut lint);
            unset_cpu_requirements(&pod, &mut lint);
            unset_memory_requirements(&pod, &mut lint);
        }
        match &manifest.object {
            Object::Service(service) => {
                dangling_service(service, manifests, &mut lint);
                invalid_target_ports_in_service(service, &mut lint);
            }
            Object::PodDisruptionBudget(pdb) => {
                pdb_max_unavailable(pdb, &mut lint);
                pdb_min_available(pdb, manifests, &mut lint);
                pdb_unhealthy_pod_eviction_policy(pdb, &mut lint);
            }
            _ => {}
        }
    }
    findings
}

/// `no-extensions-v1beta`: the `extensions/v1beta1` group version was removed from Kubernetes
/// (its Deployment, DaemonSet, ReplicaSet and NetworkPolicy in 1.16, Ingress in 1.22), so the
/// API server refuses such an object. Called while reading, in both modes: the message for an
/// object of this API version, `None` for any other.
pub fn no_extensions_v1beta(api_version: &str) -> Option<String> {
    let version = api_version.strip_prefix("extensions/")?;
    version.starts_with("v1beta").then(|| {
        message(
            "no-extensions-v1beta",
            format!("{api_version} was removed from Kubernetes (1.16, and 1.22 for Ingress): the API server refuses it"),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Workloads: every object with a Pod template.

/// `deprecated-service-account-field`
fn deprecated_service_account_field(pod: &Pod, lint: &mut Lint) {
    if let Some(name) = pod
        .spec
        .service_account
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        lint.report(
            "deprecated-service-account-field",
            pod.field("serviceAccount"),
            format!("serviceAccount {name:?} is set"),
        );
    }
}

/// `docker-sock`: a hostPath volume ending in `docker.sock`, mounted by a container.
fn docker_sock(pod: &Pod, lint: &mut Lint) {
    host_mounts(pod, lint, "docker-sock", |path| {
        path.ends_with("docker.sock")
    });
}

/// `drop-net-raw-capability`: only containers that set `capabilities` at all are judged
/// (kube-linter's rule): NET_RAW (or ALL) must be dropped and must not be added.
fn drop_net_raw_capability(pod: &Pod, lint: &mut Lint) {
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
                    format!("container {:?} adds {cap}", container.name),
                );
            }
        }
        if !caps.drop.iter().flatten().any(net_raw) {
            lint.report(
                "drop-net-raw-capability",
                format!("{at}.securityContext.capabilities.drop"),
                format!("container {:?} does not drop NET_RAW", container.name),
            );
        }
    }
}

/// `duplicate-env-var`: reported once per repeated name, at its second entry.
fn duplicate_env_var(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, var) in container.env.iter().flatten().enumerate() {
            let count = seen.entry(&var.name).or_default();
            *count += 1;
            if *count == 2 {
                lint.report(
                    "duplicate-env-var",
                    format!("{at}.env[{i}].name"),
                    format!(
                        "container {:?} sets {} more than once",
                        container.name, var.name
                    ),
                );
            }
        }
    }
}

/// `env-var-secret`: a variable whose name contains "secret" (any case) with a literal value.
fn env_var_secret(pod: &Pod, lint: &mut Lint) {
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
                    format!(
                        "container {:?} gets {} as a literal value in the manifest",
                        container.name, var.name
                    ),
                );
            }
        }
    }
}

/// `host-ipc`
fn host_ipc(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_ipc == Some(true) {
        lint.report(
            "host-ipc",
            pod.field("hostIPC"),
            "the Pod shares the node's IPC namespace".into(),
        );
    }
}

/// `host-network`
fn host_network(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_network == Some(true) {
        lint.report(
            "host-network",
            pod.field("hostNetwork"),
            "the Pod shares the node's network namespace".into(),
        );
    }
}

/// `host-pid`
fn host_pid(pod: &Pod, lint: &mut Lint) {
    if pod.spec.host_pid == Some(true) {
        lint.report(
            "host-pid",
            pod.field("hostPID"),
            "the Pod shares the node's process namespace".into(),
        );
    }
}

/// `invalid-target-ports`, for workloads: every named container port must be a valid port
/// name (IANA service name syntax).
fn invalid_target_ports_in_containers(pod: &Pod, lint: &mut Lint) {
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
                    format!(
                        "port name {name:?} of container {:?} {}",
                        container.name,
                        problems.join(", ")
                    ),
                );
            }
        }
    }
}

/// `latest-tag`: kube-linter's block list - an image ending in `:latest`, an image with no `:`
/// at all, or one whose part after a `/` has no `:` (a registry port is not a tag).
fn latest_tag(pod: &Pod, lint: &mut Lint) {
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
                format!(
                    "container {:?} runs {image:?}, which has no version tag",
                    container.name
                ),
            );
        }
    }
}

/// `liveness-port`
fn liveness_port(pod: &Pod, lint: &mut Lint) {
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

/// `mismatching-selector`: the workload's whole selector (matchLabels and matchExpressions)
/// must select its own Pod template. Jobs may have none; CronJobs and Pods have no selector.
fn mismatching_selector(pod: &Pod, lint: &mut Lint) {
    let optional = match &lint.manifest.object {
        Object::Deployment(_)
        | Object::StatefulSet(_)
        | Object::DaemonSet(_)
        | Object::ReplicaSet(_) => false,
        Object::Job(_) => true,
        _ => return,
    };
    let selector = workload_selector(lint.manifest);
    match selector.filter(|s| !selector_is_empty(s)) {
        None if optional => {}
        None => lint.report(
            "mismatching-selector",
            "spec.selector".into(),
            "the workload has no selector".into(),
        ),
        Some(selector) if !selects(selector, pod.labels) => lint.report(
            "mismatching-selector",
            "spec.selector".into(),
            format!(
                "{} does not select the Pod template's labels ({})",
                selector_text(selector),
                labels_text(pod.labels)
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
fn no_anti_affinity(pod: &Pod, lint: &mut Lint) {
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
            format!("{replicas} replicas but no podAntiAffinity: they may all run on one node"),
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
            format!("{replicas} replicas but podAntiAffinity has no preferred or required term"),
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
                format!("its namespaces {list:?} do not include {namespace:?}")
            }
            _ if term.topology_key != "kubernetes.io/hostname" => {
                format!(
                    "its topologyKey is {:?}, not kubernetes.io/hostname",
                    term.topology_key
                )
            }
            _ if !term
                .label_selector
                .as_ref()
                .is_some_and(|s| selects(s, pod.labels)) =>
            {
                format!(
                    "its labelSelector ({}) does not select the Pods ({})",
                    term.label_selector
                        .as_ref()
                        .map_or("none".into(), selector_text),
                    labels_text(pod.labels)
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
            format!("{replicas} replicas, but {problem}"),
        );
    }
}

/// `no-read-only-root-fs`
fn no_read_only_root_fs(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if security(container).and_then(|s| s.read_only_root_filesystem) != Some(true) {
            lint.report(
                "no-read-only-root-fs",
                format!("{at}.securityContext.readOnlyRootFilesystem"),
                format!(
                    "container {:?} can write to its root filesystem",
                    container.name
                ),
            );
        }
    }
}

/// `non-existent-service-account`: a service account other than `default` must be among the
/// manifests, in the same namespace.
fn non_existent_service_account(pod: &Pod, manifests: &[Manifest], lint: &mut Lint) {
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
            format!(
                "ServiceAccount {name:?} is not among these manifests (namespace {:?})",
                namespace.as_deref().unwrap_or_default()
            ),
        );
    }
}

/// `privilege-escalation-container`: allowPrivilegeEscalation: true, privileged: true or the
/// SYS_ADMIN capability (each lets a process gain more privileges than its parent).
fn privilege_escalation_container(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        let Some(security) = security(container) else {
            continue;
        };
        let sys_admin = security
            .capabilities
            .as_ref()
            .and_then(|c| c.add.as_ref())
            .and_then(|add| add.iter().position(|c| c == "SYS_ADMIN"));
        let (field, problem) = if security.allow_privilege_escalation == Some(true) {
            (
                "allowPrivilegeEscalation".to_owned(),
                "sets allowPrivilegeEscalation: true",
            )
        } else if security.privileged == Some(true) {
            (
                "privileged".to_owned(),
                "is privileged, which allows privilege escalation",
            )
        } else if let Some(i) = sys_admin {
            (
                format!("capabilities.add[{i}]"),
                "adds SYS_ADMIN, which allows privilege escalation",
            )
        } else {
            continue;
        };
        lint.report(
            "privilege-escalation-container",
            format!("{at}.securityContext.{field}"),
            format!("container {:?} {problem}", container.name),
        );
    }
}

/// `privileged-container`
fn privileged_container(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if security(container).and_then(|s| s.privileged) == Some(true) {
            lint.report(
                "privileged-container",
                format!("{at}.securityContext.privileged"),
                format!("container {:?} is privileged", container.name),
            );
        }
    }
}

/// `readiness-port`
fn readiness_port(pod: &Pod, lint: &mut Lint) {
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

/// `run-as-non-root`: the effective runAsUser (the container's, else the Pod's) is above 0, or
/// the effective runAsNonRoot is true - and then runAsUser must not be 0.
fn run_as_non_root(pod: &Pod, lint: &mut Lint) {
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
        let (field, problem) = match (non_root, user) {
            (true, Some(0)) => (
                "runAsUser",
                "is set to runAsNonRoot, but runAsUser is 0: the kubelet will refuse to start it",
            ),
            (true, _) => continue,
            (false, _) => ("runAsNonRoot", "may run as root (runAsNonRoot is not set)"),
        };
        lint.report(
            "run-as-non-root",
            format!("{at}.securityContext.{field}"),
            format!("container {:?} {problem}", container.name),
        );
    }
}

/// `sensitive-host-mounts`: a hostPath volume of a system folder, mounted by a container.
fn sensitive_host_mounts(pod: &Pod, lint: &mut Lint) {
    const SENSITIVE: [&str; 8] = [
        "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr",
    ];
    host_mounts(pod, lint, "sensitive-host-mounts", |path| {
        SENSITIVE.contains(&path)
    });
}

/// `ssh-port`: a container declaring TCP port 22 (a port's protocol defaults to TCP).
fn ssh_port(pod: &Pod, lint: &mut Lint) {
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
                    format!(
                        "container {:?} exposes port 22 ({protocol})",
                        container.name
                    ),
                );
            }
        }
    }
}

/// `startup-port`
fn startup_port(pod: &Pod, lint: &mut Lint) {
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

/// `unsafe-sysctls`: Pod sysctls whose names start with kube-linter's unsafe prefixes.
fn unsafe_sysctls(pod: &Pod, lint: &mut Lint) {
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

/// `unset-cpu-requirements`: requests.cpu missing or 0.
fn unset_cpu_requirements(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if !resource_set(container, |r| r.requests.as_ref(), "cpu") {
            lint.report(
                "unset-cpu-requirements",
                format!("{at}.resources.requests.cpu"),
                format!("container {:?} requests no CPU", container.name),
            );
        }
    }
}

/// `unset-memory-requirements`: limits.memory missing or 0.
fn unset_memory_requirements(pod: &Pod, lint: &mut Lint) {
    for (at, container) in pod.all_containers() {
        if !resource_set(container, |r| r.limits.as_ref(), "memory") {
            lint.report(
                "unset-memory-requirements",
                format!("{at}.resources.limits.memory"),
                format!("container {:?} has no memory limit", container.name),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Services

/// `dangling-service`: a Service (other than ExternalName) must have a selector, and it must
/// select the Pod template of a workload in exactly the same namespace.
fn dangling_service(service: &Service, manifests: &[Manifest], lint: &mut Lint) {
    let Some(spec) = &service.spec else { return };
    if spec.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
        lint.report(
            "dangling-service",
            "spec.selector".into(),
            "the Service has no selector".into(),
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
            format!(
                "no Pod template in namespace {:?} has the labels {}",
                namespace_of(lint.manifest),
                labels_text(Some(selector))
            ),
        );
    }
}

/// `invalid-target-ports`, for Services: a named targetPort must be a valid port name, a
/// numbered one 1 to 65535 (0 means unset).
fn invalid_target_ports_in_service(service: &Service, lint: &mut Lint) {
    let ports = service.spec.iter().flat_map(|s| s.ports.iter().flatten());
    for (i, port) in ports.enumerate() {
        let problem = match &port.target_port {
            None | Some(IntOrString::Int(0)) => continue,
            Some(IntOrString::Int(n)) if !(1..=65535).contains(n) => {
                format!("targetPort {n} must be between 1 and 65535")
            }
            Some(IntOrString::Int(_)) => continue,
            Some(IntOrString::String(name)) => {
                let problems = port_name_problems(name);
                if problems.is_empty() {
                    continue;
                }
                format!("targetPort {name:?} {}", problems.join(", "))
            }
        };
        lint.report(
            "invalid-target-ports",
            format!("spec.ports[{i}].targetPort"),
            problem,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PodDisruptionBudgets

/// `pdb-max-unavailable`: maxUnavailable 0 (or "0%") forbids every voluntary eviction.
/// kube-linter also flags any percentage (it reads the number of a string as 0); this flags
/// only a zero.
fn pdb_max_unavailable(pdb: &PodDisruptionBudget, lint: &mut Lint) {
    let max = pdb.spec.as_ref().and_then(|s| s.max_unavailable.as_ref());
    if matches!(max, Some(IntOrString::Int(0)))
        || matches!(max, Some(IntOrString::String(s)) if s == "0%")
    {
        lint.report(
            "pdb-max-unavailable",
            "spec.maxUnavailable".into(),
            "maxUnavailable is 0: no Pod may ever be evicted".into(),
        );
    }
}

/// `pdb-min-available`: minAvailable "100%", or at least the replicas of a workload (in the
/// same namespace) whose selector is the PDB's.
fn pdb_min_available(pdb: &PodDisruptionBudget, manifests: &[Manifest], lint: &mut Lint) {
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
                        format!("{s:?} is neither a number nor a percentage"),
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
            "minAvailable is 100%: no Pod may ever be evicted".into(),
        );
        return;
    }
    let key = selector_key(spec.selector.as_ref());
    for workload in manifests {
        let Some(replicas) = replicas(workload) else {
            continue;
        };
        if namespace_of(workload) != namespace_of(lint.manifest)
            || workload_selector(workload).map(|s| selector_key(Some(s))) != Some(key.clone())
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
                format!(
                    "{} has {replicas} replicas and minAvailable is {min}: no Pod may ever be evicted",
                    workload.id()
                ),
            );
        }
    }
}

/// `pdb-unhealthy-pod-eviction-policy`
fn pdb_unhealthy_pod_eviction_policy(pdb: &PodDisruptionBudget, lint: &mut Lint) {
    let policy = pdb
        .spec
        .as_ref()
        .and_then(|s| s.unhealthy_pod_eviction_policy.as_ref());
    if policy.is_none() {
        lint.report(
            "pdb-unhealthy-pod-eviction-policy",
            "spec.unhealthyPodEvictionPolicy".into(),
            "unhealthyPodEvictionPolicy is not set (the default lets unready Pods block a drain)"
                .into(),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Where findings go, for one manifest.
struct Lint<'a> {
    manifest: &'a Manifest,
    findings: &'a mut Vec<Finding>,
}

impl Lint<'_> {
    fn report(&mut self, check: &'static str, field: String, problem: String) {
        self.findings.push(Finding {
            severity: Severity::Error,
            file: self.manifest.file.clone(),
            object: self.manifest.id(),
            field,
            message: message(check, problem),
        });
    }
}

/// `[check] problem. Fix: remediation`.
fn message(check: &str, problem: String) -> String {
    let remediation = DEFAULT_CHECKS
        .iter()
        .find(|(name, _)| *name == check)
        .map_or("", |(_, r)| r);
    format!("[{check}] {problem}. Fix: {remediation}")
}

/// A workload's Pods, with the path of their spec.
struct Pod<'a> {
    spec: &'a PodSpec,
    labels: Option<&'a BTreeMap<String, String>>,
    at: String,
}

impl<'a> Pod<'a> {
    fn new(template: &PodTemplate<'a>) -> Self {
        let at = if template.at.is_empty() {
            "spec".to_owned()
        } else {
            format!("{}.spec", template.at)
        };
        Pod {
            spec: template.spec,
            labels: template.labels,
            at,
        }
    }

    fn field(&self, field: &str) -> String {
        format!("{}.{field}", self.at)
    }

    /// The regular containers, each with its path.
    fn containers(&self) -> Vec<(String, &'a Container)> {
        let at = &self.at;
        let spec: &'a PodSpec = self.spec;
        spec.containers
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("{at}.containers[{i}]"), c))
            .collect()
    }

    /// Init containers, then the regular ones (kube-linter's "all containers"; ephemeral
    /// containers cannot be created with a Pod, so manifests have none).
    fn all_containers(&self) -> Vec<(String, &'a Container)> {
        let at = &self.at;
        let spec: &'a PodSpec = self.spec;
        spec.init_containers
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, c)| (format!("{at}.initContainers[{i}]"), c))
            .chain(self.containers())
            .collect()
    }
}

fn security(container: &Container) -> Option<&SecurityContext> {
    container.security_context.as_ref()
}

/// `docker-sock` and `sensitive-host-mounts`: hostPath volumes whose path matches, reported
/// once for each container that mounts them.
fn host_mounts(pod: &Pod, lint: &mut Lint, check: &'static str, matches: impl Fn(&str) -> bool) {
    for (i, volume) in pod.spec.volumes.iter().flatten().enumerate() {
        let Some(path) = volume.host_path.as_ref().map(|h| h.path.as_str()) else {
            continue;
        };
        if !matches(path) {
            continue;
        }
        for (_, container) in pod.all_containers() {
            let mounted = container
                .volume_mounts
                .iter()
                .flatten()
                .any(|m| m.name == volume.name);
            if mounted {
                lint.report(
                    check,
                    pod.field(&format!("volumes[{i}].hostPath.path")),
                    format!(
                        "the node's {path} is mounted into container {:?}",
                        container.name
                    ),
                );
            }
        }
    }
}

/// The three probe-port checks: the probe's httpGet, tcpSocket or grpc port must be one the
/// container declares for TCP (by number, or by name for httpGet and tcpSocket).
fn probe_port(
    lint: &mut Lint,
    check: &'static str,
    at: &str,
    kind: &str,
    container: &Container,
    probe: &Option<Probe>,
) {
    let Some(probe) = probe else { return };
    let tcp_ports: Vec<_> = container
        .ports
        .iter()
        .flatten()
        .filter(|p| matches!(p.protocol.as_deref(), None | Some("") | Some("TCP")))
        .collect();
    let declared = |port: &IntOrString| {
        tcp_ports.iter().any(|p| match port {
            IntOrString::Int(n) => p.container_port == *n,
            IntOrString::String(name) => p.name.as_deref().unwrap_or_default() == name,
        })
    };
    let handlers = [
        ("httpGet", probe.http_get.as_ref().map(|h| h.port.clone())),
        (
            "tcpSocket",
            probe.tcp_socket.as_ref().map(|t| t.port.clone()),
        ),
        (
            "grpc",
            probe.grpc.as_ref().map(|g| IntOrString::Int(g.port)),
        ),
    ];
    for (handler, port) in handlers {
        let Some(port) = port else { continue };
        if !declared(&port) {
            let port_text = match &port {
                IntOrString::Int(n) => n.to_string(),
                IntOrString::String(s) => format!("{s:?}"),
            };
            lint.report(
                check,
                format!("{at}.{kind}.{handler}.port"),
                format!(
                    "container {:?} does not declare TCP port {port_text}",
                    container.name
                ),
            );
            return;
        }
    }
}

/// Kubernetes' port name rules (`IsValidPortName`): what is wrong with `name`, if anything.
fn port_name_problems(name: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if name.len() > 15 {
        problems.push("must be no more than 15 characters");
    }
    let charset = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !charset {
        problems.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    } else if !name.chars().any(|c| c.is_ascii_lowercase()) {
        problems.push("must contain at least one letter (a-z)");
    }
    if name.contains("--") {
        problems.push("must not contain consecutive hyphens");
    }
    if name.starts_with('-') || name.ends_with('-') {
        problems.push("must not begin or end with a hyphen");
    }
    problems
}

/// Whether a resource is set to something other than zero (`0`, `0m`, `0Mi`, ...). A quantity
/// this cannot read counts as set: the API server judges it.
fn resource_set(
    container: &Container,
    which: impl Fn(&ResourceRequirements) -> Option<&BTreeMap<String, Quantity>>,
    name: &str,
) -> bool {
    let Some(quantity) = container
        .resources
        .as_ref()
        .and_then(which)
        .and_then(|r| r.get(name))
    else {
        return false;
    };
    let number: String = quantity
        .0
        .trim_start_matches(['+', '-'])
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse::<f64>() != Ok(0.0)
}

/// The replicas kube-linter reads: Deployments, StatefulSets and ReplicaSets have them (unset
/// means 1); other kinds have none.
fn replicas(manifest: &Manifest) -> Option<i32> {
    match &manifest.object {
        Object::Deployment(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        Object::StatefulSet(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        Object::ReplicaSet(o) => Some(o.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
        _ => None,
    }
}

fn workload_selector(manifest: &Manifest) -> Option<&LabelSelector> {
    match &manifest.object {
        Object::Deployment(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::StatefulSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::DaemonSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::ReplicaSet(o) => o.spec.as_ref().map(|s| &s.selector),
        Object::Job(o) => o.spec.as_ref().and_then(|s| s.selector.as_ref()),
        _ => None,
    }
}

/// kube-linter compares namespaces as written: an object without one is in "".
fn namespace_of(manifest: &Manifest) -> &str {
    manifest.metadata().namespace.as_deref().unwrap_or_default()
}

fn selector_is_empty(selector: &LabelSelector) -> bool {
    selector.match_labels.as_ref().is_none_or(|l| l.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|e| e.is_empty())
}

/// A label selector's meaning: every matchLabels pair and every matchExpressions requirement
/// holds. An empty selector selects everything.
fn selects(selector: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let get = |key: &str| labels.and_then(|l| l.get(key));
    let pairs = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| get(k) == Some(v));
    let expressions = selector.match_expressions.iter().flatten().all(|e| {
        let values = e.values.as_deref().unwrap_or_default();
        match e.operator.as_str() {
            "In" => get(&e.key).is_some_and(|v| values.contains(v)),
            "NotIn" => get(&e.key).is_none_or(|v| !values.contains(v)),
            "Exists" => get(&e.key).is_some(),
            "DoesNotExist" => get(&e.key).is_none(),
            _ => false,
        }
    });
    pairs && expressions
}

/// A selector in a canonical form (sorted requirements), to compare two selectors.
fn selector_key(selector: Option<&LabelSelector>) -> Vec<String> {
    let Some(selector) = selector else {
        return Vec::new();
    };
    let mut key: Vec<String> = selector
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for e in selector.match_expressions.iter().flatten() {
        let mut values = e.values.clone().unwrap_or_default();
        values.sort();
        key.push(format!("{} {} ({})", e.key, e.operator, values.join(",")));
    }
    key.sort();
    key.dedup();
    key
}

fn selector_text(selector: &LabelSelector) -> String {
    let key = selector_key(Some(selector));
    if key.is_empty() {
        "an empty selector".into()
    } else {
        key.join(",")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(DEFAULT_CHECKS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn only_extensions_v1beta_versions_are_refused() {
        assert!(no_extensions_v1beta("extensions/v1beta1").is_some());
        assert!(no_extensions_v1beta("apps/v1").is_none());
        assert!(no_extensions_v1beta("extensions/v1").is_none());
    }
}

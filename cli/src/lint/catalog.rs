//! kube-linter's default checks by name, with the remediation each finding ends with.

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

/// `[check] problem. Fix: remediation`.
pub(crate) fn message(check: &str, problem: String) -> String {
    let remediation = DEFAULT_CHECKS
        .iter()
        .find(|(name, _)| *name == check)
        .map_or("", |(_, r)| r);
    format!("[{check}] {problem}. Fix: {remediation}")
}

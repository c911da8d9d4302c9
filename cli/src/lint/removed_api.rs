//! kube-linter's `no-extensions-v1beta`, which acts while manifests are read.

use super::catalog::message;

/// `no-extensions-v1beta`: the `extensions/v1beta1` group version was removed from Kubernetes
/// (its Deployment, DaemonSet, ReplicaSet and NetworkPolicy in 1.16, Ingress in 1.22), so the
/// API server refuses such an object. Called while reading, in both modes: the message for an
/// object of this API version, `None` for any other.
///
/// Mirrors kube-linter v0.7.0's `no-extensions-v1beta` check (template `disallowed-api-obj`); its
/// rule is the same in v0.8.3, the newest release.
pub fn no_extensions_v1beta(api_version: &str) -> Option<String> {
    let version = api_version.strip_prefix("extensions/")?;
    version.starts_with("v1beta").then(|| {
        message(
            "no-extensions-v1beta",
            crate::t!("lint-removed-api", version = api_version),
        )
    })
}

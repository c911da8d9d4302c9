//! Live objects: what a cluster says about the Pods, Services, EndpointSlices, HPAs and Events
//! of a namespace, read from the cluster itself (`workbook doctor --cluster`, see
//! `cluster.rs`) or from a file of `kubectl get ... -o yaml` output, and named in the doctor's
//! words: the reason a container waits, the exit code of its last run, a Service with nobody
//! behind it, an HPA that cannot compute its metric, a readiness probe that fails.
//!
//! `diagnose` is a pure function of the objects: the tests give it Lists built from the very
//! values the kubelet and the controllers write.

mod autoscalers;
mod containers;
mod objects;
mod pods;
mod services;

pub use objects::Live;

use self::{
    autoscalers::diagnose_autoscaler, objects::name, pods::diagnose_pod, services::diagnose_service,
};
use crate::findings::Finding;

/// Everything wrong with the objects, Pods first, then Services and HPAs. `source` says where
/// they come from: a file, or the cluster and namespace.
pub fn diagnose(source: &str, live: &Live) -> Vec<Finding> {
    let mut out = Vec::new();
    // The replicas of one ReplicaSet mostly share one problem: it is said once, for the first
    // Pod, with how many more have it. A finding is the same when its fix is, Pod name aside,
    // and its container is in the same state (the problem's first clause).
    struct Said {
        owner: String,
        same: String,
        index: usize,
        more: usize,
    }
    let mut said: Vec<Said> = Vec::new();
    for pod in live
        .pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        let owner = pod
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true))
            .map(|o| format!("{}/{}", o.kind, o.name));
        let pod_name = name(&pod.metadata);
        for diagnosis in diagnose_pod(source, pod, &live.events) {
            if let Some(owner) = &owner {
                let same = format!(
                    "{:?} {} {} {}",
                    diagnosis.severity,
                    diagnosis.read,
                    diagnosis.problem.split(": ").next().unwrap_or_default(),
                    diagnosis.fix.replace(pod_name, "POD")
                );
                if let Some(first) = said
                    .iter_mut()
                    .find(|s| &s.owner == owner && s.same == same)
                {
                    first.more += 1;
                    continue;
                }
                said.push(Said {
                    owner: owner.clone(),
                    same,
                    index: out.len(),
                    more: 0,
                });
            }
            out.push(diagnosis);
        }
    }
    for Said {
        owner, index, more, ..
    } in said.into_iter().filter(|s| s.more > 0)
    {
        out[index].location.push_str(&crate::t!(
            "live-and-more",
            count = more,
            owner = owner.as_str()
        ));
    }
    for service in &live.services {
        out.extend(diagnose_service(source, service, live));
    }
    for hpa in &live.autoscalers {
        out.extend(diagnose_autoscaler(source, hpa));
    }
    out
}

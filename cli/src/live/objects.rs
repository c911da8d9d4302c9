//! The objects of a cluster the doctor diagnoses, read from `kubectl get -o yaml` output or
//! from the cluster, and what every diagnosis asks of them.

use k8s_openapi::{
    api::{
        autoscaling::v2::HorizontalPodAutoscaler,
        core::v1::{Endpoints, Event, Pod, Service},
        discovery::v1::EndpointSlice,
    },
    apimachinery::pkg::apis::meta::v1::ObjectMeta,
    serde::de::DeserializeOwned,
};
use serde_json::Value;

use crate::{
    Severity,
    findings::{Finding, read},
};

/// The objects of a cluster the doctor diagnoses, as the API server reports them.
#[derive(Debug, Clone, Default)]
pub struct Live {
    pub pods: Vec<Pod>,
    pub services: Vec<Service>,
    /// Which Pods each Service sends to (discovery.k8s.io/v1).
    pub endpoint_slices: Vec<EndpointSlice>,
    /// The older view of the same (core/v1 Endpoints), read when there is no EndpointSlice.
    pub endpoints: Vec<Endpoints>,
    pub autoscalers: Vec<HorizontalPodAutoscaler>,
    /// The kubelet's probe failures are only in Events.
    pub events: Vec<Event>,
}

impl Live {
    pub fn len(&self) -> usize {
        self.pods.len()
            + self.services.len()
            + self.endpoint_slices.len()
            + self.endpoints.len()
            + self.autoscalers.len()
            + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The objects of a `kubectl get ... -o yaml` file (a List's items). Kinds the doctor does
    /// not diagnose (Deployments, ReplicaSets...) are left out; an object that is not what its
    /// kind says becomes a diagnosis.
    pub fn from_values(file: &str, values: Vec<Value>) -> (Live, Vec<Finding>) {
        fn add<T: DeserializeOwned>(
            into: &mut Vec<T>,
            value: Value,
            file: &str,
            id: &str,
            problems: &mut Vec<Finding>,
        ) {
            // Not strict, unlike manifests: a newer cluster reports fields this Kubernetes
            // version does not know, and they are no mistake of the learner's.
            match serde_path_to_error::deserialize(value) {
                Ok(object) => into.push(object),
                Err(e) => problems.push(Finding {
                    severity: Severity::Error,
                    location: format!("{file}: {id}"),
                    problem: crate::t!(
                        "live-not-reported",
                        path = e.path().to_string(),
                        error = e.inner().to_string()
                    ),
                    fix: crate::t!("live-not-reported-fix"),
                    read: read::LIVE,
                }),
            }
        }
        let mut live = Live::default();
        let mut problems = Vec::new();
        for value in values {
            let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
            let (api_version, kind) = (text("apiVersion").to_owned(), text("kind").to_owned());
            let name = value
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let id = format!("{kind}/{name}");
            let p = &mut problems;
            match (api_version.as_str(), kind.as_str()) {
                ("v1", "Pod") => add(&mut live.pods, value, file, &id, p),
                ("v1", "Service") => add(&mut live.services, value, file, &id, p),
                ("discovery.k8s.io/v1", "EndpointSlice") => {
                    add(&mut live.endpoint_slices, value, file, &id, p)
                }
                ("v1", "Endpoints") => add(&mut live.endpoints, value, file, &id, p),
                ("autoscaling/v2", "HorizontalPodAutoscaler") => {
                    add(&mut live.autoscalers, value, file, &id, p)
                }
                ("v1", "Event") => add(&mut live.events, value, file, &id, p),
                _ => {}
            }
        }
        (live, problems)
    }
}

pub(crate) fn name(meta: &ObjectMeta) -> &str {
    meta.name.as_deref().unwrap_or_default()
}

pub(crate) fn namespace(meta: &ObjectMeta) -> &str {
    meta.namespace.as_deref().unwrap_or("default")
}

pub(crate) fn pod_is_ready(pod: &Pod) -> bool {
    let Some(status) = &pod.status else {
        return false;
    };
    match status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready")
    {
        Some(condition) => condition.status == "True",
        None => status
            .container_statuses
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|c| c.ready)),
    }
}

//! A Service with nobody behind it: no Pod its selector matches, or none of them Ready.

use std::collections::BTreeSet;

use k8s_openapi::api::{
    core::v1::{Pod, Service},
    discovery::v1::EndpointSlice,
};

use super::objects::{Live, name, namespace, pod_is_ready};
use crate::{
    Severity,
    findings::{Finding, read},
    selectors::{matches_labels, pairs_text},
};

pub(crate) fn diagnose_service(source: &str, service: &Service, live: &Live) -> Option<Finding> {
    let spec = service.spec.as_ref()?;
    if spec.type_.as_deref() == Some("ExternalName") {
        return None;
    }
    // Without a selector, someone else manages the endpoints.
    let selector = spec.selector.as_ref().filter(|s| !s.is_empty())?;
    let service_name = name(&service.metadata);
    let ns = namespace(&service.metadata);
    let pods: Vec<&Pod> = live
        .pods
        .iter()
        .filter(|p| namespace(&p.metadata) == ns && p.metadata.deletion_timestamp.is_none())
        .collect();
    let matching: Vec<&Pod> = pods
        .iter()
        .copied()
        .filter(|p| matches_labels(selector, p.metadata.labels.as_ref()))
        .collect();
    let slices: Vec<&EndpointSlice> = live
        .endpoint_slices
        .iter()
        .filter(|s| {
            namespace(&s.metadata) == ns
                && s.metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get("kubernetes.io/service-name"))
                    .map(String::as_str)
                    == Some(service_name)
        })
        .collect();
    let endpoints = live
        .endpoints
        .iter()
        .find(|e| namespace(&e.metadata) == ns && name(&e.metadata) == service_name);
    // Ready addresses: the EndpointSlices' (a missing `ready` means ready), else the
    // Endpoints', else what the Pods say.
    let ready = if !slices.is_empty() {
        slices
            .iter()
            .flat_map(|s| &s.endpoints)
            .filter(|e| {
                !e.addresses.is_empty()
                    && e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true)
            })
            .count()
    } else if let Some(endpoints) = endpoints {
        endpoints
            .subsets
            .iter()
            .flatten()
            .map(|s| s.addresses.as_ref().map_or(0, Vec::len))
            .sum()
    } else {
        matching.iter().filter(|p| pod_is_ready(p)).count()
    };
    if ready > 0 {
        return None;
    }
    let selector_words = pairs_text(selector);
    let at = format!("{source}: Service/{service_name}");
    let fails = "so every request to the Service fails (connection refused)";
    if matching.is_empty() {
        let what_pods_have: BTreeSet<String> = pods
            .iter()
            .filter_map(|p| p.metadata.labels.as_ref())
            .flat_map(|labels| {
                selector
                    .keys()
                    .filter_map(|k| labels.get(k).map(|v| format!("{k}={v}")))
            })
            .collect();
        let whose = if pods.is_empty() {
            format!(
                "there is no Pod in namespace {ns} at all (is the Deployment applied? kubectl get deployments -n {ns})"
            )
        } else if what_pods_have.is_empty() {
            format!(
                "none of the {} Pods in namespace {ns} carries it",
                pods.len()
            )
        } else {
            format!(
                "none of the {} Pods in namespace {ns} carries it (they have {})",
                pods.len(),
                what_pods_have.into_iter().collect::<Vec<_>>().join(", ")
            )
        };
        Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "has no endpoints: its selector is {selector_words}, and {whose}; {fails}"
            ),
            fix: format!(
                "make the Service's selector the labels of the Deployment's Pod template (spec.template.metadata.labels) and apply it again; kubectl get endpointslices -l kubernetes.io/service-name={service_name} -n {ns} then lists the Pods"
            ),
            read: read::case(11),
        })
    } else {
        Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "has no ready endpoints: its selector {selector_words} matches {} Pods, and none of them is Ready, {fails} until one is",
                matching.len()
            ),
            fix: format!(
                "make the Pods Ready: what the doctor says about them above, and kubectl describe pod -l {selector_words} -n {ns}, say why they are not"
            ),
            read: read::LIVE,
        })
    }
}

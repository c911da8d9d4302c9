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
    t,
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
            t!("live-service-no-pods", ns = ns)
        } else if what_pods_have.is_empty() {
            t!("live-service-none-carries", count = pods.len(), ns = ns)
        } else {
            t!(
                "live-service-none-carries-have",
                count = pods.len(),
                ns = ns,
                have = what_pods_have.into_iter().collect::<Vec<_>>().join(", ")
            )
        };
        Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: t!(
                "live-service-no-endpoints",
                selector = selector_words.as_str(),
                whose = whose
            ),
            fix: t!(
                "live-service-no-endpoints-fix",
                service = service_name,
                ns = ns
            ),
            read: read::case(11),
        })
    } else {
        Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: t!(
                "live-service-none-ready",
                selector = selector_words.as_str(),
                count = matching.len()
            ),
            fix: t!(
                "live-service-none-ready-fix",
                selector = selector_words.as_str(),
                ns = ns
            ),
            read: read::LIVE,
        })
    }
}

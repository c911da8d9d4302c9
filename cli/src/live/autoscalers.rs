//! A HorizontalPodAutoscaler that cannot compute its metric (`<unknown>`).

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;

use super::objects::{name, namespace};
use crate::{
    Severity,
    findings::{Finding, read},
};

pub(crate) fn diagnose_autoscaler(source: &str, hpa: &HorizontalPodAutoscaler) -> Option<Finding> {
    let conditions = hpa.status.as_ref()?.conditions.as_ref()?;
    let hpa_name = name(&hpa.metadata);
    let ns = namespace(&hpa.metadata);
    let at = format!("{source}: HorizontalPodAutoscaler/{hpa_name}");
    let failed = |type_: &str| {
        conditions
            .iter()
            .find(|c| c.type_ == type_ && c.status == "False")
    };
    let target_ref = hpa.spec.as_ref().map(|s| &s.scale_target_ref);
    if let Some(condition) = failed("AbleToScale") {
        let reason = condition.reason.as_deref().unwrap_or_default();
        let message = condition.message.as_deref().unwrap_or_default();
        let target = target_ref
            .map(|t| format!("{}/{}", t.kind, t.name))
            .unwrap_or_else(|| "its target".into());
        return Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: format!(
                "cannot scale {target} (AbleToScale=False, {reason}); the HPA says: {message}"
            ),
            fix: format!(
                "make spec.scaleTargetRef name the Deployment exactly (apiVersion: apps/v1, kind: Deployment, its metadata.name) in the same namespace; kubectl get deployments -n {ns} lists them"
            ),
            read: read::case(14),
        });
    }
    let condition = failed("ScalingActive")?;
    let reason = condition.reason.as_deref().unwrap_or_default();
    let message = condition.message.as_deref().unwrap_or_default();
    let utilization = hpa
        .spec
        .iter()
        .flat_map(|s| s.metrics.iter().flatten())
        .filter_map(|m| m.resource.as_ref())
        .find(|r| r.name == "cpu")
        .and_then(|r| r.target.average_utilization);
    let shows = match utilization {
        Some(percent) => format!("<unknown>/{percent}%"),
        None => "<unknown>".into(),
    };
    let no_request = message.contains("missing request for");
    let no_metrics = message.contains("metrics.k8s.io") || message.contains("resource metrics API");
    let unready = message.contains("did not receive metrics for targeted pods");
    let (cause, fix) = if unready {
        (
            "its Pods are not running or not Ready, so there is nothing to measure",
            "make the Pods run and be Ready first (what the doctor says about them above); the HPA follows".to_owned(),
        )
    } else if no_request {
        (
            "a container of its Pods asks for no CPU (resources.requests.cpu), and a utilization is a percentage of that request",
            "give every container of the Deployment resources.requests.cpu (e.g. 250m) and apply it again; kubectl get hpa shows a percentage within a minute".to_owned(),
        )
    } else if no_metrics {
        (
            "no metrics-server answers for the Pods' CPU use",
            format!(
                "enable metrics-server: minikube addons enable metrics-server; once kubectl top pods -n {ns} answers (a minute or so), so does the HPA"
            ),
        )
    } else {
        (
            "it gets no CPU figure for its Pods",
            format!(
                "give every container resources.requests.cpu (e.g. 250m), and enable metrics-server (minikube addons enable metrics-server); kubectl describe hpa {hpa_name} -n {ns} shows the condition"
            ),
        )
    };
    Some(Finding {
        severity: Severity::Error,
        location: at,
        problem: format!(
            "kubectl get hpa shows {shows} and it never scales: {cause} (ScalingActive=False, {reason}); the HPA says: {message}"
        ),
        fix,
        read: read::case(14),
    })
}

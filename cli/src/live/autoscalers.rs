//! A HorizontalPodAutoscaler that cannot compute its metric (`<unknown>`).

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;

use super::objects::{name, namespace};
use crate::{
    Severity,
    findings::{Finding, read},
    t,
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
            .unwrap_or_else(|| t!("live-hpa-its-target"));
        return Some(Finding {
            severity: Severity::Error,
            location: at,
            problem: t!(
                "live-hpa-cannot-scale",
                target = target,
                reason = reason,
                message = message
            ),
            fix: t!("live-hpa-cannot-scale-fix", ns = ns),
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
        (t!("live-hpa-pods-unready"), t!("live-hpa-pods-unready-fix"))
    } else if no_request {
        (t!("live-hpa-no-request"), t!("live-hpa-no-request-fix"))
    } else if no_metrics {
        (
            t!("live-hpa-no-metrics"),
            t!("live-hpa-no-metrics-fix", ns = ns),
        )
    } else {
        (
            t!("live-hpa-no-figure"),
            t!("live-hpa-no-figure-fix", hpa = hpa_name, ns = ns),
        )
    };
    Some(Finding {
        severity: Severity::Error,
        location: at,
        problem: t!(
            "live-hpa-unknown",
            shows = shows,
            cause = cause,
            reason = reason,
            message = message
        ),
        fix,
        read: read::case(14),
    })
}

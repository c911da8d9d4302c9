//! Label selectors, for every check that asks which Pods an object means: a Service's
//! `selector` (a map of labels), a workload's, a PodDisruptionBudget's or a NetworkPolicy's
//! `LabelSelector` (`matchLabels` and `matchExpressions`), with the words the findings use
//! to show them. The semantics are Kubernetes' (`apimachinery/pkg/labels`): every pair and
//! every requirement must hold; the object may carry more labels.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// Labels as objects carry them.
pub type Labels = BTreeMap<String, String>;

/// Equality-based selection (a Service's `selector`, a `matchLabels`): every pair of the
/// selector is among the labels. An empty selector matches anything, even no labels.
pub fn matches_labels(selector: &Labels, labels: Option<&Labels>) -> bool {
    selector
        .iter()
        .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
}

/// A `LabelSelector`'s meaning: every matchLabels pair and every matchExpressions requirement
/// holds. An empty selector selects everything.
pub fn selects(selector: &LabelSelector, labels: Option<&Labels>) -> bool {
    let get = |key: &str| labels.and_then(|l| l.get(key));
    let pairs = selector
        .match_labels
        .as_ref()
        .is_none_or(|pairs| matches_labels(pairs, labels));
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

/// A selector with neither matchLabels nor matchExpressions.
pub fn is_empty(selector: &LabelSelector) -> bool {
    selector.match_labels.as_ref().is_none_or(|l| l.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|e| e.is_empty())
}

/// A selector in a canonical form (sorted requirements), to compare two selectors.
pub fn canonical(selector: Option<&LabelSelector>) -> Vec<String> {
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

/// `app=web,tier=api`, or "an empty selector".
pub fn selector_text(selector: &LabelSelector) -> String {
    let key = canonical(Some(selector));
    if key.is_empty() {
        "an empty selector".into()
    } else {
        key.join(",")
    }
}

/// `app=web,tier=api`, as `kubectl get -l` takes it.
pub fn pairs_text(pairs: &Labels) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// An object's labels as `app=web,tier=api`, or "no labels".
pub fn labels_text(labels: Option<&Labels>) -> String {
    match labels {
        Some(labels) if !labels.is_empty() => pairs_text(labels),
        _ => crate::t!("labels-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_selector_matches_objects_carrying_all_its_pairs() {
        let pod = labels(&[("app", "web"), ("tier", "api")]);
        assert!(matches_labels(&labels(&[("app", "web")]), Some(&pod)));
        assert!(!matches_labels(&labels(&[("app", "db")]), Some(&pod)));
        assert!(!matches_labels(&labels(&[("app", "web")]), None));
        assert!(matches_labels(&Labels::new(), None));
    }

    #[test]
    fn match_expressions_follow_kubernetes_operators() {
        let pod = labels(&[("app", "web")]);
        let requirement = |operator: &str, values: &[&str]| LabelSelector {
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "app".into(),
                operator: operator.into(),
                values: Some(values.iter().map(|v| v.to_string()).collect()),
            }]),
            ..Default::default()
        };
        assert!(selects(&requirement("In", &["web", "api"]), Some(&pod)));
        assert!(!selects(&requirement("NotIn", &["web"]), Some(&pod)));
        assert!(selects(&requirement("Exists", &[]), Some(&pod)));
        assert!(!selects(&requirement("DoesNotExist", &[]), Some(&pod)));
        assert!(selects(&LabelSelector::default(), None));
        assert_eq!(
            selector_text(&LabelSelector::default()),
            "an empty selector"
        );
        assert_eq!(labels_text(Some(&pod)), "app=web");
    }
}

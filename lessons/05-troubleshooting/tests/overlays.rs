//! The Kubernetes cases' variants are kustomize overlays of lesson 4's manifests
//! (`kubectl apply -k cases/NN-slug/broken`): each renders, the fixed one is lesson 4's
//! manifests (case 13 adds its NetworkPolicy), and the broken one differs from the fixed one in
//! exactly the fields the case is about - its patch, which says why in a comment. No Docker.

use std::{collections::BTreeMap, fs, path::Path};

use serde_json::Value;
use workbook_cli::{
    cases::{self, Kind},
    kustomize,
};
use workbook_harness::repo_root;

const LESSON_04: &str = "lessons/04-kubernetes-basics/k8s";

/// What each case's broken variant changes in its fixed one: `Kind/name: op /path [value]`.
fn expected(number: u32) -> Vec<String> {
    const DEPLOYMENT: &str = "Deployment/model-in-image-deployment";
    let lines: &[&str] = match number {
        8 => &[
            "remove /spec/template/spec/containers/0/livenessProbe",
            "remove /spec/template/spec/containers/0/readinessProbe",
        ],
        9 => &[
            r#"replace /spec/template/spec/containers/0/image "model-in-image-pattern:latest""#,
            r#"replace /spec/template/spec/containers/0/imagePullPolicy "Always""#,
        ],
        10 => &[
            r#"add /spec/template/spec/containers/0/env/0 {"name":"MODEL_FILEPATH","value":"/models/iris_svc.onnx"}"#,
        ],
        11 => &[r#"Service/model-in-image-service: replace /spec/selector/app "model-in-imag""#],
        12 => &["Service/model-in-image-service: replace /spec/ports/0/targetPort 8080"],
        13 => &[
            "NetworkPolicy/model-in-image-network-policy: replace /spec/ingress/0/ports/0/port 8080",
        ],
        14 => &["remove /spec/template/spec/containers/0/resources/requests/cpu"],
        _ => panic!("case {number} has no expected change here"),
    };
    lines
        .iter()
        .map(|l| {
            let op = ["add ", "remove ", "replace "]
                .iter()
                .any(|o| l.starts_with(o));
            if op {
                format!("{DEPLOYMENT}: {l}")
            } else {
                (*l).to_owned()
            }
        })
        .collect()
}

/// The objects a folder's kustomization renders, by `Kind/name`.
fn render(dir: &Path) -> BTreeMap<String, Value> {
    let objects = kustomize::render(&repo_root().join(dir))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut out = BTreeMap::new();
    for object in objects {
        assert!(
            out.insert(object.id(), object.value).is_none(),
            "{}: an object twice",
            dir.display()
        );
    }
    out
}

/// Where `b` differs from `a`, as JSON 6902 operations would say it: a field removed, added or
/// replaced; one element inserted into or removed from a list is said as such.
fn diff(at: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let at = format!("{at}/{key}");
                match b.get(key) {
                    Some(other) => diff(&at, value, other, out),
                    None => out.push(format!("remove {at}")),
                }
            }
            for (key, value) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                out.push(format!("add {at}/{key} {value}"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                diff(&format!("{at}/{i}"), x, y, out);
            }
        }
        (Value::Array(x), Value::Array(y)) if y.len() == x.len() + 1 => {
            match (0..y.len()).find(|&i| {
                let mut without = y.clone();
                without.remove(i);
                &without == x
            }) {
                Some(i) => out.push(format!("add {at}/{i} {}", y[i])),
                None => out.push(format!("replace {at} {b}")),
            }
        }
        _ if a != b => out.push(format!("replace {at} {b}")),
        _ => {}
    }
}

/// Every difference between two rendered sets, object by object.
fn differences(a: &BTreeMap<String, Value>, b: &BTreeMap<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for (id, value) in a {
        match b.get(id) {
            Some(other) => {
                let mut found = Vec::new();
                diff("", value, other, &mut found);
                out.extend(found.into_iter().map(|f| format!("{id}: {f}")));
            }
            None => out.push(format!("{id}: not there")),
        }
    }
    out.extend(
        b.keys()
            .filter(|id| !a.contains_key(*id))
            .map(|id| format!("{id}: added")),
    );
    out.sort();
    out
}

#[test]
fn every_fixed_variant_is_lesson_4s_manifests_and_every_broken_one_differs_only_where_its_case_says()
 {
    let lesson_04 = render(Path::new(LESSON_04));
    assert_eq!(
        lesson_04.keys().collect::<Vec<_>>(),
        [
            "Deployment/model-in-image-deployment",
            "HorizontalPodAutoscaler/model-in-image-hpa",
            "Namespace/model-in-image",
            "Service/model-in-image-service"
        ]
    );
    let kubernetes = cases::all().iter().filter(|c| c.kind == Kind::Kubernetes);
    for case in kubernetes {
        let fixed = render(&case.variant("fixed"));
        let added = if case.number == 13 {
            vec!["NetworkPolicy/model-in-image-network-policy: added".to_owned()]
        } else {
            vec![]
        };
        assert_eq!(
            differences(&lesson_04, &fixed),
            added,
            "case {}'s fixed variant",
            case.number
        );
        let broken = render(&case.variant("broken"));
        assert_eq!(
            differences(&fixed, &broken),
            expected(case.number),
            "case {}'s broken variant, against its fixed one",
            case.number
        );
    }
}

/// The patch is where a reader of the case finds the mistake: it says what is wrong and why.
#[test]
fn every_broken_variants_patch_opens_with_the_comment_naming_its_case() {
    let kubernetes = cases::all().iter().filter(|c| c.kind == Kind::Kubernetes);
    for case in kubernetes {
        let dir = repo_root().join(case.variant("broken"));
        let patches: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !kustomize::is_kustomization_file(p))
            .collect();
        assert_eq!(patches.len(), 1, "{}: one patch", dir.display());
        let text = fs::read_to_string(&patches[0]).unwrap();
        let opening = format!("# Case {:02}, broken: ", case.number);
        assert!(
            text.starts_with(&opening),
            "{}: opens with {opening:?}",
            patches[0].display()
        );
    }
}

//! The committed models, loaded in-process with the real ONNX Runtime: the classes and
//! probabilities must match what scikit-learn's export gave in Python (tests/fixtures/expected.json,
//! written by models/train.py), for both probability forms and for a second classifier.

use std::path::Path;

use model_in_image::{labels::Labels, model::Classifier};
use serde_json::Value;
use workbook_harness::{onnxruntime_library, repo_root};

fn expected() -> Value {
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn load(model: &str) -> Classifier {
    Classifier::load(&onnxruntime_library(), &repo_root().join(model))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_committed_model_predicts_what_python_predicted() {
    for case in expected()["models"].as_array().unwrap() {
        let model_file = case["model"].as_str().unwrap();
        let model = load(model_file);
        let labels = Labels::load(&repo_root().join(case["labels"].as_str().unwrap())).unwrap();
        assert_eq!(model.input_name(), case["input_name"], "{model_file}");
        assert_eq!(model.features() as u64, case["n_features"], "{model_file}");

        let rows = case["rows"].as_array().unwrap();
        let inputs: Vec<Vec<f32>> = rows
            .iter()
            .map(|r| serde_json::from_value(r["input"].clone()).unwrap())
            .collect();
        // All rows in one run: a batch must give what single rows give.
        let batch = model.predict(&inputs).unwrap();
        for (row, probabilities) in rows.iter().zip(&batch) {
            let expected: Vec<f32> = serde_json::from_value(row["probabilities"].clone()).unwrap();
            for (got, want) in probabilities.iter().zip(&expected) {
                assert!(
                    (got - want).abs() < 1e-5,
                    "{model_file} {}: {probabilities:?} != {expected:?}",
                    row["name"]
                );
            }
            let best = probabilities
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap()
                .0;
            assert_eq!(labels.name(best), row["class_label"], "{model_file}");
        }
    }
}

#[test]
fn the_guides_model_names_the_three_canonical_flowers() {
    let model = load("models/iris_svc.onnx");
    let labels = Labels::load(Path::new(&repo_root().join("models/label.json"))).unwrap();
    let rows = vec![
        vec![5.1, 3.5, 1.4, 0.2],
        vec![5.9, 3.0, 4.2, 1.5],
        vec![6.3, 2.9, 5.6, 1.8],
    ];
    let names: Vec<&str> = model
        .predict(&rows)
        .unwrap()
        .iter()
        .map(|p| {
            let sum: f32 = p.iter().sum();
            assert!((sum - 1.0).abs() < 1e-4, "probabilities sum to {sum}");
            labels.name(
                p.iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .unwrap()
                    .0,
            )
        })
        .collect();
    assert_eq!(names, ["setosa", "versicolor", "virginica"]);
}

#[test]
fn zipmap_and_tensor_exports_agree() {
    let rows = vec![vec![5.1, 3.5, 1.4, 0.2], vec![6.0, 2.2, 5.0, 1.5]];
    let tensor = load("models/iris_svc.onnx").predict(&rows).unwrap();
    let zipmap = load("tests/fixtures/iris_svc_zipmap.onnx")
        .predict(&rows)
        .unwrap();
    assert_eq!(tensor, zipmap);
}

#[test]
fn a_file_that_is_not_a_model_is_refused_with_its_name() {
    let dir = repo_root().join("target/test-scratch");
    std::fs::create_dir_all(&dir).unwrap();
    let bogus = dir.join("not-a-model.onnx");
    std::fs::write(&bogus, b"this is not protobuf").unwrap();
    let error = Classifier::load(&onnxruntime_library(), &bogus)
        .err()
        .expect("loading garbage must fail")
        .to_string();
    assert!(
        error.contains("not-a-model.onnx") && error.contains("not a usable ONNX model"),
        "{error}"
    );
}

#[test]
fn a_model_exported_for_a_fixed_batch_of_one_still_takes_any_number_of_rows() {
    let fixed = load("tests/fixtures/iris_svc_batch1.onnx");
    assert_eq!(fixed.batch(), Some(1));
    let rows = vec![
        vec![5.1, 3.5, 1.4, 0.2],
        vec![5.9, 3.0, 4.2, 1.5],
        vec![6.3, 2.9, 5.6, 1.8],
    ];
    let free = load("models/iris_svc.onnx").predict(&rows).unwrap();
    assert_eq!(fixed.predict(&rows).unwrap(), free);
    assert_eq!(fixed.predict(&rows[..1]).unwrap(), free[..1]);
}

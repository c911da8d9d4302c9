//! The server as Triton's own Python HTTP client (PyPI `tritonclient[http]`, installed by
//! scripts/setup-api-peers) uses it, against the final image: tests/triton_client.py makes every
//! call and prints what it got; here each answer is checked, and the probabilities are compared
//! with the same model run in-process by ONNX Runtime.

use std::process::Command;

use serde_json::{Value, json};
use workbook_harness::{Lesson, onnxruntime_library, repo_root};

const LESSON: Lesson = Lesson::number(6);

const ROWS: [[f32; 4]; 5] = [
    [5.1, 3.5, 1.4, 0.2],
    [5.9, 3.0, 4.2, 1.5],
    [6.3, 2.9, 5.6, 1.8],
    [4.9, 2.5, 4.5, 1.7],
    [7.7, 3.8, 6.7, 2.2],
];

/// The peers' venv (target/tools/peers), or a failure saying how to make it.
pub fn peer_python() -> std::path::PathBuf {
    let python = repo_root().join("target/tools/peers/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/setup-api-peers` (part of `just setup`) to install tritonclient and schemathesis.",
        python.display()
    );
    python
}

/// What the model says in-process: the label and probabilities of every row.
fn in_process() -> (Vec<String>, Vec<Vec<f32>>) {
    let root = repo_root();
    let model = model_in_image::model::Classifier::load(
        &onnxruntime_library(),
        &root.join("models/iris_svc.onnx"),
    )
    .expect("the model loads in-process");
    let labels = model_in_image::labels::Labels::load(&root.join("models/label.json"))
        .expect("the labels load");
    let rows: Vec<Vec<f32>> = ROWS.iter().map(|r| r.to_vec()).collect();
    let probabilities = model.predict(&rows).expect("an in-process prediction");
    let names = probabilities
        .iter()
        .map(|p| labels.name(model_in_image::model::argmax(p)).to_owned())
        .collect();
    (names, probabilities)
}

fn assert_close(got: &Value, expected: &[Vec<f32>], call: &str) {
    let got: Vec<Vec<f32>> = serde_json::from_value(got.clone())
        .unwrap_or_else(|e| panic!("{call}: probabilities are not rows of numbers ({e}): {got}"));
    assert_eq!(got.len(), expected.len(), "{call}: rows");
    for (row, (got, expected)) in got.iter().zip(expected).enumerate() {
        for (g, e) in got.iter().zip(expected) {
            assert!(
                (g - e).abs() <= 1e-6,
                "{call}: row {row}: {got:?}, in-process {expected:?}"
            );
        }
    }
}

#[tokio::test]
async fn tritons_http_client_discovers_the_model_infers_with_json_and_binary_and_gets_its_errors() {
    let python = peer_python();
    let (labels, probabilities) = in_process();
    let app = LESSON.spawn().await;
    let url = app.address.trim_start_matches("http://").to_owned();
    let script = repo_root().join("lessons/06-production/tests/triton_client.py");
    let output = Command::new(&python)
        .arg(&script)
        .args([&url, "iris_svc", &json!(ROWS).to_string()])
        .output()
        .expect("run tests/triton_client.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "tests/triton_client.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let calls: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let call = |name: &str| -> &Value {
        calls
            .iter()
            .find(|c| c["call"] == name)
            .unwrap_or_else(|| panic!("no result for {name} in:\n{stdout}"))
    };
    for c in &calls {
        eprintln!("{c}");
    }

    assert_eq!(call("is_server_live")["result"], true);
    assert_eq!(call("is_server_ready")["result"], true);
    let server = &call("get_server_metadata")["result"];
    assert_eq!(server["name"], "model-in-image");
    assert_eq!(server["version"], "v1.0", "the image's APP_VERSION");
    assert_eq!(server["extensions"], json!(["binary_tensor_data"]));

    let metadata = json!({
        "name": "iris_svc",
        "versions": ["v1.0"],
        "platform": "onnxruntime_onnx",
        "inputs": [{ "name": "float_input", "datatype": "FP32", "shape": [-1, 4] }],
        "outputs": [
            { "name": "label", "datatype": "BYTES", "shape": [-1] },
            { "name": "probabilities", "datatype": "FP32", "shape": [-1, 3] }
        ]
    });
    assert_eq!(call("get_model_metadata")["result"], metadata);
    assert_eq!(call("get_model_metadata(version)")["result"], metadata);
    assert_eq!(call("is_model_ready")["result"], true);
    assert_eq!(call("is_model_ready(version)")["result"], true);

    // Binary tensors both ways (the client's default), and plain JSON both ways: the same
    // labels and the same probabilities as ONNX Runtime in-process.
    for (name, id, binary) in [
        ("infer(binary)", "binary-1", true),
        ("infer(json)", "json-1", false),
    ] {
        let answer = call(name);
        assert_eq!(answer["id"], id, "{name}: the request ID is echoed");
        assert_eq!(answer["labels"], json!(labels), "{name}");
        assert_close(&answer["probabilities"], &probabilities, name);
        assert_eq!(
            answer["binary"],
            json!([binary, binary]),
            "{name}: output form"
        );
    }
    let only = call("infer(one output)");
    assert_eq!(only["names"], json!(["probabilities"]));
    assert_close(&only["probabilities"], &probabilities, "infer(one output)");

    // The error path: the client raises with the server's status and message.
    for (name, status, words) in [
        ("infer(unknown model)", "404", &["resnet50", "iris_svc"][..]),
        (
            "infer(wrong input name)",
            "400",
            &["input_1", "float_input"],
        ),
        ("infer(wrong shape)", "400", &["[5, 3]", "takes 4"]),
        ("get_model_metadata(unknown model)", "404", &["resnet50"]),
    ] {
        let answer = call(name);
        assert_eq!(answer["status"], status, "{name}: {answer}");
        let message = answer["message"].as_str().unwrap_or_default();
        for word in words {
            assert!(
                message.contains(word),
                "{name}: {word:?} not in {message:?}"
            );
        }
    }
    assert_eq!(call("is_model_ready(unknown model)")["result"], false);
    assert!(app.container.is_running().await.unwrap());
}

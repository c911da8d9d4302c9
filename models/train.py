#!/usr/bin/env python3
"""Train and export the iris classifier (plus test fixtures) to ONNX.

Run from the repo root:  python models/train.py [--out DIR] [--fixtures DIR]

Deterministic: bundled datasets only (no downloads), fixed seeds, no
shuffling, stable ONNX metadata. Running twice gives byte-identical files.

The model is the guide's: Pipeline([StandardScaler(), SVC(probability=True)]),
trained with scikit-learn 1.8 (the last release before 1.9 deprecates
probability=True; libsvm's own Platt scaling, with a fixed random_state for its
internal cross-validation). skl2onnx 1.20 exports it as three nodes: Scaler,
SVMClassifier (its Platt coefficients included) and a Cast of the label.
libsvm's predict() votes while predict_proba() uses Platt scaling, so on rows near
a class boundary the two may disagree; the checks below require that they agree
on every row the tests and the book use.
"""
import argparse
import json
import os
import sys
import warnings

import numpy as np
import onnx
import onnxruntime as ort
from sklearn.datasets import load_iris, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, Int64TensorType

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 0
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}

# Canonical iris rows: (name, features, expected class index).
IRIS_CANONICAL = [
    ("setosa", [5.1, 3.5, 1.4, 0.2], 0),
    ("versicolor", [5.9, 3.0, 4.2, 1.5], 1),
    ("virginica", [6.3, 2.9, 5.6, 1.8], 2),
]
# Wine rows taken from load_wine(): the first sample of each class.
WINE_ROWS = [0, 59, 130]


def die(msg):
    print(f"train.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def label_map(target_names):
    return {str(i): str(n) for i, n in enumerate(target_names)}


def convert(pipeline, clf, input_name, n_features, n_classes, zipmap, name, batch=None):
    kwargs = {}
    if not zipmap:
        kwargs["options"] = {id(clf): {"zipmap": False}}
        # Without ZipMap, skl2onnx would name the outputs label/probabilities.
        kwargs["final_types"] = [
            ("output_label", Int64TensorType([batch])),
            ("output_probability", FloatTensorType([batch, n_classes])),
        ]
    with warnings.catch_warnings():
        # Any deprecation is an error: the pinned versions must not be using one.
        warnings.simplefilter("error", FutureWarning)
        model = convert_sklearn(
            pipeline,
            name=name,
            initial_types=[(input_name, FloatTensorType([batch, n_features]))],
            target_opset=TARGET_OPSET,
            **kwargs,
        )
    # Pin every metadata field so the bytes only depend on the pinned versions.
    model.doc_string = ""
    model.graph.doc_string = ""
    model.model_version = 0
    # skl2onnx collects opset_import from a set: its order follows PYTHONHASHSEED.
    opsets = sorted((o.domain, o.version) for o in model.opset_import)
    del model.opset_import[:]
    model.opset_import.extend(onnx.helper.make_opsetid(d, v) for d, v in opsets)
    onnx.checker.check_model(model)
    return model


def run_ort(model, input_name, rows):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(model.SerializeToString(), opts,
                                providers=["CPUExecutionProvider"])
    out_names = [o.name for o in sess.get_outputs()]
    if [i.name for i in sess.get_inputs()] != [input_name]:
        die(f"unexpected ONNX inputs {[i.name for i in sess.get_inputs()]}")
    if out_names != ["output_label", "output_probability"]:
        die(f"unexpected ONNX outputs {out_names}")
    labels, probs = sess.run(None, {input_name: np.asarray(rows, dtype=np.float32)})
    if isinstance(probs, list):  # ZipMap: list of {class_index: prob}
        probs = np.array([[d[k] for k in sorted(d)] for d in probs], dtype=np.float32)
    return np.asarray(labels), np.asarray(probs)


def expected_entry(model, relpath, labels_relpath, input_name, zipmap, names, rows,
                   pipeline, label_names):
    X = np.asarray(rows, dtype=np.float32)
    onnx_labels, probs = run_ort(model, input_name, rows)
    sk_probs = pipeline.predict_proba(X)
    if not np.allclose(probs, sk_probs, atol=1e-4):
        die(f"{relpath}: onnxruntime and scikit-learn probabilities differ:\n{probs}\n{sk_probs}")
    out_rows = []
    for name, row, lab, p in zip(names, rows, onnx_labels, probs):
        idx = int(np.argmax(p))
        if idx != int(lab):
            die(f"{relpath}: output_label {int(lab)} != argmax(probabilities) {idx} for {row}")
        out_rows.append({
            "name": name,
            "input": [float(v) for v in row],
            "class_index": idx,
            "class_label": label_names[str(idx)],
            "probabilities": [round(float(v), 6) for v in p],
        })
    return {
        "model": relpath,
        "labels": labels_relpath,
        "input_name": input_name,
        "n_features": X.shape[1],
        "zipmap": zipmap,
        "rows": out_rows,
    }


def verify_iris(model, relpath):
    rows = [r for _, r, _ in IRIS_CANONICAL]
    labels, probs = run_ort(model, "float_input", rows)
    for (name, row, want), lab, p in zip(IRIS_CANONICAL, labels, probs):
        if int(lab) != want or int(np.argmax(p)) != want:
            die(f"{relpath}: {name} row {row} predicted label={int(lab)} "
                f"argmax={int(np.argmax(p))}, expected {want} ({name}); probs={p.tolist()}")


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"wrote {os.path.relpath(path, REPO)} ({len(data)} bytes)")


def dump_json(obj, indent=None):
    return (json.dumps(obj, indent=indent) + "\n").encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(REPO, "models"),
                    help="directory for iris_svc.onnx and label.json (default: models)")
    ap.add_argument("--fixtures", default=os.path.join(REPO, "tests", "fixtures"),
                    help="directory for test fixtures (default: tests/fixtures)")
    args = ap.parse_args()
    out, fix = os.path.abspath(args.out), os.path.abspath(args.fixtures)

    def rel(p):
        return os.path.relpath(p, REPO).replace(os.sep, "/")

    np.random.seed(SEED)

    # --- iris: the guide's StandardScaler + SVC(probability=True) ---
    # ANCHOR: iris
    iris = load_iris()
    iris_labels = label_map(iris.target_names)
    if iris_labels != {"0": "setosa", "1": "versicolor", "2": "virginica"}:
        die(f"unexpected iris target names {iris_labels}")
    svc = SVC(kernel="rbf", C=1.0, gamma="scale", probability=True, random_state=SEED)
    iris_pipe = Pipeline([("scaler", StandardScaler()), ("svc", svc)])
    iris_pipe.fit(iris.data, iris.target)

    iris_path = os.path.join(out, "iris_svc.onnx")
    iris_zm_path = os.path.join(fix, "iris_svc_zipmap.onnx")
    iris_onnx = convert(iris_pipe, svc, "float_input", 4, 3, zipmap=False, name="iris_svc")
    iris_zm_onnx = convert(iris_pipe, svc, "float_input", 4, 3, zipmap=True, name="iris_svc_zipmap")
    # ANCHOR_END: iris
    verify_iris(iris_onnx, rel(iris_path))
    verify_iris(iris_zm_onnx, rel(iris_zm_path))
    # The same model exported for a fixed batch of one row (FloatTensorType([1, 4])), as some
    # exports are: the server must still take any number of rows.
    iris_b1_path = os.path.join(fix, "iris_svc_batch1.onnx")
    iris_b1_onnx = convert(iris_pipe, svc, "float_input", 4, 3, zipmap=False, name="iris_svc_batch1", batch=1)

    # --- wine: StandardScaler + LogisticRegression, input named "input" ---
    wine = load_wine()
    wine_labels = label_map(wine.target_names)
    logreg = LogisticRegression(max_iter=1000, random_state=SEED)
    wine_pipe = Pipeline([("scaler", StandardScaler()), ("logreg", logreg)])
    wine_pipe.fit(wine.data, wine.target)
    wine_path = os.path.join(fix, "wine_logreg_zipmap.onnx")
    wine_onnx = convert(wine_pipe, logreg, "input", 13, 3, zipmap=True, name="wine_logreg_zipmap")

    # --- expected outputs (computed with onnxruntime) ---
    iris_names = [n for n, _, _ in IRIS_CANONICAL]
    iris_rows = [r for _, r, _ in IRIS_CANONICAL]
    label_path = os.path.join(out, "label.json")
    wine_label_path = os.path.join(fix, "wine_label.json")
    wine_names = [f"load_wine()[{i}] ({wine.target_names[wine.target[i]]})" for i in WINE_ROWS]
    wine_rows = [wine.data[i].tolist() for i in WINE_ROWS]
    expected = {
        "_comment": "Generated by models/train.py. Probabilities from onnxruntime "
                    f"{ort.__version__} (float32 input), rounded to 6 decimals; "
                    "class_index = argmax(probabilities) = column index = key in the labels json.",
        "models": [
            expected_entry(iris_onnx, rel(iris_path), rel(label_path), "float_input", False,
                           iris_names, iris_rows, iris_pipe, iris_labels),
            expected_entry(iris_zm_onnx, rel(iris_zm_path), rel(label_path), "float_input", True,
                           iris_names, iris_rows, iris_pipe, iris_labels),
            expected_entry(wine_onnx, rel(wine_path), rel(wine_label_path), "input", True,
                           wine_names, wine_rows, wine_pipe, wine_labels),
        ],
    }
    for i, entry in zip(WINE_ROWS, expected["models"][2]["rows"]):
        if entry["class_index"] != int(wine.target[i]):
            die(f"wine row {i}: predicted {entry['class_index']}, expected {int(wine.target[i])}")

    # --- all checks passed: write everything ---
    write_bytes(iris_path, iris_onnx.SerializeToString())
    write_bytes(label_path, dump_json(iris_labels))
    write_bytes(iris_zm_path, iris_zm_onnx.SerializeToString())
    write_bytes(iris_b1_path, iris_b1_onnx.SerializeToString())
    write_bytes(wine_path, wine_onnx.SerializeToString())
    write_bytes(wine_label_path, dump_json(wine_labels))
    write_bytes(os.path.join(fix, "expected.json"), dump_json(expected, indent=2))


if __name__ == "__main__":
    main()

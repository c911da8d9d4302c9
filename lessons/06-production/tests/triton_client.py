"""Lesson 06's server as Triton's own Python HTTP client (tritonclient[http]) uses it.

    python tests/triton_client.py HOST:PORT MODEL ROWS_JSON

tests/triton_client.rs runs it against the container and checks every line it prints: one JSON
object per call, {"call": ..., ...}, with the probabilities compared to ONNX Runtime in-process.
The production chapter shows the calls between the ANCHOR lines.
"""

import json
import sys

import numpy as np
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException


def report(call, **result):
    print(json.dumps({"call": call, **result}), flush=True)


def outputs_of(result):
    labels = [x.decode() if isinstance(x, bytes) else x for x in result.as_numpy("label").tolist()]
    return {
        "id": result.get_response().get("id"),
        "labels": labels,
        "probabilities": result.as_numpy("probabilities").tolist(),
        "binary": [
            "binary_data_size" in (o.get("parameters") or {})
            for o in result.get_response()["outputs"]
        ],
    }


def failure(call, request):
    try:
        request()
    except InferenceServerException as e:
        report(call, status=e.status(), message=e.message())
    else:
        report(call, status="200", message="no error")


def main(url, model, rows):
    # ANCHOR: client
    client = httpclient.InferenceServerClient(url=url)  # url="localhost:8000"
    live, ready = client.is_server_live(), client.is_server_ready()
    server = client.get_server_metadata()  # name, version, extensions
    metadata = client.get_model_metadata(model)  # inputs and outputs: names, datatypes, shapes

    batch = np.array(rows, dtype=np.float32)  # rows × 4 features
    tensor = httpclient.InferInput(metadata["inputs"][0]["name"], list(batch.shape), "FP32")
    tensor.set_data_from_numpy(batch)  # binary tensor data extension (binary_data=True)
    result = client.infer(model, inputs=[tensor], request_id="binary-1")
    labels = result.as_numpy("label")  # e.g. [b'setosa' b'virginica']
    probabilities = result.as_numpy("probabilities")  # rows × 3 classes
    # ANCHOR_END: client
    report("is_server_live", result=live)
    report("is_server_ready", result=ready)
    report("get_server_metadata", result=server)
    report("get_model_metadata", result=metadata)
    version = metadata["versions"][0]
    report(
        "get_model_metadata(version)",
        result=client.get_model_metadata(model, model_version=version),
    )
    report("is_model_ready", result=client.is_model_ready(model))
    report("is_model_ready(version)", result=client.is_model_ready(model, model_version=version))
    report("infer(binary)", **outputs_of(result))
    assert labels.shape == (len(rows),) and probabilities.shape == (len(rows), 3)

    # The same rows as JSON both ways, outputs named, with a version and parameters of our own.
    tensor = httpclient.InferInput(metadata["inputs"][0]["name"], list(batch.shape), "FP32")
    tensor.set_data_from_numpy(batch, binary_data=False)
    outputs = [
        httpclient.InferRequestedOutput("label", binary_data=False),
        httpclient.InferRequestedOutput("probabilities", binary_data=False),
    ]
    result = client.infer(
        model,
        inputs=[tensor],
        outputs=outputs,
        request_id="json-1",
        model_version=version,
        parameters={"workbook_note": "accepted and ignored"},
    )
    report("infer(json)", **outputs_of(result))

    # Only one output, in binary, from JSON input.
    only = client.infer(
        model,
        inputs=[tensor],
        outputs=[httpclient.InferRequestedOutput("probabilities", binary_data=True)],
    )
    report(
        "infer(one output)",
        names=[o["name"] for o in only.get_response()["outputs"]],
        probabilities=only.as_numpy("probabilities").tolist(),
    )

    # The error path: the client raises InferenceServerException with the server's status and
    # its {"error": ...} message.
    failure("infer(unknown model)", lambda: client.infer("resnet50", inputs=[tensor]))
    wrong_name = httpclient.InferInput("input_1", list(batch.shape), "FP32")
    wrong_name.set_data_from_numpy(batch)
    failure("infer(wrong input name)", lambda: client.infer(model, inputs=[wrong_name]))
    narrow = batch[:, :3]
    wrong_shape = httpclient.InferInput(metadata["inputs"][0]["name"], list(narrow.shape), "FP32")
    wrong_shape.set_data_from_numpy(np.ascontiguousarray(narrow))
    failure("infer(wrong shape)", lambda: client.infer(model, inputs=[wrong_shape]))
    failure("get_model_metadata(unknown model)", lambda: client.get_model_metadata("resnet50"))
    report("is_model_ready(unknown model)", result=client.is_model_ready("resnet50"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))

"""The guide's model server: FastAPI + uvicorn + onnxruntime, with the model in the image.

The Python original that `scripts/bench` measures the Rust server against. Its routes and
answers are the original's (app.py and prediction.py in one file, as the guide's
`CMD ["uvicorn", "app:app", ...]` expects). Changed only where our model files require it:

- our model (models/iris_svc.onnx, skl2onnx `zipmap: False`) gives its probabilities as a
  float tensor [rows, classes], not as one {class: probability} dict per row, so `predict`
  takes the first row of that tensor instead of the first dict's values;
- the log line is formatted lazily (`%s`): it is not printed at uvicorn's default level, and
  the original's f-string formatted a numpy array on every request all the same.

Like the original, several rows are all run through the model but only the first row's answer
is returned.
"""

import json
import os
from logging import getLogger
from typing import Dict, List

import numpy as np
import onnxruntime as rt
from fastapi import FastAPI
from pydantic import BaseModel

logger = getLogger(__name__)


class ModelConfigurations:
    model_filepath = os.getenv("MODEL_FILEPATH", "/app/models/iris_svc.onnx")
    label_filepath = os.getenv("LABEL_FILEPATH", "/app/models/label.json")


class Data(BaseModel):
    data: List[List[float]] = [[5.1, 3.5, 1.4, 0.2]]


class Classifier(object):
    def __init__(
        self,
        model_filepath: str,
        label_filepath: str,
    ):
        self.model_filepath: str = model_filepath
        self.label_filepath: str = label_filepath
        self.classifier = None
        self.label: Dict[str, str] = {}
        self.input_name: str = ""
        self.output_name: str = ""

        self.load_model()
        self.load_label()

    def load_model(self):
        logger.info(f"load model in {self.model_filepath}")
        self.classifier = rt.InferenceSession(self.model_filepath)
        self.input_name = self.classifier.get_inputs()[0].name
        self.output_name = self.classifier.get_outputs()[0].name
        logger.info("initialized model")

    def load_label(self):
        logger.info(f"load label in {self.label_filepath}")
        with open(self.label_filepath, "r") as f:
            self.label = json.load(f)
        logger.info(f"label: {self.label}")

    # ANCHOR: predict
    async def predict(self, data: List[List[int]]) -> np.ndarray:
        np_data = np.array(data).astype(np.float32)
        prediction = self.classifier.run(None, {self.input_name: np_data})
        # The original, for a ZipMap model: np.array(list(prediction[1][0].values()))
        output = np.array(prediction[1][0])
        logger.info("predict proba %s", output)
        return output

    async def predict_label(self, data: List[List[int]]) -> str:
        prediction = await self.predict(data=data)
        argmax = int(np.argmax(np.array(prediction)))
        return self.label[str(argmax)]
    # ANCHOR_END: predict


classifier = Classifier(
    model_filepath=ModelConfigurations.model_filepath,
    label_filepath=ModelConfigurations.label_filepath,
)

app = FastAPI(
    title="model_in_image_pattern",
    description="model in image pattern",
    version="0.1",
)


@app.get("/health")
def health() -> Dict[str, str]:
    return {"health": "ok"}


@app.get("/health/sync")
def health_sync() -> Dict[str, str]:
    return {"health": "ok"}


@app.get("/health/async")
async def health_async() -> Dict[str, str]:
    return {"health": "ok"}


@app.get("/metadata")
def metadata():
    return {
        "data_type": "float32",
        "data_structure": "(1,4)",
        "data_sample": Data().data,
        "prediction_type": "float32",
        "prediction_structure": "(1,3)",
        "prediction_sample": [0.97093159, 0.01558308, 0.01348537],
    }


@app.get("/label")
def label():
    return classifier.label


@app.get("/predict/test")
async def predict_test() -> Dict[str, List[float]]:
    prediction = await classifier.predict(data=Data().data)
    return {"prediction": list(prediction)}


@app.get("/predict/test/label")
async def predict_test_label() -> Dict[str, str]:
    prediction = await classifier.predict_label(data=Data().data)
    return {"prediction": prediction}


# ANCHOR: predict
@app.post("/predict")
async def predict(data: Data) -> Dict[str, List[float]]:
    prediction = await classifier.predict(data.data)
    return {"prediction": list(prediction)}


@app.post("/predict/label")
async def predict_label(data: Data) -> Dict[str, str]:
    prediction = await classifier.predict_label(data.data)
    return {"prediction": prediction}
# ANCHOR_END: predict

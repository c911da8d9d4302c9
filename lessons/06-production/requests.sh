# The chapter's requests to the running lesson-06 container: the probes, the Open Inference
# Protocol v2, an error, a request ID, and what Prometheus scrapes.
curl -s http://localhost:8000/v2/health/live
curl -s http://localhost:8000/v2/health/ready
curl -s http://localhost:8000/v2
curl -s http://localhost:8000/v2/models/iris_svc
curl -s -X POST http://localhost:8000/v2/models/iris_svc/infer -H "Content-Type: application/json" -d '{"id": "first", "inputs": [{"name": "float_input", "shape": [2, 4], "datatype": "FP32", "data": [[5.1, 3.5, 1.4, 0.2], [6.3, 2.9, 5.6, 1.8]]}]}'
curl -s -X POST http://localhost:8000/v2/models/iris_svc/infer -H "Content-Type: application/json" -d '{"inputs": [{"name": "float_input", "shape": [1, 3], "datatype": "FP32", "data": [5.1, 3.5, 1.4]}]}'
curl -s -i -H "x-request-id: my-trace-1" http://localhost:8000/predict/test/label | tr -d "\r" | grep -iE "^(HTTP|x-request-id)|prediction"
curl -s http://localhost:8000/metrics | grep -E '^(model_ready|axum_http_requests_total.*/v2/models)' | sort

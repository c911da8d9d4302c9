# The workbook's image: the most complete server so far (lesson 04 today; the production
# lesson takes this place), built the way the guide builds it, from the repository root:
#   docker build -t model-in-image-pattern:v1.0 .

FROM rust:1.95-slim-bookworm AS builder
WORKDIR /src
COPY scripts/fetch-onnxruntime scripts/
COPY .offline/ .offline/
ARG TARGETARCH
RUN --mount=type=secret,id=ca \
    scripts/fetch-onnxruntime /opt/onnxruntime "${TARGETARCH:-$(uname -m)}"
COPY . .
RUN --mount=type=secret,id=ca \
    --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    if [ -s /run/secrets/ca ]; then export CARGO_HTTP_CAINFO=/run/secrets/ca; fi; \
    if [ -d .offline/vendor ]; then set -- --offline --config .offline/vendor.toml; fi; \
    cargo build --release --locked -p kubernetes-basics "$@" \
    && cp target/release/kubernetes-basics /usr/local/bin/

FROM debian:bookworm-slim
COPY --from=builder /opt/onnxruntime/libonnxruntime.so.1.32.0 /usr/local/lib/
COPY --from=builder /usr/local/bin/kubernetes-basics /usr/local/bin/
COPY models/iris_svc.onnx models/label.json /app/models/
WORKDIR /app
# The image's tag, visible at /metadata: after `minikube image load` of a rebuilt image with
# the same tag, this tells you whether the Pods really run the new one.
ARG APP_VERSION=v1.0
ENV MODEL_FILEPATH=/app/models/iris_svc.onnx \
    LABEL_FILEPATH=/app/models/label.json \
    ORT_DYLIB_PATH=/usr/local/lib/libonnxruntime.so.1.32.0 \
    PORT=8000 \
    APP_VERSION=${APP_VERSION}
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
    CMD ["kubernetes-basics", "healthcheck"]
ENTRYPOINT ["kubernetes-basics"]

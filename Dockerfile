# The workbook's final image: lesson 06's production server with the iris model baked in, built
# the way the guide builds it, from the repository root:
#   docker build -t model-in-image-pattern:v1.0 .
# Multi-arch: `docker buildx build --platform linux/amd64,linux/arm64 .` (see .github/workflows);
# it needs Docker's containerd image store or a docker-container builder (`docker buildx create --use`).

# ANCHOR: builder
FROM rust:1.95-slim-trixie AS builder
WORKDIR /src
COPY scripts/fetch-onnxruntime scripts/
COPY .offline/ .offline/
# ONNX Runtime for the platform being built (amd64 or arm64), from its pinned PyPI wheel.
ARG TARGETARCH
RUN --mount=type=secret,id=ca \
    scripts/fetch-onnxruntime /opt/onnxruntime "${TARGETARCH:-$(uname -m)}"
COPY . .
RUN --mount=type=secret,id=ca \
    --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    if [ -s /run/secrets/ca ]; then export CARGO_HTTP_CAINFO=/run/secrets/ca; fi; \
    if [ -d .offline/vendor ]; then set -- --offline --config .offline/vendor.toml; fi; \
    cargo build --release --locked -p production "$@" \
    && cp target/release/production /usr/local/bin/
# ANCHOR_END: builder

# ANCHOR: runtime
# glibc, libgcc and libstdc++ (which ONNX Runtime needs), CA certificates and a non-root user:
# no shell, no package manager, nothing an attacker could use.
FROM gcr.io/distroless/cc-debian13:nonroot
COPY --from=builder /opt/onnxruntime/libonnxruntime.so.1.32.0 /usr/local/lib/
COPY --from=builder /usr/local/bin/production /usr/local/bin/
COPY models/iris_svc.onnx models/label.json /app/models/
WORKDIR /app
ARG APP_VERSION=v1.0
ENV MODEL_FILEPATH=/app/models/iris_svc.onnx \
    LABEL_FILEPATH=/app/models/label.json \
    ORT_DYLIB_PATH=/usr/local/lib/libonnxruntime.so.1.32.0 \
    PORT=8000 \
    APP_VERSION=${APP_VERSION}
# The server writes nothing to disk, so the container runs with `--read-only` (Kubernetes:
# readOnlyRootFilesystem) and as any non-root UID.
USER 65532:65532
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/production", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/production"]
# ANCHOR_END: runtime

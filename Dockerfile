# The workbook's final image: lesson 06's production server with the iris model baked in, built
# the way the guide builds it, from the repository root:
#   docker build -t model-in-image-pattern:v1.0 .
# Multi-arch: `docker buildx build --platform linux/amd64,linux/arm64 .` (see .github/workflows);
# it needs Docker's containerd image store or a docker-container builder (`docker buildx create --use`).

# ANCHOR: builder
FROM rust:1.95-slim-trixie AS builder
WORKDIR /src
# ONNX Runtime: the shared library from the pinned PyPI wheel for the platform being built
# (amd64 or arm64), checked by sha256 (the same script provides it for host runs and tests;
# .offline/ serves offline builds).
COPY scripts/fetch-onnxruntime scripts/
COPY .offline/ .offline/
ARG TARGETARCH
# ANCHOR_END: builder
# ANCHOR: fetch
# The downloads: ONNX Runtime, then (after the workspace is copied in) the crates. Behind a
# TLS-intercepting proxy both need the proxy's CA: a BuildKit secret (scripts/docker-build
# passes it), mounted for the step and never stored in a layer.
RUN --mount=type=secret,id=ca \
    scripts/fetch-onnxruntime /opt/onnxruntime "${TARGETARCH:-$(uname -m)}"
COPY . .
RUN --mount=type=secret,id=ca \
    --mount=type=cache,target=/usr/local/cargo/registry \
    if [ -s /run/secrets/ca ]; then export CARGO_HTTP_CAINFO=/run/secrets/ca; fi; \
    if [ -d .offline/vendor ]; then set -- --offline --config .offline/vendor.toml; fi; \
    cargo fetch --locked "$@"
# ANCHOR_END: fetch
# ANCHOR: compile
# The workspace is in /src (.dockerignore keeps target/ and .git/ out). Cache mounts keep the
# downloaded crates and compiled dependencies between builds, so editing one handler
# recompiles only this crate.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    if [ -d .offline/vendor ]; then set -- --offline --config .offline/vendor.toml; fi; \
    cargo build --release --locked -p production "$@" \
    && cp target/release/production /usr/local/bin/
# ANCHOR_END: compile

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

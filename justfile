# The learner's menu: `just --list` shows every recipe with its one-line description.

set shell := ["bash", "-euo", "pipefail", "-c"]

# The guide's image name: what the Kubernetes lessons build and their manifests run.
guide_image := "model-in-image-pattern:v1.0"

# ONNX Runtime for host runs and host tests: yours if you set ORT_DYLIB_PATH, otherwise the one
# `just setup` provides for this system (Linux: .so, Apple-silicon Mac: .dylib).
export ORT_DYLIB_PATH := env_var_or_default("ORT_DYLIB_PATH", justfile_directory() / "target/onnxruntime/libonnxruntime." + if os() == "macos" { "dylib" } else { "so" })

# Show this menu
default:
    @just --list --unsorted

# One-time set-up for everything (what `just test` needs): Docker engine, base images, a registry, ONNX Runtime, mdbook, Chromium, linters
setup:
    scripts/setup

# Only what `just run` and the lessons' containers use: a Docker engine and the base images
setup-run:
    scripts/setup run

# Only what `just book` uses: mdbook, its link checker and the Japanese edition's tools
setup-book:
    scripts/setup book

# Build the model server's image (the top-level Dockerfile), serve it on http://localhost:8000 and show a sample request
run: setup-run
    IMAGE={{guide_image}} DOCKERFILE=Dockerfile scripts/lesson 6 --serve
    @echo 'Sample: curl -X POST http://localhost:8000/predict -H "Content-Type: application/json" -d '"'"'{"data": [[5.1, 3.5, 1.4, 0.2]]}'"'"

# Lesson 1: a first server in a first, naive (and huge) image
lesson-1:
    scripts/lesson 1

# Lesson 2: the same server built right: multi-stage, slim, non-root, healthchecked
lesson-2:
    scripts/lesson 2

# Lesson 3: the Model-in-Image server in its container, with the chapter's requests
lesson-3:
    scripts/lesson 3

# Lesson 4: the Kubernetes-ready server (readiness, draining, version), tagged as the guide's image
lesson-4:
    IMAGE={{guide_image}} scripts/lesson 4

# Lesson 5: the troubleshooting lab - build each broken image and show its real symptom
lesson-5:
    scripts/troubleshoot show

# Diagnose Dockerfiles, Kubernetes manifests and saved `kubectl get -o yaml` output (files or folders): each mistake, its fix and the chapter to read
[no-cd]
doctor +paths:
    cargo run -q -p workbook-cli -- doctor {{paths}}

# Ask the running cluster (the kubeconfig's, e.g. minikube) about the model-in-image namespace's Pods, Services and HPAs (--namespace NS for another)
doctor-cluster *args:
    cargo run -q -p workbook-cli -- doctor --cluster {{args}}

# Lesson 5's exercises: `just trouble N` copies case N's broken variant to exercises/ for you to fix; alone, shows your progress
trouble *N:
    cargo run -q -p workbook-cli -- trouble {{N}}

# Is exercise N fixed? The doctor on your files and, for a Docker case, your image built and run
trouble-check N:
    cargo run -q -p workbook-cli -- trouble check {{N}}

# A nudge for exercise N
trouble-hint N:
    cargo run -q -p workbook-cli -- trouble hint {{N}}

# Start exercise N again from the broken variant (your folder is moved to exercises/.old/ first)
trouble-reset N:
    cargo run -q -p workbook-cli -- trouble reset {{N}}

# Run lesson N's tests (cargo test -p ITS-PACKAGE) and record the result for `just trouble`
verify N *args:
    cargo run -q -p workbook-cli -- verify {{N}} {{args}}

# Lesson 6: the production server (the top-level Dockerfile, tagged as the guide's image) with the chapter's requests
lesson-6:
    IMAGE={{guide_image}} DOCKERFILE=Dockerfile scripts/lesson 6

# minikube walkthrough, step 1: start minikube with the Docker runtime (--container-runtime=docker) and metrics-server
minikube-up:
    scripts/minikube-walkthrough up

# minikube walkthrough, step 2: build the guide's image and load it into minikube
minikube-load:
    IMAGE={{guide_image}} scripts/minikube-walkthrough load

# minikube walkthrough, step 3: apply the Namespace, Deployment, Service and HPA
deploy:
    IMAGE={{guide_image}} scripts/minikube-walkthrough deploy

# minikube walkthrough, step 4: call the model through the Service
smoke:
    scripts/minikube-walkthrough smoke

# minikube walkthrough: rebuild under the same tag, load it, and see /metadata change only after `kubectl rollout restart`
update:
    IMAGE={{guide_image}} scripts/minikube-walkthrough update

# minikube walkthrough, step 5: scale to 5 Pods and watch the Service find them
scale:
    scripts/minikube-walkthrough scale

# minikube walkthrough: a bounded burst of requests, with `kubectl get hpa` before and after
hpa:
    scripts/minikube-walkthrough hpa

# The second way to load an image: push it to minikube's registry addon (via localhost:5000) and run it from there
minikube-registry:
    IMAGE={{guide_image}} scripts/minikube-walkthrough registry

# The third way to load an image: build inside minikube's Docker (eval $(minikube docker-env))
docker-env:
    IMAGE={{guide_image}} scripts/minikube-walkthrough docker-env

# Delete what the walkthrough created (the model-in-image namespace)
down:
    scripts/minikube-walkthrough down

# The whole minikube walkthrough in order (up, load, deploy, smoke, update, scale, hpa); the transcript is kept in target/walkthrough/
walkthrough:
    TRANSCRIPT=target/walkthrough/transcript.txt IMAGE={{guide_image}} scripts/minikube-walkthrough all
    @echo 'Transcript: target/walkthrough/transcript.txt (compare it with lessons/04-kubernetes-basics/walkthrough.txt and the book)'

# Print the walkthrough's plan without running anything
walkthrough-plan:
    DRY_RUN=1 IMAGE={{guide_image}} scripts/minikube-walkthrough all registry docker-env down

# The walkthrough with the production image and manifests (top-level Dockerfile and k8s/); the transcript is kept in target/walkthrough/
walkthrough-production:
    TRANSCRIPT=target/walkthrough/production-transcript.txt IMAGE={{guide_image}} DOCKERFILE=Dockerfile MANIFESTS=k8s scripts/minikube-walkthrough all
    @echo 'Transcript: target/walkthrough/production-transcript.txt (compare it with lessons/06-production/walkthrough.txt)'

# Print the production walkthrough's plan without running anything
walkthrough-production-plan:
    DRY_RUN=1 IMAGE={{guide_image}} DOCKERFILE=Dockerfile MANIFESTS=k8s scripts/minikube-walkthrough all registry down

# Check Kubernetes manifests as a cluster would (default: lesson 4's, against the guide's image; --production adds kube-linter's default checks)
check-manifests *paths:
    cargo run -q -p workbook-cli -- check-manifests {{ if paths == "" { "--image " + guide_image + " lessons/04-kubernetes-basics/k8s" } else { paths } }}

# Lint every Dockerfile (the top-level one and the lessons') with hadolint, which `just setup` installs
lint-docker:
    @[ -x target/tools/venv/bin/hadolint ] || { echo 'hadolint is not installed: run `just setup` (or only `scripts/setup linters`) first' >&2; exit 1; }
    find Dockerfile lessons -type f \( -name 'Dockerfile*' -o -name '*.Dockerfile' \) ! -name '*.dockerignore' -print0 | sort -z | xargs -0 target/tools/venv/bin/hadolint --failure-threshold style

# Run every test (containers included), build the book, and check formatting and lints
test: setup
    cargo test --workspace --locked
    mdbook build book
    book/i18n/build-ja
    cargo fmt --all --check
    cargo clippy --workspace --all-targets --locked -- -D warnings

# Read the book at http://localhost:3000 (rebuilds as you edit); `just book ja` for the Japanese edition (日本語版)
book lang="en":
    #!/usr/bin/env bash
    set -euo pipefail
    command -v mdbook >/dev/null || { echo 'mdbook is not installed: run `just setup-book` (or `just setup`), then `just book` again' >&2; exit 1; }
    if [ "{{lang}}" = en ]; then exec mdbook serve book --open; fi
    # (Served alone, the Japanese book keeps mdBook's own search; `book/i18n/build-ja` gives it Pagefind's.)
    export MDBOOK_BOOK__LANGUAGE="{{lang}}" MDBOOK_BOOK__TITLE="$(cat "book/po/title.{{lang}}")"
    exec mdbook serve book --dest-dir "book/book/{{lang}}" --open

# The Japanese edition after the English text changed: refresh book/po/messages.pot and merge it into book/po/ja.po (new and changed messages then need translating: see README.ja.md)
i18n-update:
    MDBOOK_OUTPUT='{"xgettext": {"pot-file": "messages.pot", "granularity": 0}}' mdbook build book --dest-dir book/po
    msgmerge --quiet --update --backup=none --no-wrap book/po/ja.po book/po/messages.pot
    msgfmt --statistics --output-file=/dev/null book/po/ja.po

# Retrain the iris model and the test fixtures (pinned Python packages in .venv-models)
train:
    models/train.sh

# Make the base images without a registry (local stand-ins; see scripts/base-images)
images:
    scripts/base-images

# Prepare .offline/ (vendored crates, ONNX Runtime) so images build with no network at all
offline:
    scripts/prepare-offline

# Benchmark the Rust server against the guide's Python one, each pinned to one core (throughput, latency, CPU per request, memory, start, size; three runs) and chart it for the book
bench:
    scripts/setup docker base-images onnxruntime bench
    scripts/bench

# Remove the workbook's containers and images (and nothing else)
clean:
    #!/usr/bin/env bash
    set -euo pipefail
    containers=$(docker ps -aq --filter 'name=^workbook-')
    [ -z "$containers" ] || docker rm -f $containers
    images=$(docker images --format '{{{{.Repository}}:{{{{.Tag}}' 'model-in-image-workbook/*'; docker images -q {{guide_image}} | sed 's|.*|{{guide_image}}|' | head -1)
    [ -z "$images" ] || docker rmi $images
    echo "removed the workbook's containers and images"

# Re-record every output the book shows, each from a real run (commands through scripts/run-commands, the one recorder)
outputs:
    # Every recorded file the book includes, and what writes it:
    #   lessons/01-first-container/commands.txt, lessons/03-model-in-image/commands.txt
    #       scripts/run-commands on the chapter's commands.sh (the guide's docker commands)
    #   lessons/03-model-in-image/tree.txt                the project-tree example (git ls-files)
    #   lessons/0{1,2,3,4}-*/output.txt, lessons/06-production/output.txt
    #       scripts/lesson N --record (= just lesson-N): requests.sh through scripts/run-commands
    #   lessons/02-small-image/sizes.txt                  scripts/size-ladder
    #   lessons/04-kubernetes-basics/walkthrough.txt, lessons/06-production/walkthrough.txt
    #       the walkthrough's dry-run plan (no cluster here)
    #   lessons/04-kubernetes-basics/mistakes/check-manifests.txt   just check-manifests
    #   lessons/05-troubleshooting/cases/*/symptom.txt, doctor.txt   scripts/troubleshoot record
    #       (symptom.sh through scripts/run-commands --keep-going --full)
    #   cli/tests/fixtures/live/*.txt   the doctor on saved `kubectl get -o yaml` output (UPDATE_LIVE=1)
    # Not here: book/src/06-production/bench.json, .txt and .svg, a benchmark's figures (`just bench`).
    scripts/run-commands lessons/01-first-container/commands.sh > lessons/01-first-container/commands.txt
    scripts/run-commands lessons/03-model-in-image/commands.sh > lessons/03-model-in-image/commands.txt
    cargo run -q -p workbook-harness --example project-tree > lessons/03-model-in-image/tree.txt
    # (APP_VERSION=v1.0, the Dockerfiles' default: the recorded /metadata matches the tests' builds)
    for n in 1 2 3 4; do dir=$(ls -d lessons/0$n-*); APP_VERSION=v1.0 scripts/lesson $n --record $dir/output.txt; done
    APP_VERSION=v1.0 IMAGE={{guide_image}} DOCKERFILE=Dockerfile scripts/lesson 6 --record lessons/06-production/output.txt
    scripts/size-ladder > lessons/02-small-image/sizes.txt
    just walkthrough-plan > lessons/04-kubernetes-basics/walkthrough.txt
    { echo '$ just check-manifests lessons/04-kubernetes-basics/mistakes'; LC_ALL=C just check-manifests lessons/04-kubernetes-basics/mistakes || [ $? -eq 1 ]; } > lessons/04-kubernetes-basics/mistakes/check-manifests.txt
    scripts/troubleshoot record
    LC_ALL=C UPDATE_LIVE=1 cargo test -q -p workbook-cli --test live
    just walkthrough-production-plan > lessons/06-production/walkthrough.txt
    just clean

#!/usr/bin/env bash
# Reproducibly (re)train and export the models. Idempotent.
# Creates $REPO/.venv-models if missing, installs the pinned deps, runs train.py.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv-models"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --disable-pip-version-check -q -r "$REPO/models/requirements.txt"
cd "$REPO"
exec "$VENV/bin/python" models/train.py "$@"

#!/usr/bin/env bash
# A project-local virtual environment with the Python SDK, our reference peer.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import azure.eventgrid" 2>/dev/null; then
    .venv/bin/pip install -q "azure-eventgrid==4.22.1"
fi

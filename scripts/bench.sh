#!/usr/bin/env bash
# Release build of the benchmark and the generator, then every workload side by side with the
# Python SDK. Extra arguments go to the benchmark (for example --quick or --only parse,sas).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product EventGridBenchmarks
swift build -c release --product swaggergen
bin=$(swift build -c release --show-bin-path)
"$bin/EventGridBenchmarks" --python .venv/bin/python --generator "$bin/swaggergen" "$@"

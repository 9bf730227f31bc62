#!/bin/sh
# Fails (and prints a diff) when checked-in generated code differs from what the specs give.
set -eu
exec "$(dirname "$0")/generate.sh" --check

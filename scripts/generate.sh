#!/bin/sh
# Regenerates every generated module from its spec. Add a line to TARGETS for a new pair:
#   "<spec>[,<spec>...]|<output dir>|<access>"
set -eu
cd "$(dirname "$0")/.."
MODE="${1:-}"   # empty, or --check (used by check-generated.sh)
# Every Spec/SystemEvents/*.yaml (C order), so a provider file the importer adds is picked up.
SYSTEM_EVENTS="$(printf '%s\n' Spec/SystemEvents/*.yaml | LC_ALL=C sort | paste -sd, -)"
TARGETS="
Spec/EventGrid.yaml|Sources/EventGridGenerated|package
$SYSTEM_EVENTS|Sources/EventGridSystemEvents|public
"
# SWIFT_BUILD_FLAGS (set by scripts/test.sh) reuses the test build's configuration.
swift build ${SWIFT_BUILD_FLAGS:-} --product swaggergen >&2
BIN="$(swift build ${SWIFT_BUILD_FLAGS:-} --product swaggergen --show-bin-path)/swaggergen"
status=0
for target in $TARGETS; do
    specs="${target%%|*}"
    rest="${target#*|}"
    output="${rest%%|*}"
    access="${rest#*|}"
    set --
    for spec in $(echo "$specs" | tr ',' ' '); do
        set -- "$@" --spec "$spec"
    done
    "$BIN" "$@" --output "$output" --access "$access" $MODE || status=1
done
exit $status

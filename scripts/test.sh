#!/usr/bin/env bash
# The whole check, as CI runs it: build warning-free, compare generated code, no placeholder
# descriptions, lint, API surface, docs, the Python SDK against the emulator, the maintainer
# story, then every test. Ends with the test runner's
# summary and a plain "tests: N passed, N failed, N skipped" line.
set -uo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
# Every step reuses this one build configuration.
export SWIFT_BUILD_FLAGS="-Xswiftc -warnings-as-errors"

step() {
    echo "== $1"
    shift
    "$@" || { echo "FAILED: $*"; exit 1; }
}

step "build (warnings are errors)" $swift build --build-tests $SWIFT_BUILD_FLAGS
step "generated code matches Spec/" scripts/check-generated.sh
step "every spec description is written (no placeholders)" make --no-print-directory check-descriptions
step "lint (swift-format)" scripts/lint.sh
step "public API matches API/" scripts/api.sh check
step "documentation (DocC, warnings are errors)" scripts/docs.sh
step "Python SDK against the emulator" scripts/python-against-emulator.sh
step "maintainer story: import a new event type, regenerate, API check fails, refresh, passes" \
    scripts/test-maintainer-story.sh

echo "== tests"
log=$(mktemp)
$swift test --skip-build $SWIFT_BUILD_FLAGS 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -cE "^Test Case .* passed" "$log" || true)
failed=$(grep -cE "^Test Case .* failed" "$log" || true)
skipped=$(grep -cE "^Test Case .* skipped" "$log" || true)
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

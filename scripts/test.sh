#!/usr/bin/env bash
# The whole check: build warning-free, compare generated code, run every test.
# Ends with the test runner's summary and a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}

echo "== build (warnings are errors)"
$swift build --build-tests -Xswiftc -warnings-as-errors || exit 1

echo "== generated code matches Spec/"
scripts/check-generated.sh || exit 1

echo "== tests"
log=$(mktemp)
$swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -cE "^Test Case .* passed" "$log" || true)
failed=$(grep -cE "^Test Case .* failed" "$log" || true)
skipped=$(grep -cE "^Test Case .* skipped" "$log" || true)
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

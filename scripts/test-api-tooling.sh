#!/usr/bin/env bash
# Tests scripts/api.sh on a copy of the working tree (tracked and untracked files, not ignored
# ones). Only EventGridSystemEvents (and AzureCore, which it needs) is built, so the test takes
# a couple of minutes at most:
#   1. dump on the unchanged copy, dump again: identical bytes; no absolute path in the listing;
#   2. check passes;
#   3. add a public struct with a property and a property in an extension of String: check
#      fails, its diff shows all of them as `+` lines;
#   4. dump, then check passes and the listing holds the new lines;
#   5. remove the struct: check fails with `-` lines;
#   6. with TEST_BREAKING=1 only (builds the tree twice more): commit the copy, remove a public
#      requirement, and `api.sh breaking HEAD` must report it.
# Environment: SWIFT (default swift), TEST_TIMEOUT seconds per step (default 600),
# KEEP_TMP=1 keeps the copy for inspection.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
limit="${TEST_TIMEOUT:-600}"
tmp="$(mktemp -d)"
cleanup() {
    if [[ "${KEEP_TMP:-}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

failures=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
step() { echo "== $1"; }

module=EventGridSystemEvents
export API_MODULES="$module"
copy="$tmp/repo"
log="$tmp/log"
api() { (cd "$copy" && timeout "$limit" scripts/api.sh "$@"); }

step "copy the working tree to $copy"
mkdir -p "$copy"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
    tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$copy"

step "dump twice on the unchanged copy"
api dump >"$log" 2>&1 || { cat "$log"; fail "dump on the unchanged copy"; exit 1; }
cp "$copy/API/$module.txt" "$tmp/first.txt"
api dump >"$log" 2>&1 || { cat "$log"; fail "second dump"; exit 1; }
if cmp -s "$tmp/first.txt" "$copy/API/$module.txt"; then pass "two dumps give identical bytes"; else
    fail "two dumps differ"
    diff -u "$tmp/first.txt" "$copy/API/$module.txt" || true
fi
if grep -qE "$tmp|$root|/work/|file://|Swift version|swiftlang-" "$copy/API/$module.txt"; then
    fail "the listing contains a path or a tool version"
else
    pass "no paths or versions in the listing"
fi

step "check on the unchanged copy"
if api check >"$log" 2>&1; then pass "check passes on the unchanged copy"; else
    cat "$log"
    fail "check fails on the unchanged copy"
fi

step "add a public declaration"
probe="$copy/Sources/$module/APIToolingProbe.swift"
cat >"$probe" <<'EOF'
/// A declaration added by scripts/test-api-tooling.sh.
public struct APIToolingProbe: Sendable {
    /// A property added by scripts/test-api-tooling.sh.
    public var probeValue: Int = 0
}

extension String {
    /// A member added to another module's type by scripts/test-api-tooling.sh.
    public var apiToolingProbe: Int { 0 }
}
EOF
if api check >"$log" 2>&1; then
    cat "$log"
    fail "check passes although a public declaration was added"
else
    pass "check fails after adding a public declaration"
fi
for line in "+$module: struct APIToolingProbe: Sendable" "+$module.APIToolingProbe: var probeValue: Int" \
    "+$module: extension Swift.String" "+$module.extension Swift.String: var apiToolingProbe: Int { get }"; do
    if grep -qxF -- "$line" "$log"; then pass "diff shows: $line"; else
        fail "diff lacks: $line"
        cat "$log"
    fi
done
if grep -q -- "--- API/$module.txt" "$log" && grep -q "make api" "$log"; then
    pass "the failure is a unified diff and says how to refresh:"
    sed -n '/^--- API/,$p' "$log" | sed 's/^/    | /'
else
    fail "the failure output is not a labelled unified diff with a hint"
fi

step "dump, then check"
api dump >"$log" 2>&1 || { cat "$log"; fail "dump after adding"; }
if api check >"$log" 2>&1; then pass "check passes after dump"; else
    cat "$log"
    fail "check fails after dump"
fi
if grep -qxF "$module: struct APIToolingProbe: Sendable" "$copy/API/$module.txt"; then
    pass "the refreshed listing holds the new declaration"
else
    fail "the refreshed listing lacks the new declaration"
fi

step "remove the declaration again"
rm "$probe"
if api check >"$log" 2>&1; then
    fail "check passes although a public declaration was removed"
else
    if grep -qxF -- "-$module: struct APIToolingProbe: Sendable" "$log"; then
        pass "check fails and shows the removed declaration"
    else
        cat "$log"
        fail "the diff lacks the removed declaration"
    fi
fi

if [[ "${TEST_BREAKING:-}" == 1 ]]; then
    step "api.sh breaking reports a removed public declaration"
    (cd "$copy" && git init -q && git add -A && git -c user.name=test -c user.email=test@invalid \
        commit -qm baseline)
    sed -i '/static var eventType: String { get }/d' "$copy/Sources/$module/SystemEventModel.swift"
    if api breaking HEAD >"$log" 2>&1; then
        cat "$log"
        fail "breaking passes although a protocol requirement was removed"
    elif grep -q "eventType" "$log"; then
        pass "breaking names the removed requirement"
        grep -i "eventType" "$log" | head -3
    else
        cat "$log"
        fail "breaking failed without naming the removed requirement"
    fi
fi

if ((failures > 0)); then
    echo "test-api-tooling: $failures failed"
    exit 1
fi
echo "test-api-tooling: all passed"

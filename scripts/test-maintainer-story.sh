#!/usr/bin/env bash
# The maintainer story, walked on a copy of the working tree (tracked and untracked files, not
# ignored ones; the .build folder is copied too when there is one, to save compiling):
#   1. a newer upstream: a copy of ../shared/.../SystemEvents.json with a new event
#      (Microsoft.Contoso.Thing, new provider) goes through `swaggergen import-system-events`
#      (without ../shared, Spec/SystemEvents/Contoso.yaml is written by hand instead);
#   2. check-descriptions fails on the placeholders; they are written; it passes;
#   3. scripts/generate.sh; the new model compiles, and a one-file program added to the copy
#      decodes a payload into it with SystemEvent.decode(eventType:data:);
#   4. scripts/api.sh check fails and its diff lists the new declarations as + lines;
#   5. scripts/api.sh dump; scripts/api.sh check passes.
# Only EventGridSystemEvents (and what it needs) is built and API-checked.
# Exit 0 only when every step behaved. Environment: SWIFT (default swift), TEST_TIMEOUT seconds
# per step (default 600), SWIFT_BUILD_FLAGS (default -Xswiftc -warnings-as-errors), KEEP_TMP=1 keeps the copy, UPSTREAM=<SystemEvents.json> overrides ../shared.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
limit="${TEST_TIMEOUT:-600}"
SWIFT="${SWIFT:-swift}"
# The one build configuration every script shares (scripts/test.sh), so the copied .build is reused.
export SWIFT_BUILD_FLAGS="${SWIFT_BUILD_FLAGS--Xswiftc -warnings-as-errors}"
read -r -a FLAGS <<<"$SWIFT_BUILD_FLAGS"
upstream="${UPSTREAM:-${EVENTGRID_UPSTREAM_SPEC:-$root/../shared/upstream-spec}/Microsoft.EventGrid/stable/2024-01-01/SystemEvents.json}"
tmp="$(mktemp -d)"
cleanup() {
    if [[ "${KEEP_TMP:-}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
started=$SECONDS

failures=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
step() { echo "== $1 ($((SECONDS - started)) s)"; }
copy="$tmp/repo"
log="$tmp/log"
module=EventGridSystemEvents
export API_MODULES="$module"
in_copy() { (cd "$copy" && timeout "$limit" "$@"); }
finish() {
    if ((failures > 0)); then
        echo "test-maintainer-story: $failures failed ($((SECONDS - started)) s)"
        exit 1
    fi
    echo "test-maintainer-story: all passed ($((SECONDS - started)) s)"
}

step "copy the working tree to $copy"
mkdir -p "$copy"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
    tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$copy"
if [[ -d "$root/.build" ]]; then
    cp -a "$root/.build" "$copy/.build"
    # Clang's module cache records its absolute path; it is rebuilt in a few seconds.
    find "$copy/.build" -maxdepth 3 -type d -name ModuleCache -prune -exec rm -rf {} +
fi

step "build swaggergen"
in_copy "$SWIFT" build "${FLAGS[@]}" --product swaggergen >"$log" 2>&1 || { cat "$log"; fail "build swaggergen"; finish; }
gen="$(cd "$copy" && "$SWIFT" build "${FLAGS[@]}" --product swaggergen --show-bin-path)/swaggergen"

step "add the event type Microsoft.Contoso.Thing"
if [[ -f "$upstream" ]]; then
    python3 - "$upstream" "$tmp/SystemEvents.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["definitions"]["ContosoThingEventData"] = {
    "type": "object",
    "description": "Schema of the Data property of an EventGridEvent for a Microsoft.Contoso.Thing event.",
    "properties": {
        "thingId": {"type": "string", "description": "The thing's identifier."},
        "weight": {"type": "integer", "format": "int64", "description": "The thing's weight."},
    },
    "required": ["thingId"],
}
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
EOF
    if in_copy "$gen" import-system-events --upstream "$tmp/SystemEvents.json" \
        --spec-dir Spec/SystemEvents >"$log" 2>&1; then
        pass "import-system-events:"
        sed 's/^/    | /' "$log"
    else
        cat "$log"
        fail "import-system-events"
        finish
    fi
    grep -qxF "+ event type Microsoft.Contoso.Thing (ContosoThingEventData)" "$log" &&
        pass "the summary lists the new event type" || fail "the summary lacks the new event type"
    step "write the placeholder descriptions"
    if in_copy "$gen" check-descriptions --spec-dir Spec/SystemEvents >"$log" 2>&1; then
        cat "$log"
        fail "check-descriptions passes although the import left placeholders"
    else
        pass "check-descriptions lists $(grep -c 'TODO(description)' "$log") placeholders"
    fi
    sed -E -i "s/'TODO\(description\): ([^']*)'/'The maintainer story describes \1.'/" "$copy/Spec/SystemEvents/Contoso.yaml"
    if in_copy "$gen" check-descriptions --spec-dir Spec/SystemEvents >"$log" 2>&1; then
        pass "check-descriptions passes once they are written"
    else
        cat "$log"
        fail "check-descriptions still fails"
    fi
else
    echo "note: $upstream not found; writing Spec/SystemEvents/Contoso.yaml by hand"
    cat >"$copy/Spec/SystemEvents/Contoso.yaml" <<'EOF'
swagger: '2.0'
info:
  title: 'Azure Event Grid system events: Microsoft.Contoso'
  version: '2024-01-01'
paths: {}
definitions:
  ContosoThingEventData:
    type: object
    description: Data of the `Microsoft.Contoso.Thing` event.
    x-eventgrid-event-type: Microsoft.Contoso.Thing
    required:
      - thingId
    properties:
      thingId:
        type: string
        description: The thing ID (string).
      weight:
        type: integer
        format: int64
        description: The weight (64-bit integer).
EOF
fi
grep -q "x-eventgrid-event-type: Microsoft.Contoso.Thing" "$copy/Spec/SystemEvents/Contoso.yaml" &&
    pass "Contoso.yaml carries x-eventgrid-event-type" || fail "Contoso.yaml lacks x-eventgrid-event-type"

step "scripts/generate.sh"
if in_copy scripts/generate.sh >"$log" 2>&1; then pass "generate.sh"; else
    cat "$log"
    fail "generate.sh"
    finish
fi
if [[ -f "$copy/Sources/$module/Contoso.swift" ]] &&
    grep -q "public struct ContosoThingEventData" "$copy/Sources/$module/Contoso.swift"; then
    pass "Sources/$module/Contoso.swift declares ContosoThingEventData"
else
    fail "no generated ContosoThingEventData"
fi

step "build and decode a payload into the new type"
mkdir -p "$copy/StoryCheck"
cat >"$copy/StoryCheck/main.swift" <<'EOF'
import AzureCore
import EventGridSystemEvents
import Foundation

let payload = Data(#"{"thingId": "thing-1", "weight": "42"}"#.utf8)
let event = SystemEvent.decode(eventType: "microsoft.contoso.thing", data: try JSONValue(parsing: payload))
guard case .contosoThing(let thing) = event, thing.thingId == "thing-1", thing.weight == 42,
    ContosoThingEventData.eventType == SystemEventNames.contosoThing
else {
    print("decoded \(event), not the expected ContosoThingEventData")
    exit(1)
}
print("decoded \(thing)")
EOF
cat >>"$copy/Package.swift" <<'EOF'
package.targets.append(
    .executableTarget(
        name: "StoryCheck", dependencies: ["EventGridSystemEvents", "AzureCore"], path: "StoryCheck",
        swiftSettings: swiftSettings))
EOF
if in_copy "$SWIFT" build "${FLAGS[@]}" --product StoryCheck >"$log" 2>&1; then pass "the new type compiles"; else
    cat "$log"
    fail "build with the new type"
    finish
fi
if in_copy "$SWIFT" run "${FLAGS[@]}" --skip-build StoryCheck >"$log" 2>&1; then
    pass "SystemEvent.decode gives .contosoThing: $(tail -1 "$log")"
else
    cat "$log"
    fail "decoding into the new type"
fi

step "scripts/api.sh check fails and lists the new declarations"
if in_copy scripts/api.sh check >"$log" 2>&1; then
    cat "$log"
    fail "api.sh check passes although the API grew"
else
    pass "api.sh check fails"
    for pattern in "^\+$module: struct ContosoThingEventData" "^\+$module\.ContosoThingEventData: var thingId: String\?" \
        "^\+$module\.ContosoThingEventData: var weight: Int64\?" "^\+$module\.SystemEvent: case contosoThing" \
        "^\+$module\.SystemEventNames: static let contosoThing"; do
        if grep -qE -- "$pattern" "$log"; then pass "diff shows $pattern"; else fail "diff lacks $pattern"; fi
    done
    if grep -qE '^-[^-]' "$log"; then fail "the diff also removes declarations"; else
        pass "the diff only adds declarations"
    fi
    grep -E '^[+-][^+-]' "$log" | sed 's/^/    | /'
fi

step "scripts/api.sh dump, then check passes"
in_copy scripts/api.sh dump >"$log" 2>&1 || { cat "$log"; fail "api.sh dump"; }
if in_copy scripts/api.sh check >"$log" 2>&1; then pass "api.sh check passes after the dump"; else
    cat "$log"
    fail "api.sh check still fails after the dump"
fi
finish

#!/usr/bin/env bash
# The Python SDK azure-eventgrid (4.22.1, in .venv) publishes to the local emulator; what it
# sends must be accepted, and what the emulator rejects must be rejected the same way for the
# Python SDK and the Swift SDK (status, error code, first sentence of the message).
# Exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
# Extra build flags (scripts/test.sh passes its own, so this reuses the test build).
read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}"

scripts/python-deps.sh
$swift build "${build_flags[@]}" --product eventgrid >/dev/null
bin=$($swift build "${build_flags[@]}" --show-bin-path)

key=$(printf 'python-conformance-key' | base64)
work=$(mktemp -d)
emulator_pid=""
cleanup() {
    if [[ -n $emulator_pid ]] && kill -0 "$emulator_pid" 2>/dev/null; then kill -TERM "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/eventgrid" emulator --port 0 \
    --topic "egtopic:eventgrid:$key" --topic "cetopic:cloudevents:$key" --topic "custom:custom:$key" \
    --domain "shopdomain:eventgrid:$key" >"$work/emulator.log" 2>&1 &
emulator_pid=$!

base=""
for _ in $(seq 1 300); do
    base=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$work/emulator.log")
    [[ -n $base ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log"; echo "emulator exited early"; exit 1; }
    sleep 0.1
done
[[ -n $base ]] || { cat "$work/emulator.log"; echo "emulator did not start"; exit 1; }
echo "emulator at $base"

status=0
.venv/bin/python scripts/python_against_emulator.py "$base" "$key" "$work/python.json" || status=1

# The same rejections through the Swift SDK (the eventgrid CLI): same status, code, sentence.
swift_rejection() { # name, expected-status, expected-code, args...
    local name=$1 want_status=$2 want_code=$3
    shift 3
    local out
    out=$("$bin/eventgrid" publish "$@" 2>&1) && { echo "FAIL: swift $name was accepted"; status=1; return; }
    local python_message
    python_message=$(.venv/bin/python -c 'import json,sys; r=json.load(open(sys.argv[1]))[sys.argv[2]]; print(r["status"], r["code"], r["message"])' "$work/python.json" "$name")
    local python_sentence=${python_message#* * }
    if [[ $python_message == "$want_status $want_code "* && $out == *"HTTP $want_status $want_code: $python_sentence"* ]]; then
        echo "ok:   swift SDK rejects $name like the Python SDK ($want_status $want_code)"
    else
        echo "FAIL: $name: python '$python_message' vs swift '$out'"
        status=1
    fi
}
if [[ -f $work/python.json ]]; then
    printf '[{"id":"no-subject","eventType":"T","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1.0","data":{}}]' >"$work/missing-subject.json"
    printf '[{"id":"1","subject":"/x","eventType":"T","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1.0","data":{}}]' >"$work/ok.json"
    swift_rejection missing_subject 400 BadRequest --endpoint "$base/topics/egtopic/api/events" --key "$key" --schema custom "$work/missing-subject.json"
    swift_rejection wrong_key 401 Unauthorized --endpoint "$base/topics/egtopic/api/events" --key d3Jvbmcta2V5 "$work/ok.json"
    swift_rejection unknown_topic 404 NotFound --endpoint "$base/topics/nosuchtopic/api/events" --key "$key" "$work/ok.json"
fi

kill -TERM "$emulator_pid"
if wait "$emulator_pid"; then
    echo "ok:   emulator stopped cleanly"
else
    echo "FAIL: emulator exit status $?"
    status=1
fi
emulator_pid=""
exit $status

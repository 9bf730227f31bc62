#!/usr/bin/env bash
# The demo: install what is missing, build, start the local Event Grid emulator on a free
# loopback port with three topics, publish Event Grid events, CloudEvents and custom events
# through the SDK (the eventgrid CLI) with an access key and with SAS tokens, show what the
# emulator received, and stop it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
scripts/deps.sh
step "build"
$swift build --product eventgrid 2>&1 | tail -1
eventgrid="$($swift build --show-bin-path)/eventgrid"

key=$(printf 'demo-access-key-0123456789abcdef' | base64)
log=$(mktemp)
source scripts/lib/emulator.sh
cleanup() {
    stop_emulator
    rm -f "$log"
}
trap cleanup EXIT

step "start the emulator (port 0: a free loopback port)"
start_emulator "$eventgrid" "$log" --port 0 \
    --topic "orders:eventgrid:$key" \
    --topic "payments:cloudevents:$key" \
    --topic "telemetry:custom:$key"
cat "$log"

expires=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+1H +%Y-%m-%dT%H:%M:%SZ)

step "publish Event Grid events (access key)"
"$eventgrid" publish --endpoint "$base/topics/orders/api/events" --key "$key" examples/eventgrid-events.json

step "publish an Event Grid event (SAS token from 'eventgrid sas')"
orders_sas=$("$eventgrid" sas --endpoint "$base/topics/orders/api/events" --key "$key" --expires-at "$expires")
echo "token: ${orders_sas:0:60}…"
"$eventgrid" publish --endpoint "$base/topics/orders/api/events" --sas "$orders_sas" examples/eventgrid-event-sas.json

step "publish CloudEvents (SAS token)"
payments_sas=$("$eventgrid" sas --endpoint "$base/topics/payments/api/events" --key "$key" --expires-at "$expires")
"$eventgrid" publish --endpoint "$base/topics/payments/api/events" --sas "$payments_sas" --schema cloudevents examples/cloudevents.json

step "publish custom events (access key)"
"$eventgrid" publish --endpoint "$base/topics/telemetry/api/events" --key "$key" --schema custom examples/custom-events.json

step "a wrong key is refused as the service would"
if "$eventgrid" publish --endpoint "$base/topics/orders/api/events" --key "d3Jvbmcta2V5" examples/eventgrid-event-sas.json; then
    echo "unexpected: the wrong key was accepted"
    exit 1
fi

step "what the emulator printed as events arrived"
grep '^event ' "$log"

step "what each topic accepted (GET $base/_emulator/topics/<name>/events)"
fetch() {
    if command -v curl >/dev/null; then
        curl -fsS "$1"
    else
        python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$1"
    fi
}
for topic in orders payments telemetry; do
    body=$(fetch "$base/_emulator/topics/$topic/events")
    if command -v python3 >/dev/null; then
        printf '%s' "$body" | python3 -c 'import json, sys
events = json.load(sys.stdin)
print("%s: %d event(s)" % (sys.argv[1], len(events)))
for event in events:
    print("  " + json.dumps(event, sort_keys=True))' "$topic"
    else
        echo "$topic: $body"
    fi
done

step "stop the emulator (SIGTERM)"
kill -TERM "$emulator_pid"
wait "$emulator_pid"
emulator_pid=""
tail -1 "$log"
echo
echo "demo finished"

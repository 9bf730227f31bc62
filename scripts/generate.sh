#!/bin/sh
# Regenerates every generated module from its spec. Add a line to TARGETS for a new pair:
#   "<spec>[,<spec>...]|<output dir>|<access>"
set -eu
cd "$(dirname "$0")/.."
MODE="${1:-}"   # empty, or --check (used by check-generated.sh)
TARGETS="
Spec/EventGrid.yaml|Sources/EventGridGenerated|package
Spec/SystemEvents/AVS.yaml,Spec/SystemEvents/ApiCenter.yaml,Spec/SystemEvents/ApiManagement.yaml,Spec/SystemEvents/AppConfiguration.yaml,Spec/SystemEvents/Cache.yaml,Spec/SystemEvents/Communication.yaml,Spec/SystemEvents/ContainerRegistry.yaml,Spec/SystemEvents/ContainerService.yaml,Spec/SystemEvents/DataBox.yaml,Spec/SystemEvents/Devices.yaml,Spec/SystemEvents/EventGrid.yaml,Spec/SystemEvents/EventHub.yaml,Spec/SystemEvents/HealthcareApis.yaml,Spec/SystemEvents/KeyVault.yaml,Spec/SystemEvents/MachineLearningServices.yaml,Spec/SystemEvents/Maps.yaml,Spec/SystemEvents/Media.yaml,Spec/SystemEvents/PolicyInsights.yaml,Spec/SystemEvents/ResourceNotifications.yaml,Spec/SystemEvents/Resources.yaml,Spec/SystemEvents/ServiceBus.yaml,Spec/SystemEvents/SignalRService.yaml,Spec/SystemEvents/Storage.yaml,Spec/SystemEvents/Web.yaml|Sources/EventGridSystemEvents|public
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

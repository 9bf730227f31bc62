#!/usr/bin/env bash
# Builds the DocC documentation of the public modules with the toolchain's docc:
#   .build/docs/<Module>.doccarchive     (open with `docc preview`, or host statically)
# Symbol graphs come from scripts/api.sh (swift build + swift-symbolgraph-extract, public
# symbols only); each module's catalog is Sources/<Module>/<Module>.docc when it exists.
# Any docc warning (a broken symbol link, an unknown parameter, ...) fails the build.
#
# Environment: SWIFT (default swift), DOCS_MODULES (default: the four public library
# modules; list a module after the ones it links to, since links such as
# ``/AzureCore/AzureError`` resolve against the archives built before it), DOCS_OUTPUT
# (default .build/docs). The archives link to each other by path: host them side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
MODULES="${DOCS_MODULES:-AzureCore AzureEventGrid EventGridSystemEvents EventGridEmulator}"
OUTPUT="${DOCS_OUTPUT:-.build/docs}"

driver="$(readlink -f "$(command -v "$SWIFT")")"
docc="$(dirname "$driver")/docc"
[[ -x "$docc" ]] || docc="$(command -v docc)" || { echo "docs.sh: docc not found" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
API_MODULES="$MODULES" scripts/api.sh symbol-graphs "$work/all" >/dev/null

mkdir -p "$OUTPUT"
status=0
# Modules are built in dependency order; each later one may link to the archives before it
# (``AzureCore/AzureError`` in AzureEventGrid's comments), through docc's link resolution.
dependencies=()
for module in $MODULES; do
    graphs="$work/graphs/$module"
    mkdir -p "$graphs"
    cp "$work/all/$module.symbols.json" "$graphs/"
    find "$work/all" -name "$module@*.symbols.json" -exec cp {} "$graphs/" \;
    catalog=()
    if [[ -d "Sources/$module/$module.docc" ]]; then catalog=("Sources/$module/$module.docc"); fi
    echo "== $module${catalog:+ (${catalog[0]})}"
    rm -rf "${OUTPUT:?}/$module.doccarchive"
    log="$work/$module.log"
    if "$docc" convert "${catalog[@]}" \
        --additional-symbol-graph-dir "$graphs" \
        --fallback-display-name "$module" \
        --fallback-bundle-identifier "com.azure.eventgrid.$module" \
        --output-path "$OUTPUT/$module.doccarchive" \
        --enable-experimental-external-link-support "${dependencies[@]}" \
        --warnings-as-errors >"$log" 2>&1; then
        # docc also prints warnings it does not count as errors; those fail the build too.
        if grep -qE "(^|: )warning:" "$log"; then
            cat "$log"
            echo "$module: docc printed warnings" >&2
            status=1
        else
            echo "$OUTPUT/$module.doccarchive"
        fi
        dependencies+=(--dependency "$OUTPUT/$module.doccarchive")
    else
        cat "$log"
        echo "$module: docc failed" >&2
        status=1
    fi
done
exit $status

# Thin wrappers: the logic lives in scripts/. See README.md.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: all deps build generate check-generated test ci python-deps python-vectors python-conformance demo bench \
	clean api api-check api-breaking test-api-tooling docs lint format \
	import-system-events check-descriptions test-maintainer-story

all: generate

## Install the Debian packages the build needs (only those missing).
deps:
	@scripts/deps.sh

## Build everything (debug).
build: deps
	$(SWIFT) build

## The main job: regenerate the SDK from Spec/ and build it.
generate: deps
	@scripts/generate.sh
	$(SWIFT) build

## Fail with a diff when the checked-in generated code differs from what Spec/ produces.
check-generated: deps
	@scripts/check-generated.sh

## Update Spec/SystemEvents from a newer upstream file: make import-system-events UPSTREAM=path/to/SystemEvents.json
import-system-events: deps
	@test -n "$(UPSTREAM)" || { echo "usage: make import-system-events UPSTREAM=<SystemEvents.json>"; exit 2; }
	$(SWIFT) build --product swaggergen
	$$($(SWIFT) build --product swaggergen --show-bin-path)/swaggergen import-system-events \
		--upstream "$(UPSTREAM)" --spec-dir Spec/SystemEvents

## List every placeholder description the importer left in Spec/SystemEvents (fails when any).
check-descriptions: deps
	@$(SWIFT) build --product swaggergen >/dev/null
	@$$($(SWIFT) build --product swaggergen --show-bin-path)/swaggergen check-descriptions --spec-dir Spec/SystemEvents

## The maintainer story on a copy of the tree: add an event type, regenerate, build, decode, api-check.
test-maintainer-story: deps
	@scripts/test-maintainer-story.sh

## Install, build, check generated code, run every test.
test: deps
	@scripts/test.sh

ci: test

## Rewrite API/<Module>.txt, the public API listing of each public module (commit it).
api: deps
	@scripts/api.sh dump

## Fail with a diff when the public API differs from API/.
api-check: deps
	@scripts/api.sh check

## Report API-breaking changes since a git ref: make api-breaking REF=v0.1.0
api-breaking: deps
	@test -n "$(REF)" || { echo "usage: make api-breaking REF=<git ref>"; exit 2; }
	@scripts/api.sh breaking "$(REF)"

## swift-format lint (strict) over the hand-written Swift code; generated code is excluded.
lint:
	@scripts/lint.sh

## Apply swift-format to the same files, in place.
format:
	@scripts/lint.sh --format

## Build the DocC archives of the public modules into .build/docs (docc warnings fail).
docs: deps
	@scripts/docs.sh

## Test scripts/api.sh itself on a copy of the tree (a minute or two).
test-api-tooling: deps
	@scripts/test-api-tooling.sh

## A local virtual environment with the Python SDK (reference peer for vectors and benchmarks).
python-deps:
	@scripts/python-deps.sh

## Rewrite the Python SDK reference fixtures (SAS tokens, publish requests).
python-vectors: python-deps
	.venv/bin/python scripts/python-reference.py --out Tests/AzureEventGridTests/Fixtures

## Benchmarks against the Python SDK, release build (see README "Performance").
bench: deps python-deps
	@scripts/bench.sh

## The demo: start the local emulator, publish all three schemas with key and SAS, show them.
demo:
	@scripts/demo.sh

## The Python SDK publishes to the local emulator; accepted and rejected like the service.
python-conformance: deps python-deps
	@scripts/python-against-emulator.sh

clean:
	rm -rf .build

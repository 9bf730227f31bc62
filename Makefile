# Thin wrappers: the logic lives in scripts/. See README.md.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: all deps build generate check-generated test ci python-deps python-vectors python-conformance demo clean

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

## Install, build, check generated code, run every test.
test: deps
	@scripts/test.sh

ci: test

## A local virtual environment with the Python SDK (reference peer for vectors and benchmarks).
python-deps:
	@scripts/python-deps.sh

## Rewrite the Python SDK reference fixtures (SAS tokens, publish requests).
python-vectors: python-deps
	.venv/bin/python scripts/python-reference.py --out Tests/AzureEventGridTests/Fixtures

## The demo: start the local emulator, publish all three schemas with key and SAS, show them.
demo:
	@scripts/demo.sh

## The Python SDK publishes to the local emulator; accepted and rejected like the service.
python-conformance: deps python-deps
	@scripts/python-against-emulator.sh

clean:
	rm -rf .build

# crm: the corporate-banking CRM. `make run` builds and opens the demo bank; `make test` runs every test CI runs.
SWIFT ?= swift
CRM_DEBUG := .build/debug/crm
CRM_RELEASE := .build/release/crm

.PHONY: build release run demo test bench clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

## The demo bank (small scale), built on first use and reused after.
run: release
	$(CRM_RELEASE) demo

demo: run

## Unit, integration and end-to-end tests (the end-to-end ones drive the built crm binary).
test: build
	$(SWIFT) test --parallel

## Speed figures against baselines measured in the same run (see docs/architecture.md).
bench: release
	bash scripts/bench.sh

clean:
	rm -rf .build

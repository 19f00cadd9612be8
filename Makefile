# Charter: see README.md. `make demo` and `make test` work on a fresh machine.
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: demo test bench build deps

deps:
	@scripts/ensure-deps.sh

build: deps
	swift build --product charter

demo: build
	@scripts/demo.sh

test: deps
	swift test

bench: deps
	swift build -c release --product charter-bench
	.build/release/charter-bench

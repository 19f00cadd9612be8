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

# Peer tools for side-by-side figures live in a virtualenv outside the repository
# (BENCH_VENV); they are installed from PyPI when missing and skipped when that fails.
BENCH_VENV ?= $(abspath ..)/.charter-bench-venv

bench: deps
	@scripts/bench-peers.sh "$(BENCH_VENV)" || true
	swift build -c release --product charter
	swift build -c release --product charter-bench
	CHARTER_BENCH_VENV="$(BENCH_VENV)" .build/release/charter-bench $(BENCH_ARGS)

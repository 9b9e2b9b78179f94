# Reel — the two commands in the README, and a few more for developers.
SWIFT ?= swift
REEL_RELEASE := .build/release/reel

.PHONY: demo test bench build release test-integration clean

## make demo: install what is missing, build, render the example screenplays offline.
demo: release
	$(REEL_RELEASE) make examples/the-last-train.fountain --out renders/demo.mp4
	$(REEL_RELEASE) make examples/last-delivery.zh.fountain --out renders/demo-zh.mp4 --burn-subtitles
	$(REEL_RELEASE) board examples/the-last-train.fountain --html renders/demo-board --quiet
	@echo "Open renders/demo.mp4 (and renders/demo-zh.mp4, renders/demo-board/index.html)."

## make test: the layer rules of docs/ARCHITECTURE.md, then the whole test suite.
test:
	scripts/bootstrap --test
	scripts/check-layers
	$(SWIFT) build --build-tests
	scripts/run-tests

## make bench: speed figures, as ratios against references measured in the same run.
bench: release
	$(SWIFT) build -c release --product reel-bench
	scripts/bench

## make test-integration: heavy tests against real servers (not part of CI).
test-integration:
	scripts/bootstrap --test
	REEL_INTEGRATION=1 $(SWIFT) test --filter Integration

build:
	scripts/bootstrap
	$(SWIFT) build

release:
	scripts/bootstrap
	$(SWIFT) build -c release --product reel

clean:
	rm -rf .build renders

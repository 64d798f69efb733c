# AMP sidechain — build, test and run.
#
#   make localnet   build ampd and run a one-validator chain in the foreground
#   make test       unit, integration (in-process CometBFT) and end-to-end tests

GO        ?= go
BUILD_DIR ?= $(CURDIR)/build
AMPD      := $(BUILD_DIR)/ampd
# Default: the SDK's pure-Go secp256k1. The faster cgo binding
# (libsecp256k1_sdk) cannot link on its own: go-ethereum, which ibc-go's
# transfer app pulls in, bundles the same C library under the same symbols.
# See README "Signature verification".
BUILD_TAGS ?=
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS   := -X github.com/cosmos/cosmos-sdk/version.Name=ampchain \
             -X github.com/cosmos/cosmos-sdk/version.AppName=ampd \
             -X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
             -X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT) \
             -X "github.com/cosmos/cosmos-sdk/version.BuildTags=$(BUILD_TAGS)"
GOFLAGS_BUILD := -tags '$(BUILD_TAGS)' -ldflags '$(LDFLAGS)'

.PHONY: all build install test test-unit test-e2e lint proto-gen localnet localnet-4 localnet-stop bench bench-4 clean

all: build

build:
	@mkdir -p $(BUILD_DIR)
	$(GO) build $(GOFLAGS_BUILD) -o $(AMPD) ./cmd/ampd

install:
	$(GO) install $(GOFLAGS_BUILD) ./cmd/ampd

## test: everything CI runs — unit and in-process network tests, then the
## multi-process end-to-end tests against real ampd processes.
test: test-unit test-e2e

test-unit:
	$(GO) test -tags '$(BUILD_TAGS)' -count=1 -timeout 20m ./...

test-e2e:
	$(GO) test -tags 'e2e $(BUILD_TAGS)' -count=1 -timeout 20m -v ./tests/e2e/...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "not gofmt-formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags '$(BUILD_TAGS)' ./...
	$(GO) vet -tags 'e2e $(BUILD_TAGS)' ./tests/...

## proto-gen: regenerate x/*/types/*.pb.go from proto/ (offline: plugins are
## built from tools/go.mod, proto deps copied from the module cache).
proto-gen:
	bash scripts/protocgen.sh

localnet: build
	AMPD=$(AMPD) LOCALNET_HOME=$(CURDIR)/.localnet bash scripts/localnet.sh

localnet-4: build
	AMPD=$(AMPD) bash scripts/localnet-4.sh start

localnet-stop:
	-AMPD=$(AMPD) bash scripts/localnet-4.sh stop
	-@pkill -f "$(AMPD) start --home $(CURDIR)/.localnet " 2>/dev/null || true

## bench / bench-4: load a fresh localnet with ampbench and write
## docs/BENCHMARKS.md (figures come from benchmarks, never from timed tests).
bench: build
	$(GO) build -o $(BUILD_DIR)/ampbench ./cmd/ampbench
	AMPD=$(AMPD) AMPBENCH=$(BUILD_DIR)/ampbench bash scripts/bench.sh single

bench-4: build
	$(GO) build -o $(BUILD_DIR)/ampbench ./cmd/ampbench
	AMPD=$(AMPD) AMPBENCH=$(BUILD_DIR)/ampbench bash scripts/bench.sh four

clean:
	rm -rf $(BUILD_DIR) .proto-deps .localnet .localnet-4

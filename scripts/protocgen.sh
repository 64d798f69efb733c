#!/usr/bin/env bash
# Generates gogoproto (*.pb.go) and grpc-gateway v1 (*.pb.gw.go) code for the
# .proto files under proto/ampchain, fully offline:
#
#   * buf, protoc-gen-gocosmos and protoc-gen-grpc-gateway are built from the
#     separate tools module (tools/go.mod) into build/tools;
#   * third-party .proto files are copied from the Go module cache into
#     .proto-deps/ (no buf.build / BSR access needed);
#   * buf generates into a temp dir; the files for
#     github.com/ampchain/ampchain/... are copied into the repo.
#
# Usage: bash scripts/protocgen.sh   (from anywhere)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GO_MODULE="github.com/ampchain/ampchain"
TOOLS_BIN="$ROOT/build/tools"
DEPS_DIR="$ROOT/.proto-deps"

# Versions used only if a module is not in the chain's module graph.
SDK_MOD="github.com/cosmos/cosmos-sdk";           SDK_VER="v0.54.4"
GOGO_MOD="github.com/cosmos/gogoproto";          GOGO_VER="v1.7.2"
CPROTO_MOD="github.com/cosmos/cosmos-proto";     CPROTO_VER="v1.0.0-beta.5"
GW_MOD="github.com/grpc-ecosystem/grpc-gateway"; GW_VER="v1.16.0"

export GOWORK=off

TMP_DIR="$(mktemp -d)"
cleanup() { chmod -R u+w "$TMP_DIR" 2>/dev/null || true; rm -rf "$TMP_DIR"; }
trap cleanup EXIT

log() { echo "protocgen: $*" >&2; }

# --- 1. tools -----------------------------------------------------------------
# Rebuilt only when tools/go.mod, tools/go.sum or the Go version change.
build_tools() {
  local stamp_file="$TOOLS_BIN/.stamp" stamp
  stamp="$( { cat tools/go.mod tools/go.sum; go version; } | sha256sum | cut -d' ' -f1)"
  if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" \
        && -x "$TOOLS_BIN/buf" && -x "$TOOLS_BIN/protoc-gen-gocosmos" \
        && -x "$TOOLS_BIN/protoc-gen-grpc-gateway" ]]; then
    return
  fi
  log "building tools into build/tools (first build takes a few minutes)"
  mkdir -p "$TOOLS_BIN"
  rm -f "$stamp_file"
  (cd tools && go build -o "$TOOLS_BIN/" \
    github.com/bufbuild/buf/cmd/buf \
    github.com/cosmos/gogoproto/protoc-gen-gocosmos \
    github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway)
  echo "$stamp" > "$stamp_file"
}
build_tools
export PATH="$TOOLS_BIN:$PATH"

# --- 2. proto dependencies from the Go module cache ---------------------------
# Prints the directory of module $1: the version in the chain's go.mod if it
# is there, else $2 downloaded from the module proxy.
mod_dir() {
  local mod="$1" ver="$2" dir=""
  dir="$(go list -m -f '{{.Dir}}' "$mod" 2>/dev/null || true)"
  if [[ -z "$dir" ]]; then
    # In the graph but not downloaded yet?
    local gver
    gver="$(go list -m -f '{{.Version}}' "$mod" 2>/dev/null || true)"
    [[ -n "$gver" ]] && ver="$gver"
    # Download outside any module so neither go.mod nor go.sum is touched.
    dir="$(cd "$TMP_DIR" && go mod download -json "$mod@$ver" \
            | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  fi
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    log "cannot locate module $mod ($ver)"
    exit 1
  fi
  echo "$dir"
}

# copy_protos SRC_DIR: copies every *.proto below SRC_DIR into DEPS_DIR,
# keeping paths relative to SRC_DIR.
copy_protos() {
  local src="$1"
  [[ -d "$src" ]] || { log "missing directory $src"; exit 1; }
  (cd "$src" && find . -type f -name '*.proto' -print0 | sort -z \
    | xargs -0 -r cp --parents -t "$DEPS_DIR")
}

SDK_DIR="$(mod_dir "$SDK_MOD" "$SDK_VER")"
GOGO_DIR="$(mod_dir "$GOGO_MOD" "$GOGO_VER")"
CPROTO_DIR="$(mod_dir "$CPROTO_MOD" "$CPROTO_VER")"
GW_DIR="$(mod_dir "$GW_MOD" "$GW_VER")"

if [[ -d "$DEPS_DIR" ]]; then chmod -R u+w "$DEPS_DIR"; rm -rf "$DEPS_DIR"; fi
mkdir -p "$DEPS_DIR"
copy_protos "$SDK_DIR/proto"                     # cosmos/*, amino/*, tendermint/*
mkdir -p "$DEPS_DIR/gogoproto"
cp "$GOGO_DIR/gogoproto/gogo.proto" "$DEPS_DIR/gogoproto/"  # gogoproto/gogo.proto
copy_protos "$CPROTO_DIR/proto"                  # cosmos_proto/cosmos.proto
copy_protos "$GW_DIR/third_party/googleapis"     # google/api/*, google/rpc/*
chmod -R u+w "$DEPS_DIR"
# google/protobuf/*.proto (well-known types) are built into buf; a copy here
# would clash with them.
rm -rf "$DEPS_DIR/google/protobuf"

# --- 3. generate --------------------------------------------------------------
OUT_DIR="$TMP_DIR/out"
mkdir -p "$OUT_DIR"
log "buf generate ($(buf --version))"
buf generate . \
  --template proto/buf.gen.gogo.yaml \
  --path proto/ampchain \
  --output "$OUT_DIR"

GEN_DIR="$OUT_DIR/$GO_MODULE"
if [[ ! -d "$GEN_DIR" ]]; then
  log "nothing generated under $GO_MODULE (check go_package options)"
  exit 1
fi
# Copy generated files (x/<module>/types/...) into the repo.
(cd "$GEN_DIR" && find . -type f \( -name '*.pb.go' -o -name '*.pb.gw.go' \) -print0 | sort -z \
  | xargs -0 -r cp --parents -t "$ROOT")
(cd "$GEN_DIR" && find . -type f | sort | sed 's|^\./|protocgen: wrote |' >&2)

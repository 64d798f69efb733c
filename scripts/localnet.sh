#!/usr/bin/env bash
# Single-validator local network for development (`make localnet`).
#
# Wipes and re-creates a fresh home, builds a genesis with one PoA validator,
# prints a banner with the endpoints and a ready-to-paste first transaction,
# then runs `ampd start` in the FOREGROUND (Ctrl-C stops it). All listeners
# are bound to 127.0.0.1 only.
#
# Keys (test keyring backend, no passphrase, stored in $LOCALNET_HOME):
#   validator  1,000,000 AMP; PoA validator (power 10) and validator-set admin
#   demo       1,000,000 AMP
#
# Prices (x/oracle): the AMP/USD pair is registered in genesis and vote
# extensions are on from height 2; the node reports the prices in
# $LOCALNET_HOME/prices.json (rewrite it to move the chain's price, within
# 10 % per update) and `ampd q oracle price AMP/USD` shows the result.
#
# Environment (all optional):
#   AMPD                 ampd binary                       (default ./build/ampd)
#   LOCALNET_HOME        node home; WIPED on every run     (default ./.localnet)
#   LOCALNET_CHAIN_ID    chain id                          (default ampchain-local-1)
#   LOCALNET_MONIKER     validator moniker                 (default localnet)
#   LOCALNET_BASE_PORT   if set: p2p=BASE rpc=BASE+1 grpc=BASE+2 api=BASE+3
#                        abci=BASE+4 (otherwise the standard ports below)
#   LOCALNET_P2P_PORT    CometBFT p2p                      (default 26656)
#   LOCALNET_RPC_PORT    CometBFT RPC                      (default 26657)
#   LOCALNET_GRPC_PORT   Cosmos gRPC                       (default 9090)
#   LOCALNET_API_PORT    Cosmos REST API                   (default 1317)
#   LOCALNET_ABCI_PORT   ABCI address (unused in-process)  (default 26658)
#   LOCALNET_PPROF_ADDR  pprof listen address, e.g. 127.0.0.1:6060 (default: disabled)
#   LOCALNET_AMP_USD     initial AMP/USD price in prices.json (default 0.0123)
# Extra command-line arguments are passed on to `ampd start`, e.g.
#   bash scripts/localnet.sh --log_level warn
set -euo pipefail

die() { echo "localnet: error: $*" >&2; exit 1; }
log() { echo "localnet: $*" >&2; }

# ---------------------------------------------------------------- settings
AMPD="${AMPD:-./build/ampd}"
LOCALNET_HOME="${LOCALNET_HOME:-./.localnet}"
CHAIN_ID="${LOCALNET_CHAIN_ID:-ampchain-local-1}"
MONIKER="${LOCALNET_MONIKER:-localnet}"
DENOM="aamp"
ONE_MILLION_AMP="1000000000000000000000000${DENOM}" # 1,000,000 * 10^18 aamp
KR=(--keyring-backend test)

if [[ -n "${LOCALNET_BASE_PORT:-}" ]]; then
  [[ "$LOCALNET_BASE_PORT" =~ ^[0-9]+$ ]] || die "LOCALNET_BASE_PORT must be a number"
  b=$LOCALNET_BASE_PORT
  P2P_PORT="${LOCALNET_P2P_PORT:-$b}"
  RPC_PORT="${LOCALNET_RPC_PORT:-$((b + 1))}"
  GRPC_PORT="${LOCALNET_GRPC_PORT:-$((b + 2))}"
  API_PORT="${LOCALNET_API_PORT:-$((b + 3))}"
  ABCI_PORT="${LOCALNET_ABCI_PORT:-$((b + 4))}"
else
  P2P_PORT="${LOCALNET_P2P_PORT:-26656}"
  RPC_PORT="${LOCALNET_RPC_PORT:-26657}"
  GRPC_PORT="${LOCALNET_GRPC_PORT:-9090}"
  API_PORT="${LOCALNET_API_PORT:-1317}"
  ABCI_PORT="${LOCALNET_ABCI_PORT:-26658}"
fi
PPROF_ADDR="${LOCALNET_PPROF_ADDR:-}"
AMP_USD="${LOCALNET_AMP_USD:-0.0123}"
[[ "$AMP_USD" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "LOCALNET_AMP_USD must be a decimal, got $AMP_USD"
for p in "$P2P_PORT" "$RPC_PORT" "$GRPC_PORT" "$API_PORT" "$ABCI_PORT"; do
  if ! [[ "$p" =~ ^[0-9]+$ ]] || ((p <= 0 || p >= 65536)); then die "invalid port: $p"; fi
done

if read -r EPH_LO EPH_HI </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null; then
  for p in "$P2P_PORT" "$RPC_PORT" "$GRPC_PORT" "$API_PORT"; do
    if ((p >= EPH_LO && p <= EPH_HI)); then
      log "warning: port $p is in the ephemeral port range $EPH_LO-$EPH_HI; binding it may fail"
    fi
  done
fi

# ---------------------------------------------------------------- helpers
abspath() { # abspath PATH -> absolute path (PATH need not exist; its parent must)
  local d b
  d="$(dirname -- "$1")"
  b="$(basename -- "$1")"
  [[ -d "$d" ]] || die "directory $d does not exist"
  d="$(cd -- "$d" && pwd -P)"
  if [[ "$b" == "." ]]; then echo "$d"; else echo "${d%/}/$b"; fi
}

# toml_set FILE SECTION KEY VALUE: replace `KEY = ...` inside [SECTION]
# ("" = top level). VALUE is written verbatim (quote strings yourself).
toml_set() {
  local file=$1 section=$2 key=$3 value=$4 tmp
  tmp="$(mktemp)"
  if ! awk -v section="$section" -v key="$key" -v value="$value" '
      BEGIN { cur = ""; done = 0 }
      /^[[:space:]]*\[/ { s = $0; sub(/^[[:space:]]*\[+/, "", s); sub(/\]+[[:space:]]*$/, "", s); cur = s }
      !done && cur == section && $0 ~ ("^[[:space:]]*" key "[[:space:]]*=") { print key " = " value; done = 1; next }
      { print }
      END { if (!done) exit 3 }' "$file" >"$tmp"; then
    rm -f "$tmp"
    die "could not set [$section] $key in $file"
  fi
  cat "$tmp" >"$file"
  rm -f "$tmp"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- checks
if [[ "$AMPD" == */* ]]; then
  [[ -x "$AMPD" ]] || die "ampd binary not found at $AMPD (run 'make build' first or set AMPD)"
  AMPD="$(abspath "$AMPD")"
else
  command -v "$AMPD" >/dev/null || die "ampd binary '$AMPD' not found in PATH"
fi

[[ -n "$LOCALNET_HOME" ]] || die "LOCALNET_HOME is empty"
LOCALNET_HOME="$(abspath "$LOCALNET_HOME")"
case "$LOCALNET_HOME" in
  / | "$HOME" | "$(pwd -P)") die "refusing to use $LOCALNET_HOME as LOCALNET_HOME (it gets wiped)" ;;
esac
if [[ -d "$LOCALNET_HOME" && -n "$(ls -A "$LOCALNET_HOME")" && ! -d "$LOCALNET_HOME/config" ]]; then
  die "$LOCALNET_HOME is not empty and does not look like an ampd home; refusing to wipe it"
fi

for p in "$P2P_PORT" "$RPC_PORT" "$GRPC_PORT" "$API_PORT"; do
  if port_in_use "$p"; then
    die "port $p on 127.0.0.1 is already in use (another localnet running?); stop it or set LOCALNET_BASE_PORT"
  fi
done

# ---------------------------------------------------------------- init
log "wiping and initialising $LOCALNET_HOME (chain id $CHAIN_ID)"
rm -rf -- "$LOCALNET_HOME"
H=(--home "$LOCALNET_HOME")

"$AMPD" init "$MONIKER" --chain-id "$CHAIN_ID" "${H[@]}" >/dev/null 2>&1 ||
  die "ampd init failed (re-run: $AMPD init $MONIKER --chain-id $CHAIN_ID --home $LOCALNET_HOME)"

for k in validator demo; do
  "$AMPD" keys add "$k" "${KR[@]}" "${H[@]}" --output json >"$LOCALNET_HOME/$k.key.json" 2>&1 ||
    die "ampd keys add $k failed: $(cat "$LOCALNET_HOME/$k.key.json")"
done
chmod 600 "$LOCALNET_HOME"/*.key.json
VALIDATOR_ADDR="$("$AMPD" keys show validator -a "${KR[@]}" "${H[@]}")"
DEMO_ADDR="$("$AMPD" keys show demo -a "${KR[@]}" "${H[@]}")"

"$AMPD" genesis add-genesis-account "$VALIDATOR_ADDR" "$ONE_MILLION_AMP" "${KR[@]}" "${H[@]}"
"$AMPD" genesis add-genesis-account "$DEMO_ADDR" "$ONE_MILLION_AMP" "${KR[@]}" "${H[@]}"
"$AMPD" genesis add-poa-validator validator 10 --moniker "$MONIKER" "${KR[@]}" "${H[@]}"
"$AMPD" genesis set-poa-admin validator "${KR[@]}" "${H[@]}"
# x/oracle: AMP/USD (max age 60s, max move 10 % per update) from vote extensions
"$AMPD" genesis add-oracle-pair AMP/USD 60s 0.10 "${H[@]}"
"$AMPD" genesis set-vote-extensions-height 2 "${H[@]}"
"$AMPD" genesis validate "${H[@]}" >/dev/null

# ---------------------------------------------------------------- config
CFG="$LOCALNET_HOME/config/config.toml"
APP="$LOCALNET_HOME/config/app.toml"
CLI="$LOCALNET_HOME/config/client.toml"
toml_set "$CFG" "" proxy_app "\"tcp://127.0.0.1:$ABCI_PORT\""
toml_set "$CFG" rpc laddr "\"tcp://127.0.0.1:$RPC_PORT\""
toml_set "$CFG" rpc pprof_laddr "\"$PPROF_ADDR\""
toml_set "$CFG" p2p laddr "\"tcp://127.0.0.1:$P2P_PORT\""
toml_set "$CFG" p2p addr_book_strict false
toml_set "$CFG" p2p allow_duplicate_ip true
toml_set "$CFG" instrumentation prometheus false
toml_set "$APP" api enable true
toml_set "$APP" api address "\"tcp://127.0.0.1:$API_PORT\""
toml_set "$APP" grpc enable true
toml_set "$APP" grpc address "\"127.0.0.1:$GRPC_PORT\""
# the prices this validator reports in its vote extensions
printf '{"AMP/USD":"%s"}\n' "$AMP_USD" >"$LOCALNET_HOME/prices.json"
toml_set "$APP" oracle source "\"file://$LOCALNET_HOME/prices.json\""
# so that `ampd --home $LOCALNET_HOME ...` talks to this node with the test keyring
toml_set "$CLI" "" chain-id "\"$CHAIN_ID\""
toml_set "$CLI" "" keyring-backend "\"test\""
toml_set "$CLI" "" node "\"tcp://127.0.0.1:$RPC_PORT\""

# ---------------------------------------------------------------- banner
if [[ "$AMPD" == "$(pwd -P)/build/ampd" ]]; then SHOW_AMPD=./build/ampd; else SHOW_AMPD="$AMPD"; fi
if [[ "$LOCALNET_HOME" == "$(pwd -P)/.localnet" ]]; then SHOW_HOME=./.localnet; else SHOW_HOME="$LOCALNET_HOME"; fi
cat <<EOF

================================ ampchain localnet ================================
  chain id    $CHAIN_ID
  RPC         http://127.0.0.1:$RPC_PORT
  REST (API)  http://127.0.0.1:$API_PORT
  gRPC        127.0.0.1:$GRPC_PORT
  home        $SHOW_HOME   (keyring backend: test)
  validator   $VALIDATOR_ADDR  (PoA power 10, admin, 1,000,000 AMP)
  demo        $DEMO_ADDR  (1,000,000 AMP)

  Send 1 AMP from demo to validator (paste in another terminal):
    $SHOW_AMPD tx bank send demo $VALIDATOR_ADDR 1000000000000000000$DENOM --chain-id $CHAIN_ID --keyring-backend test --home $SHOW_HOME --node tcp://127.0.0.1:$RPC_PORT --yes
  Balances:
    $SHOW_AMPD q bank balances $DEMO_ADDR --node tcp://127.0.0.1:$RPC_PORT
  AMP/USD price (reported from $SHOW_HOME/prices.json; edit it to move the price):
    $SHOW_AMPD q oracle price AMP/USD --node tcp://127.0.0.1:$RPC_PORT
===================================================================================

EOF

exec "$AMPD" start --home "$LOCALNET_HOME" \
  --p2p.laddr "tcp://127.0.0.1:$P2P_PORT" \
  --rpc.laddr "tcp://127.0.0.1:$RPC_PORT" \
  --rpc.pprof_laddr "$PPROF_ADDR" \
  --grpc.address "127.0.0.1:$GRPC_PORT" \
  --api.address "tcp://127.0.0.1:$API_PORT" \
  --proxy_app "tcp://127.0.0.1:$ABCI_PORT" \
  "$@"

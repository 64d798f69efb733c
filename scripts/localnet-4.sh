#!/usr/bin/env bash
# Four-validator local network: four real `ampd` processes on 127.0.0.1.
#
# Usage (from the repo root):
#   bash scripts/localnet-4.sh start      wipe $LOCALNET4_HOME, build one shared genesis,
#                                         start node0..node3 in the background and wait
#                                         until every RPC answers at height >= 2
#   bash scripts/localnet-4.sh stop       stop all nodes (safe when nothing runs)
#   bash scripts/localnet-4.sh status     pid / height / RPC of every node (exit 1 if one is down)
#   bash scripts/localnet-4.sh kill N     SIGKILL node N only (crash simulation)
#   bash scripts/localnet-4.sh restart N  (stop and) start node N again with the same flags,
#                                         wait until its RPC answers
#
# Layout under $LOCALNET4_HOME (default ./.localnet-4):
#   nodeN/             ampd home of node N (N = 0..3)
#   nodeN/ampd.log     its log;  nodeN/ampd.pid  its pid while it runs
#   nodeN/prices.json  the prices node N reports in its vote extensions (x/oracle;
#                      app.toml [oracle] source); rewrite it (atomically: write a
#                      temp file, then mv) to move the chain's AMP/USD price, which is
#                      the power-weighted median of the four reports, within 10 % per
#                      update. AMP/USD is registered in genesis (max age 60s) and vote
#                      extensions are on from height 2:  ampd q oracle price AMP/USD
#   node0/keyring-test THE keyring (test backend, no passphrase) with the keys
#                        validator0..validator3  operator of node N's PoA validator,
#                                                1,000,000 AMP each; validator0 is the
#                                                validator-set admin
#                        demo                    1,000,000 AMP
#     use it with: --keyring-backend test --home $LOCALNET4_HOME/node0
#
# Ports: node N uses BASE+10*N + {0 p2p, 1 CometBFT RPC, 2 gRPC, 3 REST API, 4 ABCI
# (unused in-process)}; BASE = $LOCALNET4_BASE_PORT (default 27000). pprof and
# prometheus are disabled. So node0's RPC is tcp://127.0.0.1:27001, node1's :27011 ...
#
# Environment (all optional):
#   AMPD                    ampd binary                      (default ./build/ampd)
#   LOCALNET4_HOME          network home; WIPED by `start`   (default ./.localnet-4)
#   LOCALNET4_BASE_PORT     base port                        (default 27000)
#   LOCALNET4_CHAIN_ID      chain id                         (default ampchain-local-1)
#   LOCALNET4_START_TIMEOUT seconds `start`/`restart` wait   (default 60)
#   LOCALNET4_AMP_USD       initial AMP/USD price of every node's prices.json (default 0.0123)
set -euo pipefail

NODES=4
POWER=10
DENOM="aamp"
ONE_MILLION_AMP="1000000000000000000000000${DENOM}" # 1,000,000 * 10^18 aamp

die() { echo "localnet-4: error: $*" >&2; exit 1; }
log() { echo "localnet-4: $*" >&2; }

AMPD="${AMPD:-./build/ampd}"
NET_HOME="${LOCALNET4_HOME:-./.localnet-4}"
BASE_PORT="${LOCALNET4_BASE_PORT:-27000}"
CHAIN_ID="${LOCALNET4_CHAIN_ID:-ampchain-local-1}"
START_TIMEOUT="${LOCALNET4_START_TIMEOUT:-60}"
AMP_USD="${LOCALNET4_AMP_USD:-0.0123}"
[[ "$AMP_USD" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "LOCALNET4_AMP_USD must be a decimal, got $AMP_USD"
if ! [[ "$BASE_PORT" =~ ^[0-9]+$ ]] || ((BASE_PORT <= 0 || BASE_PORT + 10 * NODES >= 65536)); then
  die "invalid LOCALNET4_BASE_PORT: $BASE_PORT"
fi
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "invalid LOCALNET4_START_TIMEOUT: $START_TIMEOUT"
if read -r EPH_LO EPH_HI </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null &&
  ((BASE_PORT + 10 * NODES > EPH_LO && BASE_PORT <= EPH_HI)); then
  log "warning: ports $BASE_PORT-$((BASE_PORT + 10 * NODES - 1)) overlap the ephemeral port range" \
    "$EPH_LO-$EPH_HI; a node may fail to bind (pick a base port below $EPH_LO)"
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

node_home() { echo "$NET_HOME/node$1"; }
p2p_port() { echo $((BASE_PORT + 10 * $1 + 0)); }
rpc_port() { echo $((BASE_PORT + 10 * $1 + 1)); }
grpc_port() { echo $((BASE_PORT + 10 * $1 + 2)); }
api_port() { echo $((BASE_PORT + 10 * $1 + 3)); }
abci_port() { echo $((BASE_PORT + 10 * $1 + 4)); }
rpc_url() { echo "tcp://127.0.0.1:$(rpc_port "$1")"; }

check_node_index() {
  if ! [[ "${1:-}" =~ ^[0-9]+$ ]] || (($1 >= NODES)); then
    die "node index must be 0..$((NODES - 1)), got '${1:-}'"
  fi
}

# node_pid N: print the pid of node N if that process is alive and really is our
# ampd for this home; otherwise print nothing (and drop a stale pid file).
node_pid() {
  local f pid
  f="$(node_home "$1")/ampd.pid"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(node_home "$1")"; then
    echo "$pid"
  else
    rm -f "$f"
  fi
}

# height N: latest block height reported by node N's RPC, or nothing if it does not answer
height() {
  timeout 10 "$AMPD" status --node "$(rpc_url "$1")" 2>/dev/null |
    grep -o '"latest_block_height":"[0-9]*"' | grep -o '[0-9][0-9]*' || true
}

log_tail() {
  local i f
  for i in "$@"; do
    f="$(node_home "$i")/ampd.log"
    echo "----- node$i: last 30 lines of $f -----" >&2
    if [[ -f "$f" ]]; then tail -n 30 "$f" >&2; else echo "(no log)" >&2; fi
  done
}

start_node() {
  local i=$1 h pid
  h="$(node_home "$i")"
  [[ -f "$h/config/genesis.json" ]] || die "node$i is not initialised ($h); run '$0 start' first"
  [[ -z "$(node_pid "$i")" ]] || die "node$i is already running (pid $(node_pid "$i"))"
  for p in "$(p2p_port "$i")" "$(rpc_port "$i")" "$(grpc_port "$i")" "$(api_port "$i")"; do
    if port_in_use "$p"; then
      die "port $p on 127.0.0.1 (node$i) is already in use; set LOCALNET4_BASE_PORT"
    fi
  done
  # stdin/stdout/stderr are all redirected so that callers capturing our output
  # do not wait for the node; setsid puts it in its own session (no SIGINT/SIGHUP
  # from the caller's terminal).
  setsid nohup "$AMPD" start --home "$h" \
    --p2p.laddr "tcp://127.0.0.1:$(p2p_port "$i")" \
    --rpc.laddr "tcp://127.0.0.1:$(rpc_port "$i")" \
    --rpc.pprof_laddr "" \
    --grpc.address "127.0.0.1:$(grpc_port "$i")" \
    --api.address "tcp://127.0.0.1:$(api_port "$i")" \
    --proxy_app "tcp://127.0.0.1:$(abci_port "$i")" \
    --log_no_color \
    </dev/null >>"$h/ampd.log" 2>&1 &
  pid=$!
  echo "$pid" >"$h/ampd.pid"
  log "node$i started (pid $pid, rpc $(rpc_url "$i"), log $h/ampd.log)"
}

# pid_alive PID: the process exists and is not a zombie
pid_alive() {
  kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]]
}

# wait_gone N PID SIGNAL: wait (bounded) until node N's process PID, already sent
# SIGNAL, has exited; SIGKILL it after 15 s
wait_gone() {
  local i=$1 pid=$2 sig=$3 n
  for ((n = 0; n < 150; n++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    log "node$i (pid $pid) did not exit 15s after SIG$sig; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((n = 0; n < 50; n++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$(node_home "$i")/ampd.pid"
  log "node$i stopped (pid $pid, SIG$sig)"
}

# stop_node N SIGNAL: signal node N (if it runs) and wait until it has exited
stop_node() {
  local pid
  pid="$(node_pid "$1")"
  [[ -n "$pid" ]] || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  wait_gone "$1" "$pid" "$2"
}

# wait_nodes MIN_HEIGHT N...: wait until every listed node's RPC reports height >= MIN_HEIGHT
wait_nodes() {
  local min=$1 deadline i h ok
  shift
  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    ok=1
    for i in "$@"; do
      if [[ -z "$(node_pid "$i")" ]]; then
        log "node$i exited unexpectedly"
        log_tail "$i"
        return 1
      fi
      h="$(height "$i")"
      if [[ -z "$h" ]] || ((h < min)); then ok=0; fi
    done
    ((ok)) && return 0
    if ((SECONDS >= deadline)); then
      log "timed out after ${START_TIMEOUT}s waiting for node(s) $* to reach height $min"
      for i in "$@"; do log "node$i height: $(height "$i")"; done
      log_tail "$@"
      return 1
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------- setup
if [[ "$AMPD" == */* ]]; then
  [[ -x "$AMPD" ]] || die "ampd binary not found at $AMPD (run 'make build' first or set AMPD)"
  AMPD="$(abspath "$AMPD")"
else
  AMPD="$(command -v "$AMPD")" || die "ampd binary not found in PATH"
fi
[[ -n "$NET_HOME" ]] || die "LOCALNET4_HOME is empty"
NET_HOME="$(abspath "$NET_HOME")"
command -v setsid >/dev/null || die "setsid (util-linux) is required"

init_network() {
  local i h k KR=(--keyring-backend test) H0 pubkey peers
  case "$NET_HOME" in
    / | "$HOME" | "$(pwd -P)") die "refusing to use $NET_HOME as LOCALNET4_HOME (it gets wiped)" ;;
  esac
  if [[ -d "$NET_HOME" && -n "$(ls -A "$NET_HOME")" && ! -d "$NET_HOME/node0" ]]; then
    die "$NET_HOME is not empty and does not look like a localnet-4 home; refusing to wipe it"
  fi
  log "wiping and initialising $NET_HOME (chain id $CHAIN_ID, base port $BASE_PORT)"
  rm -rf -- "$NET_HOME"
  mkdir -p "$NET_HOME"
  H0="$(node_home 0)"

  for ((i = 0; i < NODES; i++)); do
    h="$(node_home "$i")"
    "$AMPD" init "node$i" --chain-id "$CHAIN_ID" --home "$h" >"$NET_HOME/init.log" 2>&1 ||
      { cat "$NET_HOME/init.log" >&2; die "ampd init node$i failed"; }
  done
  rm -f "$NET_HOME/init.log"

  # keys: all in node0's test keyring
  for k in demo validator0 validator1 validator2 validator3; do
    "$AMPD" keys add "$k" "${KR[@]}" --home "$H0" --output json >"$H0/$k.key.json" 2>&1 ||
      die "ampd keys add $k failed: $(cat "$H0/$k.key.json")"
  done
  chmod 600 "$H0"/*.key.json

  # shared genesis, built in node0's home
  for k in demo validator0 validator1 validator2 validator3; do
    "$AMPD" genesis add-genesis-account "$k" "$ONE_MILLION_AMP" "${KR[@]}" --home "$H0"
  done
  for ((i = 0; i < NODES; i++)); do
    pubkey="$("$AMPD" comet show-validator --home "$(node_home "$i")")"
    "$AMPD" genesis add-poa-validator "validator$i" "$POWER" --moniker "node$i" \
      --pubkey "$pubkey" "${KR[@]}" --home "$H0"
  done
  "$AMPD" genesis set-poa-admin validator0 "${KR[@]}" --home "$H0"
  # x/oracle: AMP/USD (max age 60s, max move 10 % per update) from vote extensions
  "$AMPD" genesis add-oracle-pair AMP/USD 60s 0.10 --home "$H0"
  "$AMPD" genesis set-vote-extensions-height 2 --home "$H0"
  "$AMPD" genesis validate --home "$H0" >/dev/null
  for ((i = 1; i < NODES; i++)); do
    cp "$H0/config/genesis.json" "$(node_home "$i")/config/genesis.json"
  done

  # configs: loopback ports, peers, p2p rules for many nodes on one IP
  local ids=()
  for ((i = 0; i < NODES; i++)); do
    ids[i]="$("$AMPD" comet show-node-id --home "$(node_home "$i")")"
  done
  for ((i = 0; i < NODES; i++)); do
    h="$(node_home "$i")"
    peers=""
    for ((k = 0; k < NODES; k++)); do
      ((k == i)) && continue
      peers+="${peers:+,}${ids[k]}@127.0.0.1:$(p2p_port "$k")"
    done
    local cfg="$h/config/config.toml" app="$h/config/app.toml" cli="$h/config/client.toml"
    toml_set "$cfg" "" proxy_app "\"tcp://127.0.0.1:$(abci_port "$i")\""
    toml_set "$cfg" rpc laddr "\"tcp://127.0.0.1:$(rpc_port "$i")\""
    toml_set "$cfg" rpc pprof_laddr '""'
    toml_set "$cfg" p2p laddr "\"tcp://127.0.0.1:$(p2p_port "$i")\""
    toml_set "$cfg" p2p persistent_peers "\"$peers\""
    toml_set "$cfg" p2p addr_book_strict false
    toml_set "$cfg" p2p allow_duplicate_ip true
    toml_set "$cfg" instrumentation prometheus false
    toml_set "$app" api enable true
    toml_set "$app" api address "\"tcp://127.0.0.1:$(api_port "$i")\""
    toml_set "$app" grpc enable true
    toml_set "$app" grpc address "\"127.0.0.1:$(grpc_port "$i")\""
    printf '{"AMP/USD":"%s"}\n' "$AMP_USD" >"$h/prices.json"
    toml_set "$app" oracle source "\"file://$h/prices.json\""
    toml_set "$cli" "" chain-id "\"$CHAIN_ID\""
    toml_set "$cli" "" keyring-backend "\"test\""
    toml_set "$cli" "" node "\"$(rpc_url "$i")\""
  done
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local i running=""
  for ((i = 0; i < NODES; i++)); do
    if [[ -n "$(node_pid "$i")" ]]; then running+=" node$i"; fi
  done
  [[ -z "$running" ]] || die "already running:$running (run '$0 stop' first)"
  for ((i = 0; i < NODES; i++)); do
    for p in "$(p2p_port "$i")" "$(rpc_port "$i")" "$(grpc_port "$i")" "$(api_port "$i")"; do
      if port_in_use "$p"; then
        die "port $p on 127.0.0.1 (node$i) is already in use; set LOCALNET4_BASE_PORT"
      fi
    done
  done

  init_network
  for ((i = 0; i < NODES; i++)); do start_node "$i"; done

  log "waiting (up to ${START_TIMEOUT}s) for all nodes to reach height 2"
  if ! wait_nodes 2 0 1 2 3; then
    log "start failed; stopping the nodes (logs are kept under $NET_HOME)"
    cmd_stop
    exit 1
  fi
  local demo
  demo="$("$AMPD" keys show demo -a --keyring-backend test --home "$(node_home 0)")"
  cat <<EOF

4-node localnet is up (chain id $CHAIN_ID, home $NET_HOME)
  node0 RPC $(rpc_url 0)  REST http://127.0.0.1:$(api_port 0)  gRPC 127.0.0.1:$(grpc_port 0)
  node1 RPC $(rpc_url 1)  node2 RPC $(rpc_url 2)  node3 RPC $(rpc_url 3)
  keyring: --keyring-backend test --home $(node_home 0)   (demo = $demo)
  e.g. $AMPD q poa validators --node $(rpc_url 0)
       $AMPD q oracle price AMP/USD --node $(rpc_url 0)   (prices from nodeN/prices.json)
  stop with: bash $0 stop
EOF
}

cmd_stop() {
  local i pids=() stopped=0
  # signal every node first so that they shut down in parallel, then wait for each
  for ((i = 0; i < NODES; i++)); do
    pids[i]="$(node_pid "$i")"
    if [[ -n "${pids[i]}" ]]; then kill -TERM "${pids[i]}" 2>/dev/null || true; fi
  done
  for ((i = 0; i < NODES; i++)); do
    if [[ -n "${pids[i]}" ]]; then
      wait_gone "$i" "${pids[i]}" TERM
      stopped=$((stopped + 1))
    fi
  done
  ((stopped > 0)) || log "no node was running"
}

cmd_status() {
  local i pid h all=0
  printf '%-6s %-8s %-8s %s\n' NODE PID HEIGHT RPC
  for ((i = 0; i < NODES; i++)); do
    pid="$(node_pid "$i")"
    h=""
    [[ -n "$pid" ]] && h="$(height "$i")"
    [[ -n "$pid" && -n "$h" ]] || all=1
    printf '%-6s %-8s %-8s %s\n' "node$i" "${pid:-down}" "${h:--}" "$(rpc_url "$i")"
  done
  return $all
}

cmd_kill() {
  check_node_index "${1:-}"
  [[ -n "$(node_pid "$1")" ]] || { log "node$1 is not running"; return 0; }
  stop_node "$1" KILL
}

cmd_restart() {
  check_node_index "${1:-}"
  stop_node "$1" TERM
  start_node "$1"
  log "waiting (up to ${START_TIMEOUT}s) for node$1's RPC"
  wait_nodes 1 "$1" || die "node$1 did not come back"
  log "node$1 is up at height $(height "$1")"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) cmd_kill "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status|restart N|kill N" >&2
    exit 2
    ;;
esac

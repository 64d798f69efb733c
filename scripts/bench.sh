#!/usr/bin/env bash
# `make bench` / `make bench-4`: start a localnet with the README's block
# interval, load it with ampbench (30 s a row: bank send, amp
# transfer-by-partition, collateral open-guarantee, attest-settlement),
# profile the node under load, stop it and write docs/BENCHMARKS.md.
#
#   bash scripts/bench.sh single|four
#
# Environment: AMPD, AMPBENCH (binaries), BENCH_DURATION (30s), BENCH_RATE
# (target tx/s, default 300), BENCH_ACCOUNTS (100), BENCH_OUT (docs/BENCHMARKS.md).
set -euo pipefail

mode="${1:-single}"
AMPD="${AMPD:-./build/ampd}"
AMPBENCH="${AMPBENCH:-./build/ampbench}"
DURATION="${BENCH_DURATION:-30s}"
RATE="${BENCH_RATE:-300}"
ACCOUNTS="${BENCH_ACCOUNTS:-100}"
if [[ "$mode" == four ]]; then default_out=docs/BENCHMARKS-localnet-4.md; else default_out=docs/BENCHMARKS.md; fi
OUT="${BENCH_OUT:-$default_out}"
WORK="$(mktemp -d)"
BASE=28500
PPROF_PORT=$((BASE + 9))
trap 'stop_nodes; rm -rf "$WORK"' EXIT

stop_nodes() {
  if [[ "$mode" == four ]]; then
    LOCALNET4_HOME="$WORK/net" bash scripts/localnet-4.sh stop >/dev/null 2>&1 || true
  elif [[ -n "${node_pid:-}" ]]; then
    kill -- "-$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
}

if [[ "$mode" == four ]]; then
  home="$WORK/net/node0"
  rpc="tcp://127.0.0.1:$((BASE + 1))"
  AMPD="$AMPD" LOCALNET4_HOME="$WORK/net" LOCALNET4_BASE_PORT="$BASE" bash scripts/localnet-4.sh start >"$WORK/start.log" 2>&1
  pprof_note="pprof not sampled on localnet-4"
else
  home="$WORK/home"
  rpc="tcp://127.0.0.1:$((BASE + 1))"
  setsid env AMPD="$AMPD" LOCALNET_HOME="$home" LOCALNET_BASE_PORT="$BASE" LOCALNET_PPROF_ADDR="127.0.0.1:$PPROF_PORT" \
    bash scripts/localnet.sh --log_level error >"$WORK/node.log" 2>&1 &
  node_pid=$!
  pprof_note=""
fi

echo "bench: waiting for $rpc and an AMP/USD price" >&2
for _ in $(seq 1 120); do
  if "$AMPD" q oracle price AMP/USD --node "$rpc" -o json 2>/dev/null | grep -q '"stale":false'; then break; fi
  sleep 1
done

if [[ "$mode" != four ]]; then
  # Sample the node's CPU for 20 s while the first rows run.
  (sleep 15; curl -s "http://127.0.0.1:$PPROF_PORT/debug/pprof/profile?seconds=20" -o "$WORK/cpu.pprof") &
  profiler=$!
fi

"$AMPBENCH" --node "$rpc" --home "$home" --from demo --accounts "$ACCOUNTS" --rate "$RATE" \
  --duration "$DURATION" --markdown "$WORK/table.md" --json "$WORK/results.json" | tee "$WORK/table.txt"

if [[ -n "${profiler:-}" ]]; then
  wait "$profiler" || true
  if [[ -s "$WORK/cpu.pprof" ]]; then
    go tool pprof -top -nodecount=20 "$AMPD" "$WORK/cpu.pprof" 2>/dev/null | sed -n '1,28p' >"$WORK/profile.txt" || true
  fi
fi

mkdir -p "$(dirname "$OUT")"
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (one validator) or \`make bench-4\` (four validators on one machine): $(date -u +%Y-%m-%dT%H:%MZ)."
  echo
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | awk '{print $3}')"
  echo "- network: $mode; block interval: timeout_commit 500 ms (README)"
  echo "- load: $ACCOUNTS pre-signed accounts, target $RATE tx/s, $DURATION per row, latency from broadcast to the NewBlock event that carries the tx"
  echo
  cat "$WORK/table.md"
  echo
  if [[ -s "$WORK/profile.txt" ]]; then
    echo "## Where the node's CPU goes (20 s under load)"
    echo
    echo '```'
    cat "$WORK/profile.txt"
    echo '```'
  elif [[ -n "$pprof_note" ]]; then
    echo "($pprof_note)"
  fi
} >"$OUT"
echo "bench: wrote $OUT" >&2

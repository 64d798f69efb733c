//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAmpPartitionsCLI drives x/amp through the ampd CLI against a running
// single-node localnet: it funds two keys, registers the validator key as a
// collateral manager, moves demo's AMP into a holder-collateral partition of
// that manager, authorizes an operator that then transfers by partition,
// queries the balances and partitions, and watches a stranger's attempt to
// move demo's tokens fail with x/amp's "insufficient allowance" (code 7).
func TestAmpPartitionsCLI(t *testing.T) {
	start := time.Now()
	home, rpc := startSingleLocalnet(t)

	demo := keyAddr(t, home, "demo")
	manager := keyAddr(t, home, "validator")
	operator := newKey(t, home, "amp-operator")
	stranger := newKey(t, home, "amp-stranger")

	// 1. Fund two keys from demo (the stranger needs an account to sign).
	const fund = "10000000000000000000" // 10 AMP
	sendAndConfirm(t, home, "demo", operator, fund, rpc, rpc)
	sendAndConfirm(t, home, "demo", stranger, fund, rpc, rpc)
	waitBalance(t, rpc, operator, fund, 20*time.Second)
	waitBalance(t, rpc, stranger, fund, 20*time.Second)

	// 2. The validator key registers itself as a collateral manager.
	requireTxOK(t, ampTx(t, home, rpc, "validator", "register-collateral-manager"))
	var isMgr struct {
		IsCollateralManager bool `json:"is_collateral_manager"`
	}
	ampQuery(t, rpc, &isMgr, "is-collateral-manager", manager)
	if !isMgr.IsCollateralManager {
		t.Fatalf("%s is not a collateral manager after register-collateral-manager", manager)
	}

	// 3. demo moves 1,000 AMP into the manager's holder-collateral partition:
	// 0xaaaaaaaa | 8 zero bytes | the manager's 20-byte address.
	partition := "0xaaaaaaaa" + strings.Repeat("00", 8) + addrHex(t, home, manager)
	defaultPartition := "0x" + strings.Repeat("00", 32)
	const supplied = "1000000000000000000000" // 1,000 AMP
	demoTotalBefore := ampAmount(t, rpc, "balance-of", demo)
	res := ampTx(t, home, rpc, "demo", "transfer-by-partition", defaultPartition, demo, demo, supplied, "--to-partition", partition)
	requireTxOK(t, res)
	if got := ampAmount(t, rpc, "balance-of-by-partition", partition, demo); got != supplied {
		t.Fatalf("demo holds %s in %s, want %s", got, partition, supplied)
	}
	wantDefault := new(big.Int).Sub(bigInt(t, demoTotalBefore), bigInt(t, supplied))
	wantDefault.Sub(wantDefault, bigInt(t, res.feeIn(denom)))
	if got := ampAmount(t, rpc, "balance-of-by-partition", defaultPartition, demo); got != wantDefault.String() {
		t.Fatalf("demo's default partition holds %s, want %s", got, wantDefault)
	}
	wantTotal := new(big.Int).Sub(bigInt(t, demoTotalBefore), bigInt(t, res.feeIn(denom)))
	if got := ampAmount(t, rpc, "balance-of", demo); got != wantTotal.String() {
		t.Fatalf("balance-of demo = %s, want %s (partitions still count)", got, wantTotal)
	}

	// 4. demo authorizes the operator, which moves part of the partition to
	// itself, keeping the partition.
	requireTxOK(t, ampTx(t, home, rpc, "demo", "authorize-operator", operator))
	var isOp struct {
		IsOperator bool `json:"is_operator"`
	}
	ampQuery(t, rpc, &isOp, "is-operator", operator, demo)
	if !isOp.IsOperator {
		t.Fatalf("%s is not an operator of %s after authorize-operator", operator, demo)
	}
	const moved = "250000000000000000000" // 250 AMP
	requireTxOK(t, ampTx(t, home, rpc, "amp-operator", "transfer-by-partition", partition, demo, operator, moved))

	// 5. Queries: balance-of-by-partition and partitions-of.
	left := new(big.Int).Sub(bigInt(t, supplied), bigInt(t, moved)).String()
	if got := ampAmount(t, rpc, "balance-of-by-partition", partition, demo); got != left {
		t.Fatalf("demo holds %s in the partition, want %s", got, left)
	}
	if got := ampAmount(t, rpc, "balance-of-by-partition", partition, operator); got != moved {
		t.Fatalf("the operator holds %s in the partition, want %s", got, moved)
	}
	for who, addr := range map[string]string{"demo": demo, "operator": operator} {
		var parts struct {
			Partitions []string `json:"partitions"`
		}
		ampQuery(t, rpc, &parts, "partitions-of", addr)
		want := []string{defaultPartition, partition}
		if strings.Join(parts.Partitions, ",") != strings.Join(want, ",") {
			t.Fatalf("partitions-of %s = %v, want %v", who, parts.Partitions, want)
		}
	}

	// 6. A stranger's attempt to move demo's tokens fails in the block with
	// x/amp's registered error, and changes nothing.
	bad := ampTx(t, home, rpc, "amp-stranger", "transfer-by-partition", partition, demo, stranger, "1")
	if bad.Code != 7 || bad.Codespace != "amp" || !strings.Contains(bad.RawLog, "insufficient allowance") {
		t.Fatalf("stranger's transfer: code=%d codespace=%q raw_log=%q; want code 7, codespace amp, insufficient allowance",
			bad.Code, bad.Codespace, bad.RawLog)
	}
	t.Logf("stranger refused: %s", bad.RawLog)
	if got := ampAmount(t, rpc, "balance-of-by-partition", partition, demo); got != left {
		t.Fatalf("after the refused transfer demo holds %s in the partition, want %s", got, left)
	}
	if got := ampAmount(t, rpc, "balance-of-by-partition", partition, stranger); got != "0" {
		t.Fatalf("the stranger holds %s in the partition", got)
	}

	t.Logf("TestAmpPartitionsCLI took %s", time.Since(start).Round(time.Millisecond))
}

// ---------------------------------------------------------------- helpers

// startSingleLocalnet runs scripts/localnet.sh in the background on a temp
// home and free ports (as TestLocalnetSingle does), stops it when the test
// ends, and returns once the chain is past height 2.
func startSingleLocalnet(t *testing.T) (home, rpc string) {
	t.Helper()
	tmp := t.TempDir()
	home = filepath.Join(tmp, "localnet")
	base := freeBasePort(t, 5)
	rpc = fmt.Sprintf("tcp://127.0.0.1:%d", base+1)
	outPath := filepath.Join(tmp, "localnet.out")
	outFile, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(repoRoot, "scripts", "localnet.sh"))
	cmd.Dir = repoRoot
	cmd.Env = cleanEnv("AMPD="+ampdBin, "LOCALNET_HOME="+home, "LOCALNET_BASE_PORT="+strconv.Itoa(base))
	cmd.Stdout = outFile
	cmd.Stderr = outFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		pgid := cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-exited
		}
		outFile.Close()
		if t.Failed() {
			t.Logf("last lines of localnet.sh output:\n%s", tailFile(outPath, 60))
		}
	})
	eventually(t, 90*time.Second, 500*time.Millisecond, "localnet to reach height 2", func() (bool, string) {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("localnet.sh exited early: %v\n%s", err, tailFile(outPath, 60))
		default:
		}
		h, err := height(rpc)
		if err != nil {
			return false, err.Error()
		}
		return h >= 2, fmt.Sprintf("height %d", h)
	})
	return home, rpc
}

type ampTxResult struct {
	txResult
	Codespace string `json:"codespace"`
}

// ampTx broadcasts `ampd tx amp <args>` signed by key, requires CheckTx to
// accept it, waits for it to be in a block and returns its result (which
// the caller checks).
func ampTx(t *testing.T, home, rpc, key string, args ...string) ampTxResult {
	t.Helper()
	full := append([]string{"tx", "amp"}, args...)
	full = append(full, "--from", key, "--gas", "500000",
		"--chain-id", chainID, "--keyring-backend", "test", "--home", home,
		"--node", rpc, "--yes", "--output", "json")
	out := mustAmpd(t, full...)
	var bcast ampTxResult
	if err := json.Unmarshal([]byte(out), &bcast); err != nil {
		t.Fatalf("parse broadcast result of %v %q: %v", args, out, err)
	}
	if bcast.Code != 0 || bcast.TxHash == "" {
		t.Fatalf("%v rejected by CheckTx: code=%d codespace=%q raw_log=%q", args, bcast.Code, bcast.Codespace, bcast.RawLog)
	}
	var res ampTxResult
	eventually(t, 30*time.Second, 300*time.Millisecond, "tx "+bcast.TxHash+" to be included", func() (bool, string) {
		out, err := ampd(20*time.Second, "q", "tx", bcast.TxHash, "--node", rpc, "--output", "json")
		if err != nil {
			return false, err.Error()
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			return false, fmt.Sprintf("parse q tx %q: %v", out, err)
		}
		return true, ""
	})
	if h, err := strconv.ParseInt(res.Height, 10, 64); err != nil || h <= 0 {
		t.Fatalf("tx %s has no block height: %q", res.TxHash, res.Height)
	}
	return res
}

func requireTxOK(t *testing.T, res ampTxResult) {
	t.Helper()
	if res.Code != 0 {
		t.Fatalf("tx %s failed: code=%d codespace=%q raw_log=%q", res.TxHash, res.Code, res.Codespace, res.RawLog)
	}
}

// ampQuery runs `ampd q amp <args> -o json` and decodes the answer into out.
func ampQuery(t *testing.T, rpc string, out any, args ...string) {
	t.Helper()
	full := append([]string{"q", "amp"}, args...)
	raw := mustAmpd(t, append(full, "--node", rpc, "--output", "json")...)
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		t.Fatalf("parse q amp %v %q: %v", args, raw, err)
	}
}

// ampAmount runs an x/amp query answering {"amount": "..."}; an omitted
// amount is zero.
func ampAmount(t *testing.T, rpc string, args ...string) string {
	t.Helper()
	var resp struct {
		Amount string `json:"amount"`
	}
	ampQuery(t, rpc, &resp, args...)
	if resp.Amount == "" {
		return "0"
	}
	return resp.Amount
}

// addrHex is the lower-case hex of a bech32 address's bytes, from
// `ampd keys parse`.
func addrHex(t *testing.T, home, addr string) string {
	t.Helper()
	out := mustAmpd(t, "keys", "parse", addr, "--home", home, "--output", "json")
	var parsed struct {
		Human string `json:"human"`
		Bytes string `json:"bytes"`
	}
	if err := json.Unmarshal([]byte(out), &parsed); err != nil || len(parsed.Bytes) != 40 {
		t.Fatalf("keys parse %s: %q (%v)", addr, out, err)
	}
	return strings.ToLower(parsed.Bytes)
}

//go:build e2e

package e2e

import (
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

// TestLocalnetSingle runs scripts/localnet.sh (the `make localnet` script) in
// the background on a temp home and free ports, waits for blocks, checks the
// genesis funds and the validator, and sends a bank transfer.
func TestLocalnetSingle(t *testing.T) {
	start := time.Now()
	tmp := t.TempDir()
	home := filepath.Join(tmp, "localnet")
	base := freeBasePort(t, 5)
	rpc := fmt.Sprintf("tcp://127.0.0.1:%d", base+1)
	outPath := filepath.Join(tmp, "localnet.out")
	t.Logf("home %s, ports %d-%d, rpc %s", home, base, base+4, rpc)

	outFile, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", filepath.Join(repoRoot, "scripts", "localnet.sh"))
	cmd.Dir = repoRoot
	cmd.Env = cleanEnv(
		"AMPD="+ampdBin,
		"LOCALNET_HOME="+home,
		"LOCALNET_BASE_PORT="+strconv.Itoa(base),
	)
	cmd.Stdout = outFile
	cmd.Stderr = outFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // own process group, killed as a whole
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		pgid := cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case err := <-exited:
			t.Logf("localnet exited: %v", err)
		case <-time.After(20 * time.Second):
			t.Logf("localnet did not exit 20s after SIGTERM; killing process group %d", pgid)
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-exited
		}
		outFile.Close()
		if t.Failed() {
			t.Logf("last lines of localnet.sh output:\n%s", tailFile(outPath, 60))
		}
	})

	// 1. the chain produces blocks (bounded wait; fail fast if the script dies)
	eventually(t, 90*time.Second, 500*time.Millisecond, "localnet to reach height 3", func() (bool, string) {
		select {
		case err := <-exited:
			exited <- err // keep it for the cleanup
			t.Fatalf("localnet.sh exited early: %v\n%s", err, tailFile(outPath, 60))
		default:
		}
		h, err := height(rpc)
		if err != nil {
			return false, err.Error()
		}
		return h >= 3, fmt.Sprintf("height %d", h)
	})
	t.Logf("height >= 3 after %s", time.Since(start).Round(time.Millisecond))

	st, err := status(rpc)
	if err != nil {
		t.Fatal(err)
	}
	if st.ValidatorInfo.VotingPower != "10" {
		t.Fatalf("node voting power = %q, want 10", st.ValidatorInfo.VotingPower)
	}

	// 2. keys, banner and genesis funds
	demo := keyAddr(t, home, "demo")
	validator := keyAddr(t, home, "validator")
	valoper := keyAddr(t, home, "validator", "--bech", "val")
	if !strings.HasPrefix(demo, "amp1") || !strings.HasPrefix(valoper, "ampvaloper1") {
		t.Fatalf("unexpected addresses demo=%q valoper=%q", demo, valoper)
	}
	banner, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{chainID, demo, "http://127.0.0.1:" + strconv.Itoa(base+1),
		"tx bank send demo " + validator} {
		if !strings.Contains(string(banner), want) {
			t.Errorf("banner does not mention %q", want)
		}
	}
	for name, addr := range map[string]string{"demo": demo, "validator": validator} {
		got, err := balance(rpc, addr)
		if err != nil {
			t.Fatal(err)
		}
		if got != oneMillionAMP {
			t.Fatalf("%s balance = %s%s, want %s%s (1,000,000 AMP)", name, got, denom, oneMillionAMP, denom)
		}
	}

	vals := poaValidators(t, rpc)
	if len(vals) != 1 || vals[0].OperatorAddress != valoper || vals[0].Power != "10" ||
		vals[0].ConsensusPubkey.Value != consensusPubkey(t, home) {
		t.Fatalf("poa validators = %+v, want one validator %s with power 10 and this node's key", vals, valoper)
	}

	// 3. a bank transfer from demo to a fresh address
	recipient := newKey(t, home, "recipient")
	const amount = "1234567"
	txStart := time.Now()
	res := sendAndConfirm(t, home, "demo", recipient, amount, rpc, rpc)
	t.Logf("tx %s included at height %s after %s", res.TxHash, res.Height, time.Since(txStart).Round(time.Millisecond))

	waitBalance(t, rpc, recipient, amount, 20*time.Second)
	wantDemo := new(big.Int).Sub(bigInt(t, oneMillionAMP), bigInt(t, amount))
	wantDemo.Sub(wantDemo, bigInt(t, res.feeIn(denom)))
	waitBalance(t, rpc, demo, wantDemo.String(), 20*time.Second)

	t.Logf("TestLocalnetSingle body took %s", time.Since(start).Round(time.Millisecond))
}

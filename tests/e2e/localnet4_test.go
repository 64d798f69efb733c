//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const numNodes = 4

// localnet4 drives scripts/localnet-4.sh on a temp home and base port.
type localnet4 struct {
	t    *testing.T
	home string
	base int
}

func (n *localnet4) nodeHome(i int) string { return filepath.Join(n.home, fmt.Sprintf("node%d", i)) }
func (n *localnet4) rpc(i int) string      { return fmt.Sprintf("tcp://127.0.0.1:%d", n.base+10*i+1) }

// script runs `bash scripts/localnet-4.sh ARGS...` and returns its combined output.
func (n *localnet4) script(timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", append([]string{filepath.Join(repoRoot, "scripts", "localnet-4.sh")}, args...)...)
	cmd.Dir = repoRoot
	cmd.Env = cleanEnv(
		"AMPD="+ampdBin,
		"LOCALNET4_HOME="+n.home,
		"LOCALNET4_BASE_PORT="+strconv.Itoa(n.base),
	)
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("localnet-4.sh %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), err
}

func (n *localnet4) mustScript(timeout time.Duration, args ...string) string {
	n.t.Helper()
	start := time.Now()
	out, err := n.script(timeout, args...)
	if err != nil {
		n.t.Fatal(err)
	}
	n.t.Logf("localnet-4.sh %s: ok in %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return out
}

func (n *localnet4) dumpLogs() {
	for i := 0; i < numNodes; i++ {
		p := filepath.Join(n.nodeHome(i), "ampd.log")
		n.t.Logf("----- node%d: last 40 lines of %s -----\n%s", i, p, tailFile(p, 40))
	}
}

// heights returns the heights of the given nodes (error if one does not answer).
func (n *localnet4) heights(nodes ...int) ([]int64, error) {
	hs := make([]int64, len(nodes))
	for k, i := range nodes {
		h, err := height(n.rpc(i))
		if err != nil {
			return nil, fmt.Errorf("node%d: %w", i, err)
		}
		hs[k] = h
	}
	return hs, nil
}

func minMax(hs []int64) (lo, hi int64) {
	lo, hi = hs[0], hs[0]
	for _, h := range hs[1:] {
		lo, hi = min(lo, h), max(hi, h)
	}
	return lo, hi
}

// TestLocalnet4 starts the four-validator localnet, checks the validator set,
// a bank transfer seen by every node, liveness with one validator down, and
// that a restarted validator catches up.
func TestLocalnet4(t *testing.T) {
	testStart := time.Now()
	n := &localnet4{t: t, home: filepath.Join(t.TempDir(), "localnet-4"), base: freeBasePort(t, 10*numNodes)}
	t.Logf("home %s, ports %d-%d", n.home, n.base, n.base+10*numNodes-1)

	// registered before start so that the nodes are always stopped, even when
	// start fails half-way; runs before t.TempDir's removal (cleanups are LIFO)
	t.Cleanup(func() {
		if t.Failed() {
			if out, err := n.script(30*time.Second, "status"); err != nil {
				t.Logf("status at failure: %v", err)
			} else {
				t.Logf("status at failure:\n%s", out)
			}
			n.dumpLogs()
		}
		if out, err := n.script(90*time.Second, "stop"); err != nil {
			t.Errorf("stop failed: %v", err)
		} else {
			t.Logf("stop:\n%s", strings.TrimSpace(out))
		}
	})

	// ---- start: all four RPCs answer with height >= 2
	n.mustScript(3*time.Minute, "start")
	all := []int{0, 1, 2, 3}
	hs, err := n.heights(all...)
	if err != nil {
		t.Fatalf("after start: %v", err)
	}
	if lo, _ := minMax(hs); lo < 2 {
		t.Fatalf("after start heights = %v, want all >= 2", hs)
	}
	t.Logf("network up after %s, heights %v", time.Since(testStart).Round(time.Millisecond), hs)
	out := n.mustScript(30*time.Second, "status")
	for i := 0; i < numNodes; i++ {
		if !strings.Contains(out, fmt.Sprintf("node%d", i)) || strings.Contains(out, "down") {
			t.Fatalf("status does not show node%d up:\n%s", i, out)
		}
	}

	// ---- the validator set: 4 PoA validators with power 10, one per node
	keyHome := n.nodeHome(0) // the network's keyring lives in node0's home
	vals := poaValidators(t, n.rpc(0))
	if len(vals) != numNodes {
		t.Fatalf("poa validators: got %d, want %d: %+v", len(vals), numNodes, vals)
	}
	byOperator := map[string]poaValidator{}
	for _, v := range vals {
		byOperator[v.OperatorAddress] = v
	}
	for i := 0; i < numNodes; i++ {
		valoper := keyAddr(t, keyHome, fmt.Sprintf("validator%d", i), "--bech", "val")
		v, ok := byOperator[valoper]
		if !ok {
			t.Fatalf("validator%d (%s) is not in the poa validator set %+v", i, valoper, vals)
		}
		if v.Power != "10" {
			t.Errorf("validator%d power = %q, want 10", i, v.Power)
		}
		if want := consensusPubkey(t, n.nodeHome(i)); v.ConsensusPubkey.Value != want {
			t.Errorf("validator%d consensus key = %q, want node%d's key %q", i, v.ConsensusPubkey.Value, i, want)
		}
		if want := fmt.Sprintf("node%d", i); v.Moniker != want {
			t.Errorf("validator%d moniker = %q, want %q", i, v.Moniker, want)
		}
		st, err := status(n.rpc(i))
		if err != nil {
			t.Fatal(err)
		}
		if st.ValidatorInfo.VotingPower != "10" {
			t.Errorf("node%d reports voting power %q, want 10", i, st.ValidatorInfo.VotingPower)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// ---- a bank transfer, broadcast via node1, confirmed via node0, seen by all
	demo := keyAddr(t, keyHome, "demo")
	if got, err := balance(n.rpc(2), demo); err != nil || got != oneMillionAMP {
		t.Fatalf("demo genesis balance = %q (%v), want %s", got, err, oneMillionAMP)
	}
	recipient := newKey(t, keyHome, "recipient")
	const amount1 = "4200000000000000000" // 4.2 AMP
	txStart := time.Now()
	res := sendAndConfirm(t, keyHome, "demo", recipient, amount1, n.rpc(1), n.rpc(0))
	t.Logf("tx %s code %d at height %s after %s", res.TxHash, res.Code, res.Height, time.Since(txStart).Round(time.Millisecond))
	for i := 0; i < numNodes; i++ {
		waitBalance(t, n.rpc(i), recipient, amount1, 30*time.Second)
	}
	wantDemo := new(big.Int).Sub(bigInt(t, oneMillionAMP), bigInt(t, amount1))
	wantDemo.Sub(wantDemo, bigInt(t, res.feeIn(denom)))
	waitBalance(t, n.rpc(3), demo, wantDemo.String(), 30*time.Second)

	// ---- kill node3: the remaining 30 of 40 voting power keep committing
	n.mustScript(60*time.Second, "kill", "3")
	eventually(t, 15*time.Second, 300*time.Millisecond, "node3's RPC to go away", func() (bool, string) {
		h, err := height(n.rpc(3))
		return err != nil, fmt.Sprintf("node3 still answers at height %d", h)
	})
	live := []int{0, 1, 2}
	hs, err = n.heights(live...)
	if err != nil {
		t.Fatal(err)
	}
	_, hKill := minMax(hs)
	killTime := time.Now()
	eventually(t, 45*time.Second, 300*time.Millisecond, fmt.Sprintf("nodes 0-2 to pass height %d+3 without node3", hKill),
		func() (bool, string) {
			hs, err := n.heights(live...)
			if err != nil {
				return false, err.Error()
			}
			lo, _ := minMax(hs)
			return lo >= hKill+3, fmt.Sprintf("heights %v", hs)
		})
	t.Logf("without node3: +3 blocks above %d in %s", hKill, time.Since(killTime).Round(time.Millisecond))

	// a transfer while node3 is down, so catching up must replay it
	const amount2 = "1000000000000000000" // 1 AMP
	res2 := sendAndConfirm(t, keyHome, "demo", recipient, amount2, n.rpc(2), n.rpc(1))
	total := new(big.Int).Add(bigInt(t, amount1), bigInt(t, amount2)).String()
	waitBalance(t, n.rpc(0), recipient, total, 30*time.Second)

	// ---- restart node3: it catches up with the others
	n.mustScript(2*time.Minute, "restart", "3")
	hs, err = n.heights(live...)
	if err != nil {
		t.Fatal(err)
	}
	_, target := minMax(hs)
	tx2Height, _ := strconv.ParseInt(res2.Height, 10, 64)
	restartTime := time.Now()
	eventually(t, 60*time.Second, 300*time.Millisecond, fmt.Sprintf("node3 to catch up to height %d", target),
		func() (bool, string) {
			h, err := height(n.rpc(3))
			if err != nil {
				return false, err.Error()
			}
			return h >= target, fmt.Sprintf("node3 height %d", h)
		})
	t.Logf("node3 caught up to %d (tx2 at %d) in %s", target, tx2Height, time.Since(restartTime).Round(time.Millisecond))
	waitBalance(t, n.rpc(3), recipient, total, 10*time.Second)

	// ...and the whole network, node3 included, keeps going
	hs, err = n.heights(all...)
	if err != nil {
		t.Fatal(err)
	}
	_, hNow := minMax(hs)
	eventually(t, 30*time.Second, 300*time.Millisecond, fmt.Sprintf("all four nodes to pass height %d", hNow+2),
		func() (bool, string) {
			hs, err := n.heights(all...)
			if err != nil {
				return false, err.Error()
			}
			lo, _ := minMax(hs)
			return lo >= hNow+2, fmt.Sprintf("heights %v", hs)
		})

	t.Logf("TestLocalnet4 body took %s", time.Since(testStart).Round(time.Millisecond))
}

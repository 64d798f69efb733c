//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	chainID = "ampchain-local-1"
	denom   = "aamp"
	// 1,000,000 AMP in aamp (18 decimals): the genesis balance of demo and validators.
	oneMillionAMP = "1000000000000000000000000"

	modulePath = "github.com/ampchain/ampchain"
)

var (
	repoRoot string // absolute path of the repository (where go.mod is)
	ampdBin  string // ampd built once by TestMain
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	root, err := findRepoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: cannot find the repository root:", err)
		return 1
	}
	repoRoot = root

	tmp, err := os.MkdirTemp("", "ampd-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	ampdBin = filepath.Join(tmp, "ampd")

	start := time.Now()
	build := exec.Command("go", "build", "-o", ampdBin, "./cmd/ampd")
	build.Dir = repoRoot
	build.Stdout = os.Stderr
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: go build ./cmd/ampd failed:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "e2e: built %s in %s\n", ampdBin, time.Since(start).Round(time.Millisecond))
	return m.Run()
}

// findRepoRoot locates the module root: `go env GOMOD` first, then walking up
// from the working directory looking for this module's go.mod.
func findRepoRoot() (string, error) {
	isOurs := func(gomod string) bool {
		b, err := os.ReadFile(gomod)
		return err == nil && bytes.Contains(b, []byte("module "+modulePath))
	}
	if out, err := exec.Command("go", "env", "GOMOD").Output(); err == nil {
		gomod := strings.TrimSpace(string(out))
		if gomod != "" && gomod != os.DevNull && isOurs(gomod) {
			return filepath.Dir(gomod), nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isOurs(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod for " + modulePath + " above the working directory")
		}
		dir = parent
	}
}

// ---------------------------------------------------------------- processes

// cleanEnv is the environment without variables that would change what the
// localnet scripts do (a developer's own LOCALNET_* settings, AMPD).
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "LOCALNET") || strings.HasPrefix(kv, "AMPD=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// ampd runs the ampd binary with a timeout and returns its stdout; the error
// includes stderr.
func ampd(timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, ampdBin, args...)
	cmd.Env = cleanEnv()
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String(), fmt.Errorf("ampd %s: %w\nstdout: %s\nstderr: %s",
			strings.Join(args, " "), err, strings.TrimSpace(stdout.String()), strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// mustAmpd is ampd that fails the test on error.
func mustAmpd(t *testing.T, args ...string) string {
	t.Helper()
	out, err := ampd(60*time.Second, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ---------------------------------------------------------------- ports

// freeBasePort returns a base port B such that B..B+n-1 can all be bound on
// 127.0.0.1 right now. It picks below the kernel's ephemeral range and away
// from the default localnet ports (26656-26660, 27000-27040, 9090, 1317).
func freeBasePort(t *testing.T, n int) int {
	t.Helper()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for attempt := 0; attempt < 200; attempt++ {
		base := 20000 + rng.Intn(12000-n)
		base -= base % 10
		if base+n > 26600 && base < 27100 {
			continue
		}
		ok := true
		var ls []net.Listener
		for p := base; p < base+n; p++ {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
			if err != nil {
				ok = false
				break
			}
			ls = append(ls, l)
		}
		for _, l := range ls {
			l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatalf("no range of %d free ports found on 127.0.0.1", n)
	return 0
}

// ---------------------------------------------------------------- polling

// eventually polls cond every interval until it returns true or timeout passes;
// on timeout the test fails with what the last call reported.
func eventually(t *testing.T, timeout, interval time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	last := ""
	for {
		ok, msg := cond()
		if ok {
			return
		}
		last = msg
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s; last: %s", timeout, what, last)
		}
		time.Sleep(interval)
	}
}

// ---------------------------------------------------------------- queries

type nodeStatus struct {
	SyncInfo struct {
		LatestBlockHeight string `json:"latest_block_height"`
		CatchingUp        bool   `json:"catching_up"`
	} `json:"sync_info"`
	ValidatorInfo struct {
		Address     string `json:"address"`
		VotingPower string `json:"voting_power"`
	} `json:"validator_info"`
}

func status(node string) (nodeStatus, error) {
	var st nodeStatus
	out, err := ampd(10*time.Second, "status", "--node", node)
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		return st, fmt.Errorf("parse status %q: %w", out, err)
	}
	return st, nil
}

func height(node string) (int64, error) {
	st, err := status(node)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
}

// balance returns addr's balance of denom as a decimal string ("0" if none).
func balance(node, addr string) (string, error) {
	out, err := ampd(20*time.Second, "q", "bank", "balances", addr, "--node", node, "--output", "json")
	if err != nil {
		return "", err
	}
	var resp struct {
		Balances []struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"balances"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		return "", fmt.Errorf("parse balances %q: %w", out, err)
	}
	for _, c := range resp.Balances {
		if c.Denom == denom {
			return c.Amount, nil
		}
	}
	return "0", nil
}

// waitBalance polls until addr's balance on node equals want.
func waitBalance(t *testing.T, node, addr, want string, timeout time.Duration) {
	t.Helper()
	eventually(t, timeout, 300*time.Millisecond, fmt.Sprintf("balance of %s on %s to be %s%s", addr, node, want, denom),
		func() (bool, string) {
			got, err := balance(node, addr)
			if err != nil {
				return false, err.Error()
			}
			return got == want, "balance " + got + denom
		})
}

type txResult struct {
	Height string `json:"height"`
	TxHash string `json:"txhash"`
	Code   uint32 `json:"code"`
	RawLog string `json:"raw_log"`
	Tx     struct {
		AuthInfo struct {
			Fee struct {
				Amount []struct {
					Denom  string `json:"denom"`
					Amount string `json:"amount"`
				} `json:"amount"`
			} `json:"fee"`
		} `json:"auth_info"`
	} `json:"tx"`
}

// feeIn returns the fee the tx paid in denom ("0" if none).
func (r txResult) feeIn(d string) string {
	for _, c := range r.Tx.AuthInfo.Fee.Amount {
		if c.Denom == d {
			return c.Amount
		}
	}
	return "0"
}

// sendAndConfirm broadcasts `tx bank send` through node, requires CheckTx to
// accept it, then polls `q tx` on confirmNode until the tx is in a block and
// requires code 0.
func sendAndConfirm(t *testing.T, keyHome, from, to, amount, node, confirmNode string) txResult {
	t.Helper()
	out := mustAmpd(t, "tx", "bank", "send", from, to, amount+denom,
		"--chain-id", chainID, "--keyring-backend", "test", "--home", keyHome,
		"--node", node, "--yes", "--output", "json")
	var bcast txResult
	if err := json.Unmarshal([]byte(out), &bcast); err != nil {
		t.Fatalf("parse broadcast result %q: %v", out, err)
	}
	if bcast.Code != 0 || bcast.TxHash == "" {
		t.Fatalf("tx rejected by CheckTx: code=%d hash=%q raw_log=%q", bcast.Code, bcast.TxHash, bcast.RawLog)
	}

	var res txResult
	eventually(t, 30*time.Second, 300*time.Millisecond, "tx "+bcast.TxHash+" to be included", func() (bool, string) {
		out, err := ampd(20*time.Second, "q", "tx", bcast.TxHash, "--node", confirmNode, "--output", "json")
		if err != nil {
			return false, err.Error()
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			return false, fmt.Sprintf("parse q tx %q: %v", out, err)
		}
		return true, ""
	})
	if res.Code != 0 {
		t.Fatalf("tx %s failed in DeliverTx: code=%d raw_log=%q", res.TxHash, res.Code, res.RawLog)
	}
	if h, err := strconv.ParseInt(res.Height, 10, 64); err != nil || h <= 0 {
		t.Fatalf("tx %s has no block height: %q", res.TxHash, res.Height)
	}
	if res.TxHash != bcast.TxHash {
		t.Fatalf("q tx returned hash %s, want %s", res.TxHash, bcast.TxHash)
	}
	return res
}

type poaValidator struct {
	OperatorAddress string `json:"operator_address"`
	ConsensusPubkey struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"consensus_pubkey"`
	Moniker string `json:"moniker"`
	Power   string `json:"power"`
}

func poaValidators(t *testing.T, node string) []poaValidator {
	t.Helper()
	out := mustAmpd(t, "q", "poa", "validators", "--node", node, "--output", "json")
	var resp struct {
		Validators []poaValidator `json:"validators"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("parse poa validators %q: %v", out, err)
	}
	return resp.Validators
}

// consensusPubkey is the base64 ed25519 key printed by `ampd comet show-validator`.
func consensusPubkey(t *testing.T, home string) string {
	t.Helper()
	out := mustAmpd(t, "comet", "show-validator", "--home", home)
	var pk struct {
		Type string `json:"@type"`
		Key  string `json:"key"`
	}
	if err := json.Unmarshal([]byte(out), &pk); err != nil || pk.Key == "" {
		t.Fatalf("parse show-validator %q: %v", out, err)
	}
	return pk.Key
}

func keyAddr(t *testing.T, home, name string, extra ...string) string {
	t.Helper()
	args := append([]string{"keys", "show", name, "-a", "--keyring-backend", "test", "--home", home}, extra...)
	return strings.TrimSpace(mustAmpd(t, args...))
}

// newKey adds a fresh key to the test keyring in home and returns its address.
func newKey(t *testing.T, home, name string) string {
	t.Helper()
	out := mustAmpd(t, "keys", "add", name, "--keyring-backend", "test", "--home", home, "--output", "json")
	var k struct {
		Address string `json:"address"`
	}
	if err := json.Unmarshal([]byte(out), &k); err != nil || !strings.HasPrefix(k.Address, "amp1") {
		t.Fatalf("keys add %s: unexpected output %q (%v)", name, out, err)
	}
	return k.Address
}

// ---------------------------------------------------------------- misc

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}

// tailFile returns the last n lines of a file (or a note that it is missing).
func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

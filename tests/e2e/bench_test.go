//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBenchSmoke runs the benchmark harness for a few transactions per row
// against a live localnet so it cannot rot; it asserts counts, not speed.
func TestBenchSmoke(t *testing.T) {
	home, rpc := startSingleLocalnet(t)
	waitForAMPPrice(t, rpc)
	bin := filepath.Join(t.TempDir(), "ampbench")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ampbench")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/ampbench: %v\n%s", err, out)
	}
	out := filepath.Join(t.TempDir(), "bench.json")
	run := exec.Command(bin, "--node", rpc, "--home", home, "--from", "demo",
		"--accounts", "3", "--txs-per-account", "2", "--rate", "0", "--connections", "2", "--json", out)
	run.Env = cleanEnv()
	if output, err := run.CombinedOutput(); err != nil {
		t.Fatalf("ampbench: %v\n%s", err, output)
	} else {
		t.Logf("%s", output)
	}
	bz, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Name      string  `json:"name"`
		Committed int     `json:"committed"`
		Failed    int     `json:"failed"`
		TxPerSec  float64 `json:"committed_tx_per_second"`
		P50       int64   `json:"p50_ns"`
	}
	if err := json.Unmarshal(bz, &rows); err != nil {
		t.Fatal(err)
	}
	want := []string{"bank send", "amp transfer-by-partition", "collateral open-guarantee", "collateral attest-settlement"}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %s", len(rows), len(want), bz)
	}
	for i, r := range rows {
		if r.Name != want[i] || r.Committed != 6 || r.Failed != 0 || r.TxPerSec <= 0 || r.P50 <= 0 {
			t.Errorf("row %d = %+v, want %q with 6 committed, none failed, positive rate and latency", i, r, want[i])
		}
	}
}

// waitForAMPPrice waits until the localnet's oracle has an AMP/USD price.
func waitForAMPPrice(t *testing.T, rpc string) {
	t.Helper()
	eventually(t, 60*time.Second, time.Second, "an AMP/USD price on the localnet", func() (bool, string) {
		p, err := oraclePrice(rpc)
		if err != nil {
			return false, err.Error()
		}
		return p.Price.Price != "" && !p.Stale, "price " + p.Price.Price
	})
}

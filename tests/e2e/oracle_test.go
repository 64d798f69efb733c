//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// oraclePriceResp is `ampd q oracle price AMP/USD -o json`.
type oraclePriceResp struct {
	Price struct {
		Pair          string `json:"pair"`
		Price         string `json:"price"`
		UpdatedAt     string `json:"updated_at"`
		UpdatedHeight string `json:"updated_height"`
		Source        string `json:"source"`
	} `json:"price"`
	Stale bool `json:"stale"`
}

func oraclePrice(node string) (oraclePriceResp, error) {
	var res oraclePriceResp
	out, err := ampd(20*time.Second, "q", "oracle", "price", "AMP/USD", "--node", node, "--output", "json")
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		return res, fmt.Errorf("parse oracle price %q: %w", out, err)
	}
	return res, nil
}

// writeOraclePrices replaces a node's price file atomically, as an operator's
// feed script should.
func writeOraclePrices(t *testing.T, nodeHome, ampUSD string) {
	t.Helper()
	path := filepath.Join(nodeHome, "prices.json")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf(`{"AMP/USD":%q}`+"\n", ampUSD)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// waitOraclePrice waits until every node's AMP/USD price is want (canonical
// 18-decimal form) and returns the height it was stored at on node 0.
func waitOraclePrice(t *testing.T, n *localnet4, want string, timeout time.Duration) int64 {
	t.Helper()
	var storedAt int64
	for i := 0; i < numNodes; i++ {
		eventually(t, timeout, 300*time.Millisecond, fmt.Sprintf("node%d's AMP/USD price to be %s", i, want), func() (bool, string) {
			res, err := oraclePrice(n.rpc(i))
			if err != nil {
				return false, err.Error()
			}
			if i == 0 {
				storedAt, _ = strconv.ParseInt(res.Price.UpdatedHeight, 10, 64)
			}
			return res.Price.Price == want && res.Price.Source == "PRICE_SOURCE_VOTE_EXTENSIONS" && !res.Stale,
				fmt.Sprintf("%+v", res)
		})
	}
	return storedAt
}

// oracleEvents returns the attributes of the events of type typ in the
// blocks from..to, as seen by node.
func oracleEvents(node, typ string, from, to int64) ([]map[string]string, error) {
	var out []map[string]string
	for h := from; h <= to; h++ {
		raw, err := ampd(20*time.Second, "q", "block-results", strconv.FormatInt(h, 10), "--node", node, "--output", "json")
		if err != nil {
			return nil, err
		}
		var res struct {
			Events []struct {
				Type       string `json:"type"`
				Attributes []struct {
					Key   string `json:"key"`
					Value string `json:"value"`
				} `json:"attributes"`
			} `json:"finalize_block_events"`
		}
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			return nil, fmt.Errorf("parse block-results %d: %w", h, err)
		}
		for _, e := range res.Events {
			if e.Type != typ {
				continue
			}
			attrs := map[string]string{"block": strconv.FormatInt(h, 10)}
			for _, a := range e.Attributes {
				attrs[a.Key] = strings.Trim(a.Value, `"`)
			}
			out = append(out, attrs)
		}
	}
	return out, nil
}

// TestOracleLocalnet4 runs the four-validator localnet, whose nodes each
// report the AMP/USD price in their own prices.json through vote extensions,
// and rewrites the files: the chain's price, the power-weighted median of
// the four reports, follows within a few blocks on every node, over the CLI
// and REST; a jump beyond the pair's 10 % max move is refused.
func TestOracleLocalnet4(t *testing.T) {
	testStart := time.Now()
	n := &localnet4{t: t, home: filepath.Join(t.TempDir(), "localnet-4"), base: freeBasePort(t, 10*numNodes)}
	t.Logf("home %s, ports %d-%d", n.home, n.base, n.base+10*numNodes-1)
	t.Cleanup(func() {
		if t.Failed() {
			n.dumpLogs()
		}
		if out, err := n.script(90*time.Second, "stop"); err != nil {
			t.Errorf("stop failed: %v", err)
		} else {
			t.Logf("stop:\n%s", strings.TrimSpace(out))
		}
	})
	n.mustScript(3*time.Minute, "start")

	// each node reads its own file, named in its app.toml
	for i := 0; i < numNodes; i++ {
		appToml, err := os.ReadFile(filepath.Join(n.nodeHome(i), "config", "app.toml"))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`source = "file://%s"`, filepath.Join(n.nodeHome(i), "prices.json"))
		if !strings.Contains(string(appToml), want) {
			t.Fatalf("node%d's app.toml lacks %s", i, want)
		}
	}

	// 1. the genesis pair gets the files' default price
	waitOraclePrice(t, n, "0.012300000000000000", 30*time.Second)
	t.Logf("initial price 0.0123 after %s", time.Since(testStart).Round(time.Millisecond))

	// 2. four different reports: the lower weighted median of 0.0120, 0.0125,
	// 0.0125 and 0.0500 is 0.0125, whichever three of them a block counts;
	// the outlier does not pull it (the mean would be 0.0218).
	hs, err := n.heights(0)
	if err != nil {
		t.Fatal(err)
	}
	written := hs[0]
	for i, p := range []string{"0.0120", "0.0125", "0.0125", "0.0500"} {
		writeOraclePrices(t, n.nodeHome(i), p)
	}
	storedAt := waitOraclePrice(t, n, "0.012500000000000000", 20*time.Second)
	t.Logf("files rewritten at height %d, new median stored at %d", written, storedAt)
	if storedAt-written > 5 {
		t.Errorf("the price followed the files after %d blocks, want a few (<= 5)", storedAt-written)
	}

	// REST on another node agrees
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/ampchain/oracle/v1/prices/AMP/USD", n.base+10*2+3))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"price":"0.012500000000000000"`) {
		t.Fatalf("REST price: HTTP %d %s", resp.StatusCode, body)
	}

	// 3. the market moves again, an outlier now far below
	hs, err = n.heights(0)
	if err != nil {
		t.Fatal(err)
	}
	written = hs[0]
	for i, p := range []string{"0.0001", "0.0130", "0.0130", "0.0131"} {
		writeOraclePrices(t, n.nodeHome(i), p)
	}
	storedAt = waitOraclePrice(t, n, "0.013000000000000000", 20*time.Second)
	t.Logf("files rewritten at height %d, new median stored at %d", written, storedAt)
	if storedAt-written > 5 {
		t.Errorf("the price followed the files after %d blocks, want a few (<= 5)", storedAt-written)
	}

	// 4. a jump beyond max_move (10 %) is refused, not clamped
	hs, err = n.heights(0)
	if err != nil {
		t.Fatal(err)
	}
	written = hs[0]
	for i := 0; i < numNodes; i++ {
		writeOraclePrices(t, n.nodeHome(i), "0.0500")
	}
	var refused []map[string]string
	eventually(t, 20*time.Second, 500*time.Millisecond, "an EventPriceRefused for 0.05", func() (bool, string) {
		hs, err := n.heights(0)
		if err != nil {
			return false, err.Error()
		}
		refused, err = oracleEvents(n.rpc(0), "ampchain.oracle.v1.EventPriceRefused", written+1, hs[0]-1)
		if err != nil {
			return false, err.Error()
		}
		return len(refused) > 0, fmt.Sprintf("none in blocks %d..%d", written+1, hs[0]-1)
	})
	if r := refused[0]; r["pair"] != "AMP/USD" || r["price"] != "0.050000000000000000" || r["stored_price"] != "0.013000000000000000" {
		t.Fatalf("refusal event %v", r)
	}
	res, err := oraclePrice(n.rpc(1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Price.Price != "0.013000000000000000" {
		t.Fatalf("after a refused jump the price is %s, want it kept at 0.0130", res.Price.Price)
	}
	t.Logf("jump refused at block %s; TestOracleLocalnet4 took %s", refused[0]["block"], time.Since(testStart).Round(time.Millisecond))
}

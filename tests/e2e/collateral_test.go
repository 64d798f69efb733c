//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCollateralGuaranteesCLI is issue 5's acceptance test, through the ampd
// CLI against a running single-node localnet whose AMP/USD price (0.0123,
// the localnet default) comes from the node's prices.json via vote
// extensions:
//
//   - the validator key creates a manager (20 s unbonding and maximum
//     guarantee duration), makes a processor and an attester, adds a pool;
//   - two stakers supply 6,000 and 4,000 AMP;
//   - the processor opens three guarantees of 12.30 USD (1,250 AMP locked,
//     3 AMP fee each, 1,000 AMP worth of value): the first is attested
//     confirmed (released, 0.3 AMP commission to the owner, 2.7 AMP to the
//     stakers 60/40), the second attested failed (the merchant gets
//     12.30 ÷ 0.0123 = 1,000 AMP; every share loses 10 %), the third expires
//     and the chain's end blocker liquidates it;
//   - positions, capacity, rewards and the merchant's balance are checked
//     after each step; a second attestation and a late liquidation fail with
//     x/collateral's ErrGuaranteeNotOpen (code 15) and pay nothing;
//   - a staker's withdrawal is refused before the unbonding period
//     (ErrNoWithdrawals, code 24) and paid after it.
func TestCollateralGuaranteesCLI(t *testing.T) {
	start := time.Now()
	home, rpc := startSingleLocalnet(t)
	waitForAMPPrice(t, rpc)

	owner := keyAddr(t, home, "validator")
	staker1 := keyAddr(t, home, "demo")
	staker2 := newKey(t, home, "coll-staker2")
	processor := newKey(t, home, "coll-processor")
	attester := newKey(t, home, "coll-attester")
	merchant := newKey(t, home, "coll-merchant")
	for addr, amount := range map[string]string{staker2: "5000", processor: "100", attester: "10"} {
		sendAndConfirm(t, home, "demo", addr, ampToAamp(t, amount).String(), rpc, rpc)
	}

	// 1. The manager, its roles and its pool.
	res := collTx(t, home, rpc, "validator", "create-manager",
		"--collateral-ratio", "1.25", "--fee-bps", "30", "--commission", "0.1",
		"--unbonding-period", "20s", "--max-guarantee-duration", "20s",
		"--withdrawal-limit", ampToAamp(t, "1000000").String(), "--attester-threshold", "1")
	requireCollOK(t, res)
	manager := res.attr(t, "ampchain.collateral.v1.EventManagerCreated", "address")
	var mgr struct {
		Manager struct {
			Address string `json:"address"`
			Owner   string `json:"owner"`
			Rules   struct {
				UnbondingPeriod      string `json:"unbonding_period"`
				MaxGuaranteeDuration string `json:"max_guarantee_duration"`
			} `json:"rules"`
		} `json:"manager"`
	}
	collQuery(t, rpc, &mgr, "manager", manager)
	if mgr.Manager.Owner != owner || mgr.Manager.Rules.UnbondingPeriod != "20s" || mgr.Manager.Rules.MaxGuaranteeDuration != "20s" {
		t.Fatalf("manager %s = %+v", manager, mgr.Manager)
	}
	var isMgr struct {
		IsCollateralManager bool `json:"is_collateral_manager"`
	}
	ampQuery(t, rpc, &isMgr, "is-collateral-manager", manager)
	if !isMgr.IsCollateralManager {
		t.Fatalf("manager %s is not registered with x/amp", manager)
	}
	requireCollOK(t, collTx(t, home, rpc, "validator", "set-role", manager, "processor", processor))
	requireCollOK(t, collTx(t, home, rpc, "validator", "set-role", manager, "attester", attester))
	partition := "0xcccccccc" + strings.Repeat("00", 8) + addrHex(t, home, manager)
	requireCollOK(t, collTx(t, home, rpc, "validator", "add-partition", manager, partition))

	// 2. Two stakers supply; numbered receipts; capacity in AMP and USD.
	for i, s := range []struct{ key, amount string }{{"demo", "6000"}, {"coll-staker2", "4000"}} {
		res := collTx(t, home, rpc, s.key, "supply", partition, ampToAamp(t, s.amount).String())
		requireCollOK(t, res)
		if got := res.attr(t, "ampchain.collateral.v1.EventSupplied", "receipt"); got != strconv.Itoa(i+1) {
			t.Fatalf("supply receipt %s, want %d", got, i+1)
		}
	}
	checkPool := func(step string, value1, value2, total, locked, pending string) {
		t.Helper()
		requirePosition(t, rpc, partition, staker1, ampToAamp(t, value1), step)
		requirePosition(t, rpc, partition, staker2, ampToAamp(t, value2), step)
		c := capacity(t, rpc, partition)
		free := new(big.Int).Sub(ampToAamp(t, total), ampToAamp(t, locked))
		if c.Total != ampToAamp(t, total).String() || orZero(c.Locked) != ampToAamp(t, locked).String() ||
			orZero(c.PendingWithdrawals) != ampToAamp(t, pending).String() || c.Free != free.String() {
			t.Fatalf("%s: capacity %+v, want total %s locked %s pending %s AMP", step, c, total, locked, pending)
		}
		// Free capacity in USD at the oracle's price.
		wantUSD := new(big.Rat).Mul(new(big.Rat).SetFrac(free, big.NewInt(1e18)), ratOf(t, c.Price))
		if gotUSD := ratOf(t, c.FreeInQuote); gotUSD.Cmp(wantUSD) != 0 || c.Quote != "USD" || ratOf(t, c.Price).Cmp(ratOf(t, "0.0123")) != 0 {
			t.Fatalf("%s: capacity %s %s at %s, want %s USD at 0.0123", step, c.FreeInQuote, c.Quote, c.Price, wantUSD.FloatString(18))
		}
	}
	checkPool("after supply", "6000", "4000", "10000", "0", "0")
	requireRewards(t, rpc, partition, staker1, "0", "after supply")
	merchantPaid := big.NewInt(0)
	requireBalance(t, rpc, merchant, merchantPaid, "merchant before any guarantee")

	open := func(ref, deadline string) (id string, res collTxResult) {
		t.Helper()
		res = collTx(t, home, rpc, "coll-processor", "open-guarantee", partition, merchant, "12.30", "USD",
			"--source-chain", "ethereum", "--asset", "USDC", "--payment-ref", ref, "--deadline", deadline)
		requireCollOK(t, res)
		id = res.attr(t, "ampchain.collateral.v1.EventGuaranteeOpened", "id")
		if lock := res.attr(t, "ampchain.collateral.v1.EventGuaranteeOpened", "lock"); lock != ampToAamp(t, "1250").String() {
			t.Fatalf("guarantee %s locks %s aamp, want 1250 AMP (12.30 × 1.25 ÷ 0.0123)", id, lock)
		}
		if fee := res.attr(t, "ampchain.collateral.v1.EventGuaranteeOpened", "fee"); fee != ampToAamp(t, "3").String() {
			t.Fatalf("guarantee %s fee %s aamp, want 3 AMP (30 bps of 12.30 USD at 0.0123)", id, fee)
		}
		requireStatus(t, rpc, id, "GUARANTEE_STATUS_OPEN")
		return id, res
	}

	// 3. The first guarantee: open (locked in the block), attested confirmed.
	processorBefore := bigBalance(t, rpc, processor)
	g1, openRes := open("0x01", "18s")
	wantProcessor := new(big.Int).Sub(processorBefore, ampToAamp(t, "3"))
	wantProcessor.Sub(wantProcessor, bigInt(t, openRes.feeIn(denom)))
	requireBalance(t, rpc, processor, wantProcessor, "processor pays the merchant fee")
	checkPool("g1 open", "6000", "4000", "10000", "1250", "0")
	ownerBefore := bigBalance(t, rpc, owner)
	res = collTx(t, home, rpc, "coll-attester", "attest-settlement", g1, "confirmed")
	requireCollOK(t, res)
	if got := res.attr(t, "ampchain.collateral.v1.EventGuaranteeSettled", "fee_to_stakers"); got != ampToAamp(t, "2.7").String() {
		t.Fatalf("settled: fee to stakers %s", got)
	}
	requireStatus(t, rpc, g1, "GUARANTEE_STATUS_SETTLED")
	checkPool("g1 settled", "6000", "4000", "10000", "0", "0")
	requireBalance(t, rpc, owner, new(big.Int).Add(ownerBefore, ampToAamp(t, "0.3")), "owner's commission")
	requireRewards(t, rpc, partition, staker1, "1.62", "g1 settled")
	requireRewards(t, rpc, partition, staker2, "1.08", "g1 settled")
	requireBalance(t, rpc, merchant, merchantPaid, "a settled guarantee pays the merchant nothing")
	// Staker 1 collects its fee share.
	before := bigBalance(t, rpc, staker1)
	res = collTx(t, home, rpc, "demo", "claim-rewards", partition)
	requireCollOK(t, res)
	want := new(big.Int).Add(before, ampToAamp(t, "1.62"))
	requireBalance(t, rpc, staker1, want.Sub(want, bigInt(t, res.feeIn(denom))), "staker 1 after claim-rewards")
	requireRewards(t, rpc, partition, staker1, "0", "after claim")

	// 4. The second: attested failed; the merchant gets 1,000 AMP, once.
	g2, _ := open("0x02", "18s")
	checkPool("g2 open", "6000", "4000", "10000", "1250", "0")
	requireCollOK(t, collTx(t, home, rpc, "coll-attester", "attest-settlement", g2, "failed"))
	requireStatus(t, rpc, g2, "GUARANTEE_STATUS_LIQUIDATED")
	merchantPaid.Add(merchantPaid, ampToAamp(t, "1000"))
	requireBalance(t, rpc, merchant, merchantPaid, "merchant paid 12.30 USD ÷ 0.0123 in AMP")
	checkPool("g2 liquidated", "5400", "3600", "9000", "0", "0")
	requireRewards(t, rpc, partition, staker1, "1.62", "g2 liquidated")
	requireRewards(t, rpc, partition, staker2, "2.16", "g2 liquidated")
	again := collTx(t, home, rpc, "coll-attester", "attest-settlement", g2, "failed")
	requireCollCode(t, again, 15, "a second attestation")
	requireBalance(t, rpc, merchant, merchantPaid, "no second payment")

	// 5. The third expires and the chain liquidates it (end blocker).
	g3, _ := open("0x03", "8s")
	checkPool("g3 open", "5400", "3600", "9000", "1250", "0")
	eventually(t, 60*time.Second, 500*time.Millisecond, "guarantee "+g3+" to be liquidated by the chain", func() (bool, string) {
		st := guaranteeStatus(t, rpc, g3)
		return st == "GUARANTEE_STATUS_LIQUIDATED", st
	})
	merchantPaid.Add(merchantPaid, ampToAamp(t, "1000"))
	requireBalance(t, rpc, merchant, merchantPaid, "merchant paid for the expired guarantee")
	checkPool("g3 liquidated", "4800", "3200", "8000", "0", "0")
	requireRewards(t, rpc, partition, staker1, "3.24", "g3 liquidated")
	requireRewards(t, rpc, partition, staker2, "3.24", "g3 liquidated")
	late := collTx(t, home, rpc, "coll-attester", "liquidate-expired", g3)
	requireCollCode(t, late, 15, "liquidating an already liquidated guarantee")
	requireBalance(t, rpc, merchant, merchantPaid, "no double payment")
	var list struct {
		Guarantees []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"guarantees"`
	}
	collQuery(t, rpc, &list, "guarantees", "--merchant", merchant)
	if len(list.Guarantees) != 3 {
		t.Fatalf("guarantees of the merchant: %+v", list.Guarantees)
	}

	// 6. Staker 2 withdraws 1,000 AMP: out of capacity at once, paid only
	// after the 20 s unbonding period.
	requireCollOK(t, collTx(t, home, rpc, "coll-staker2", "request-withdrawal", partition, ampToAamp(t, "1000").String()))
	checkPool("withdrawal requested", "4800", "2200", "7000", "0", "1000")
	var ws struct {
		Withdrawals []struct {
			Amount      string    `json:"amount"`
			CompletesAt time.Time `json:"completes_at"`
		} `json:"withdrawals"`
	}
	collQuery(t, rpc, &ws, "withdrawals", staker2)
	if len(ws.Withdrawals) != 1 || ws.Withdrawals[0].Amount != ampToAamp(t, "1000").String() {
		t.Fatalf("withdrawals of staker 2: %+v", ws.Withdrawals)
	}
	early := collTx(t, home, rpc, "coll-staker2", "claim-withdrawals")
	requireCollCode(t, early, 24, "claiming before the unbonding period")
	if wait := time.Until(ws.Withdrawals[0].CompletesAt); wait > 0 {
		time.Sleep(wait + time.Second)
	}
	before = bigBalance(t, rpc, staker2)
	var paid collTxResult
	eventually(t, 30*time.Second, time.Second, "the matured withdrawal to be paid", func() (bool, string) {
		paid = collTx(t, home, rpc, "coll-staker2", "claim-withdrawals")
		return paid.Code == 0, fmt.Sprintf("code %d %s", paid.Code, paid.RawLog)
	})
	want = new(big.Int).Add(before, ampToAamp(t, "1000"))
	requireBalance(t, rpc, staker2, want.Sub(want, bigInt(t, paid.feeIn(denom))), "staker 2 after the unbonding period")
	checkPool("withdrawal paid", "4800", "2200", "7000", "0", "0")

	t.Logf("TestCollateralGuaranteesCLI took %s", time.Since(start).Round(time.Millisecond))
}

// ---------------------------------------------------------------- helpers

type collTxResult struct {
	ampTxResult
	Events []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// attr returns an attribute of the first event of type typ, unquoted (typed
// events carry JSON values).
func (r collTxResult) attr(t *testing.T, typ, key string) string {
	t.Helper()
	for _, ev := range r.Events {
		if ev.Type != typ {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == key {
				var s string
				if err := json.Unmarshal([]byte(a.Value), &s); err == nil {
					return s
				}
				return a.Value
			}
		}
	}
	t.Fatalf("tx %s has no %s.%s", r.TxHash, typ, key)
	return ""
}

// collTx broadcasts `ampd tx collateral <args>` signed by key, requires
// CheckTx to accept it and returns its result once it is in a block.
func collTx(t *testing.T, home, rpc, key string, args ...string) collTxResult {
	t.Helper()
	full := append([]string{"tx", "collateral"}, args...)
	full = append(full, "--from", key, "--gas", "800000",
		"--chain-id", chainID, "--keyring-backend", "test", "--home", home,
		"--node", rpc, "--yes", "--output", "json")
	out := mustAmpd(t, full...)
	var bcast collTxResult
	if err := json.Unmarshal([]byte(out), &bcast); err != nil {
		t.Fatalf("parse broadcast result of %v %q: %v", args, out, err)
	}
	if bcast.Code != 0 || bcast.TxHash == "" {
		t.Fatalf("%v rejected by CheckTx: code=%d codespace=%q raw_log=%q", args, bcast.Code, bcast.Codespace, bcast.RawLog)
	}
	var res collTxResult
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
	return res
}

func requireCollOK(t *testing.T, res collTxResult) {
	t.Helper()
	requireTxOK(t, res.ampTxResult)
}

// requireCollCode requires a tx that failed in its block with x/collateral's
// registered error code.
func requireCollCode(t *testing.T, res collTxResult, code uint32, what string) {
	t.Helper()
	if res.Code != code || res.Codespace != "collateral" {
		t.Fatalf("%s: code=%d codespace=%q raw_log=%q; want collateral code %d", what, res.Code, res.Codespace, res.RawLog, code)
	}
	t.Logf("%s refused: %s", what, res.RawLog)
}

// collQuery runs `ampd q collateral <args> -o json` into out.
func collQuery(t *testing.T, rpc string, out any, args ...string) {
	t.Helper()
	full := append([]string{"q", "collateral"}, args...)
	raw := mustAmpd(t, append(full, "--node", rpc, "--output", "json")...)
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		t.Fatalf("parse q collateral %v %q: %v", args, raw, err)
	}
}

type capacityResp struct {
	Total              string `json:"total"`
	Locked             string `json:"locked"`
	PendingWithdrawals string `json:"pending_withdrawals"`
	Free               string `json:"free"`
	FreeInQuote        string `json:"free_in_quote"`
	Quote              string `json:"quote"`
	Price              string `json:"price"`
}

func capacity(t *testing.T, rpc, partition string) capacityResp {
	t.Helper()
	var c capacityResp
	collQuery(t, rpc, &c, "capacity", partition)
	return c
}

func requirePosition(t *testing.T, rpc, partition, staker string, want *big.Int, step string) {
	t.Helper()
	var p struct {
		Value string `json:"value"`
	}
	collQuery(t, rpc, &p, "position", partition, staker)
	if orZero(p.Value) != want.String() {
		t.Fatalf("%s: position of %s is worth %s aamp, want %s", step, staker, p.Value, want)
	}
}

func requireRewards(t *testing.T, rpc, partition, staker, wantAMP, step string) {
	t.Helper()
	var r struct {
		Rewards []struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"rewards"`
	}
	collQuery(t, rpc, &r, "rewards", partition, staker)
	got := "0"
	for _, c := range r.Rewards {
		if c.Denom == denom {
			got = c.Amount
		}
	}
	if want := ampToAamp(t, wantAMP).String(); got != want {
		t.Fatalf("%s: rewards of %s = %s aamp, want %s (%s AMP)", step, staker, got, want, wantAMP)
	}
}

func guaranteeStatus(t *testing.T, rpc, id string) string {
	t.Helper()
	var g struct {
		Guarantee struct {
			Status string `json:"status"`
		} `json:"guarantee"`
	}
	collQuery(t, rpc, &g, "guarantee", id)
	return g.Guarantee.Status
}

func requireStatus(t *testing.T, rpc, id, want string) {
	t.Helper()
	if got := guaranteeStatus(t, rpc, id); got != want {
		t.Fatalf("guarantee %s is %s, want %s", id, got, want)
	}
}

func bigBalance(t *testing.T, rpc, addr string) *big.Int {
	t.Helper()
	b, err := balance(rpc, addr)
	if err != nil {
		t.Fatal(err)
	}
	return bigInt(t, b)
}

func requireBalance(t *testing.T, rpc, addr string, want *big.Int, what string) {
	t.Helper()
	if got := bigBalance(t, rpc, addr); got.Cmp(want) != 0 {
		t.Fatalf("%s: balance of %s = %s aamp, want %s", what, addr, got, want)
	}
}

// ampToAamp converts a decimal AMP amount ("1.62") to aamp.
func ampToAamp(t *testing.T, s string) *big.Int {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 18 {
		t.Fatalf("%s has more than 18 decimals", s)
	}
	return bigInt(t, whole+frac+strings.Repeat("0", 18-len(frac)))
}

func ratOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a decimal: %q", s)
	}
	return r
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

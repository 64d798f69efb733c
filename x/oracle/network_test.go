package oracle_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/testutil/network"
	"github.com/ampchain/ampchain/x/oracle/types"
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

// garbageVoter makes a node's vote extensions garbage while on is set.
type garbageVoter struct {
	abci.Application
	on *atomic.Bool
}

func (g garbageVoter) ExtendVote(ctx context.Context, req *abci.RequestExtendVote) (*abci.ResponseExtendVote, error) {
	if g.on.Load() {
		return &abci.ResponseExtendVote{VoteExtension: []byte("garbage, not an oracle vote extension")}, nil
	}
	return g.Application.ExtendVote(ctx, req)
}

// priceUpdate is an EventPriceUpdated of AMP/USD in a block.
type priceUpdate struct {
	height    int64
	price     string
	reporting int64
	total     int64
}

// priceUpdates returns the AMP/USD updates of blocks from..to as seen by nd.
func priceUpdates(t *testing.T, nd *network.Node, from, to int64) []priceUpdate {
	t.Helper()
	var out []priceUpdate
	for h := from; h <= to; h++ {
		res, err := nd.RPC.BlockResults(context.Background(), &h)
		require.NoError(t, err)
		for _, e := range res.FinalizeBlockEvents {
			msg, err := sdk.ParseTypedEvent(e)
			if err != nil {
				continue
			}
			if ev, ok := msg.(*types.EventPriceUpdated); ok && ev.Pair == "AMP/USD" {
				out = append(out, priceUpdate{height: h, price: ev.Price, reporting: ev.ReportingPower, total: ev.TotalPower})
			}
		}
	}
	return out
}

func queryPrice(nd *network.Node) (*types.QueryPriceResponse, error) {
	return types.NewQueryClient(nd.ClientCtx).Price(context.Background(), &types.QueryPriceRequest{Pair: "AMP/USD"})
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, last := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s; last: %s", timeout, what, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestVoteExtensionPrices runs four validators of equal power, each reading
// its own price file, with vote extensions on from height 2.
func TestVoteExtensionPrices(t *testing.T) {
	dir := t.TempDir()
	priceFile := func(i int) string { return filepath.Join(dir, fmt.Sprintf("node%d.json", i)) }
	writePrice := func(i int, body string) {
		tmp := priceFile(i) + ".tmp"
		require.NoError(t, os.WriteFile(tmp, []byte(body), 0o600))
		require.NoError(t, os.Rename(tmp, priceFile(i)))
	}
	for i, p := range []string{"1.00", "1.10", "1.20", "9.99"} {
		writePrice(i, fmt.Sprintf(`{"AMP/USD":"%s"}`, p))
	}
	const maxAge = 3 * time.Second
	node3Garbage := &atomic.Bool{}
	vals := []apptesting.Validator{
		apptesting.NewValidator("alice", 10), apptesting.NewValidator("bob", 10),
		apptesting.NewValidator("carol", 10), apptesting.NewValidator("dave", 10),
	}
	net := network.New(t, network.Config{
		Validators:                 vals,
		VoteExtensionsEnableHeight: 2,
		Genesis: apptesting.Options{Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
			genesis[types.ModuleName] = cdc.MustMarshalJSON(&types.GenesisState{Pairs: []types.Pair{
				// max_move 100 (10,000 %): this test is about the median, not the move limit
				types.NewPair("AMP/USD", maxAge, dec("100"), math.LegacyDec{}, ""),
			}})
		}},
		AppOptions: func(i int) map[string]any {
			return map[string]any{"oracle.source": "file://" + priceFile(i), "oracle.timeout": "200ms"}
		},
		WrapABCI: func(i int, a abci.Application) abci.Application {
			if i == 3 {
				return garbageVoter{Application: a, on: node3Garbage}
			}
			return a
		},
	})
	nd := net.Nodes[0]
	// latest is the last height whose results are stored: CometBFT saves
	// block h before it executes it.
	latest := func() int64 {
		h, err := nd.LatestHeight(context.Background())
		require.NoError(t, err)
		return h - 1
	}

	// Phase 1: with all four reporting 1.00, 1.10, 1.20 and 9.99, the stored
	// price is their lower weighted median, 1.10: the outlier does not pull it.
	var full []priceUpdate
	eventually(t, 30*time.Second, "three blocks whose price all four validators reported", func() (bool, string) {
		full = full[:0]
		for _, u := range priceUpdates(t, nd, 3, latest()) {
			if u.reporting == 40 {
				full = append(full, u)
			}
		}
		return len(full) >= 3, fmt.Sprintf("%d such blocks", len(full))
	})
	for _, u := range full {
		require.Equal(t, dec("1.10").String(), u.price, "block %d", u.height)
		require.Equal(t, int64(40), u.total)
	}
	res, err := queryPrice(nd)
	require.NoError(t, err)
	require.False(t, res.Stale)
	require.Equal(t, types.PRICE_SOURCE_VOTE_EXTENSIONS, res.Price.Source)

	// Phase 2: dave's node now sends garbage extensions (the others reject
	// its precommits) and bob's price moves to 1.05. The median of the three
	// honest reports is 1.05; had the garbage counted, as a price of 0 say,
	// it would be 1.00.
	node3Garbage.Store(true)
	writePrice(1, `{"AMP/USD":"1.05"}`)
	var switched int64
	eventually(t, 30*time.Second, "the price to become 1.05", func() (bool, string) {
		res, err := queryPrice(nd)
		if err != nil {
			return false, err.Error()
		}
		switched = res.Price.UpdatedHeight
		return res.Price.Price.Equal(dec("1.05")), res.Price.Price.String()
	})
	net.WaitForBlocks(4)
	after := priceUpdates(t, nd, switched, latest())
	require.GreaterOrEqual(t, len(after), 3, "the chain keeps updating while a validator sends garbage")
	for _, u := range after {
		require.Equal(t, dec("1.05").String(), u.price, "block %d", u.height)
		require.Equal(t, int64(30), u.reporting, "block %d: the garbage never counts", u.height)
	}

	// Phase 3: dave's node sends nothing (its price file is gone: empty
	// extensions) and alice moves to 1.08: the median of 1.05, 1.08 and 1.20.
	node3Garbage.Store(false)
	require.NoError(t, os.Remove(priceFile(3)))
	writePrice(0, `{"AMP/USD":"1.08"}`)
	eventually(t, 30*time.Second, "the price to become 1.08", func() (bool, string) {
		res, err := queryPrice(nd)
		if err != nil {
			return false, err.Error()
		}
		switched = res.Price.UpdatedHeight
		return res.Price.Price.Equal(dec("1.08")), res.Price.Price.String()
	})
	net.WaitForBlocks(3)
	for _, u := range priceUpdates(t, nd, switched, latest()) {
		require.Equal(t, dec("1.08").String(), u.price, "block %d", u.height)
		require.Equal(t, int64(30), u.reporting, "block %d: an empty extension does not count", u.height)
	}

	// Phase 4: alice's feed breaks too; two of four is below 2/3, so the
	// price stops updating and, once older than max_age, is refused.
	writePrice(0, `garbage`)
	eventually(t, 10*time.Second+maxAge, "the price to go stale", func() (bool, string) {
		ctx, err := nd.App.CreateQueryContext(0, false)
		if err != nil {
			return false, err.Error()
		}
		_, _, err = nd.App.OracleKeeper.GetPrice(ctx, "AMP/USD")
		return err != nil, fmt.Sprintf("GetPrice error %v at block time %s", err, ctx.BlockTime())
	})
	ctx, err := nd.App.CreateQueryContext(0, false)
	require.NoError(t, err)
	_, _, err = nd.App.OracleKeeper.GetPrice(ctx, "AMP/USD")
	require.ErrorIs(t, err, types.ErrPriceStale)
	res, err = queryPrice(nd)
	require.NoError(t, err)
	require.True(t, res.Stale, "the query shows the last price, flagged stale")
	require.Equal(t, dec("1.08"), res.Price.Price)
	require.Empty(t, priceUpdates(t, nd, res.Price.UpdatedHeight+1, latest()), "no update since")
}

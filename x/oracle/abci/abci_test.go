package abci_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	protoio "github.com/cosmos/gogoproto/io"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	oracleabci "github.com/ampchain/ampchain/x/oracle/abci"
	"github.com/ampchain/ampchain/x/oracle/types"
)

var genesisTime = time.Unix(1_700_000_000, 0).UTC()

// chain is an app driven block by block through its ABCI methods, as
// CometBFT would, with four validators of power 10 whose votes the test signs.
type chain struct {
	t      *testing.T
	app    *app.App
	vals   []apptesting.Validator
	height int64
}

type chainOptions struct {
	oracleSource string
	oracle       *types.GenesisState
	veHeight     int64
}

func newChain(t *testing.T, o chainOptions) *chain {
	t.Helper()
	vals := []apptesting.Validator{
		apptesting.NewValidator("val0", 10), apptesting.NewValidator("val1", 10),
		apptesting.NewValidator("val2", 10), apptesting.NewValidator("val3", 10),
	}
	opts := simtestutil.AppOptionsMap{flags.FlagHome: t.TempDir()}
	if o.oracleSource != "" {
		opts["oracle.source"] = o.oracleSource
	}
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, opts, baseapp.SetChainID(apptesting.ChainID))
	gs := o.oracle
	if gs == nil {
		gs = &types.GenesisState{Pairs: []types.Pair{types.NewPair("AMP/USD", time.Minute, dec("0.5"), math.LegacyDec{}, "")}}
	}
	genesis := apptesting.GenesisState(t, a, apptesting.Options{
		Validators: vals,
		Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
			genesis[types.ModuleName] = cdc.MustMarshalJSON(gs)
		},
	})
	stateBytes, err := json.Marshal(genesis)
	require.NoError(t, err)
	params := *simtestutil.DefaultConsensusParams
	veHeight := o.veHeight
	if veHeight == 0 {
		veHeight = 1
	}
	params.Abci = &cmtproto.ABCIParams{VoteExtensionsEnableHeight: veHeight}
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId: apptesting.ChainID, Time: genesisTime, ConsensusParams: &params, AppStateBytes: stateBytes, InitialHeight: 1,
	})
	require.NoError(t, err)
	return &chain{t: t, app: a, vals: vals}
}

// sortedVals are the validators in CometBFT's commit order: power
// descending, then address ascending.
func (c *chain) sortedVals() []apptesting.Validator {
	vals := append([]apptesting.Validator{}, c.vals...)
	sort.Slice(vals, func(i, j int) bool {
		if vals[i].Power != vals[j].Power {
			return vals[i].Power > vals[j].Power
		}
		return bytes.Compare(vals[i].ConsAddress(), vals[j].ConsAddress()) < 0
	})
	return vals
}

// extendedCommit is the extended commit of c.height in which validator i
// (by moniker) counted with extension exts[moniker] (absent when missing
// from exts), each extension signed by the validator's consensus key.
func (c *chain) extendedCommit(exts map[string][]byte) (abci.ExtendedCommitInfo, abci.CommitInfo) {
	c.t.Helper()
	var ec abci.ExtendedCommitInfo
	var lc abci.CommitInfo
	for _, v := range c.sortedVals() {
		validator := abci.Validator{Address: v.ConsAddress(), Power: v.Power}
		ext, ok := exts[v.Moniker]
		if !ok {
			ec.Votes = append(ec.Votes, abci.ExtendedVoteInfo{Validator: validator, BlockIdFlag: cmtproto.BlockIDFlagAbsent})
			lc.Votes = append(lc.Votes, abci.VoteInfo{Validator: validator, BlockIdFlag: cmtproto.BlockIDFlagAbsent})
			continue
		}
		var buf bytes.Buffer
		require.NoError(c.t, protoio.NewDelimitedWriter(&buf).WriteMsg(&cmtproto.CanonicalVoteExtension{
			Extension: ext, Height: c.height, Round: 0, ChainId: apptesting.ChainID,
		}))
		sig, err := v.ConsKey.Sign(buf.Bytes())
		require.NoError(c.t, err)
		ec.Votes = append(ec.Votes, abci.ExtendedVoteInfo{Validator: validator, VoteExtension: ext, ExtensionSignature: sig, BlockIdFlag: cmtproto.BlockIDFlagCommit})
		lc.Votes = append(lc.Votes, abci.VoteInfo{Validator: validator, BlockIdFlag: cmtproto.BlockIDFlagCommit})
	}
	return ec, lc
}

func (c *chain) nextTime() time.Time { return genesisTime.Add(time.Duration(c.height+1) * time.Second) }

func (c *chain) prepare(ec abci.ExtendedCommitInfo, txs ...[]byte) *abci.ResponsePrepareProposal {
	c.t.Helper()
	res, err := c.app.PrepareProposal(&abci.RequestPrepareProposal{
		Height: c.height + 1, Time: c.nextTime(), MaxTxBytes: 1 << 20, Txs: txs,
		LocalLastCommit: ec, ProposerAddress: c.vals[0].ConsAddress(),
	})
	require.NoError(c.t, err)
	return res
}

func (c *chain) process(lc abci.CommitInfo, txs [][]byte) abci.ResponseProcessProposal_ProposalStatus {
	c.t.Helper()
	res, err := c.app.ProcessProposal(&abci.RequestProcessProposal{
		Height: c.height + 1, Time: c.nextTime(), Txs: txs, ProposedLastCommit: lc, ProposerAddress: c.vals[0].ConsAddress(),
	})
	require.NoError(c.t, err)
	return res.Status
}

// finalize executes and commits the next block.
func (c *chain) finalize(lc abci.CommitInfo, txs [][]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: c.height + 1, Time: c.nextTime(), Txs: txs, DecidedLastCommit: lc, ProposerAddress: c.vals[0].ConsAddress(),
	})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	c.height++
	return res
}

func (c *chain) storedPrice(pair string) (types.Price, bool) {
	p, err := c.app.OracleKeeper.Prices.Get(c.app.NewContext(true), pair)
	return p, err == nil
}

func prices(t *testing.T, amp string) []byte { return ext(t, map[string]string{"AMP/USD": amp}) }

func hasEvent(res *abci.ResponseFinalizeBlock, eventType string, attrs map[string]string) bool {
	for _, e := range res.Events {
		if e.Type != eventType {
			continue
		}
		matched := 0
		for _, a := range e.Attributes {
			if want, ok := attrs[a.Key]; ok && want == a.Value {
				matched++
			}
		}
		if matched == len(attrs) {
			return true
		}
	}
	return false
}

func TestProposalFlow(t *testing.T) {
	c := newChain(t, chainOptions{})
	c.finalize(abci.CommitInfo{}, nil) // height 1: vote extensions start with its votes

	// height 2 carries the medians of the extensions of height 1
	ec, lc := c.extendedCommit(map[string][]byte{
		"val0": prices(t, "1.00"), "val1": prices(t, "1.10"), "val2": prices(t, "1.20"), "val3": prices(t, "9.99"),
	})
	prep := c.prepare(ec)
	require.NotEmpty(t, prep.Txs)
	require.True(t, types.IsInjectedPrices(prep.Txs[0]), "the proposer puts the prices first")
	ip, err := types.DecodeInjectedPrices(prep.Txs[0])
	require.NoError(t, err)
	require.Equal(t, []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("1.10").String(), ReportingPower: 40, TotalPower: 40}}, ip.Prices)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))

	t.Run("every validator rejects a tampered or misplaced payload", func(t *testing.T) {
		reencode := func(mutate func(*types.InjectedPrices)) []byte {
			ip, err := types.DecodeInjectedPrices(prep.Txs[0])
			require.NoError(t, err)
			mutate(&ip)
			bz, err := types.EncodeInjectedPrices(ip)
			require.NoError(t, err)
			return bz
		}
		withCommit := func(mutate func(*abci.ExtendedCommitInfo)) []byte {
			return reencode(func(ip *types.InjectedPrices) {
				var commit abci.ExtendedCommitInfo
				require.NoError(t, commit.Unmarshal(ip.ExtendedCommitInfo))
				mutate(&commit)
				bz, err := commit.Marshal()
				require.NoError(t, err)
				ip.ExtendedCommitInfo = bz
			})
		}
		// hideVote marks vote i absent in the payload's commit and
		// recomputes the prices to match, so only the comparison with the
		// block's own last commit can catch it.
		hideVote := func(i int) []byte {
			return reencode(func(ip *types.InjectedPrices) {
				var commit abci.ExtendedCommitInfo
				require.NoError(t, commit.Unmarshal(ip.ExtendedCommitInfo))
				commit.Votes[i].BlockIdFlag = cmtproto.BlockIDFlagAbsent
				bz, err := commit.Marshal()
				require.NoError(t, err)
				ip.ExtendedCommitInfo = bz
				pairs, err := c.app.OracleKeeper.GetPairs(c.app.NewContext(true))
				require.NoError(t, err)
				ip.Prices = oracleabci.Aggregate(pairs, commit.Votes)
			})
		}
		userTx := []byte("a user transaction")
		cases := map[string][][]byte{
			"no payload":            {userTx},
			"empty block":           nil,
			"payload not first":     {userTx, prep.Txs[0]},
			"payload twice":         {prep.Txs[0], prep.Txs[0]},
			"undecodable payload":   {append(append([]byte{}, types.InjectedPricesPrefix...), 0xff, 0xff)},
			"price changed":         {reencode(func(ip *types.InjectedPrices) { ip.Prices[0].Price = dec("1.20").String() })},
			"reporting power lied":  {reencode(func(ip *types.InjectedPrices) { ip.Prices[0].ReportingPower = 30 })},
			"price dropped":         {reencode(func(ip *types.InjectedPrices) { ip.Prices = nil })},
			"price added":           {reencode(func(ip *types.InjectedPrices) { ip.Prices = append(ip.Prices, ip.Prices[0]) })},
			"commit missing":        {reencode(func(ip *types.InjectedPrices) { ip.ExtendedCommitInfo = nil })},
			"extension forged":      {withCommit(func(ec *abci.ExtendedCommitInfo) { ec.Votes[0].VoteExtension = prices(t, "5.00") })},
			"signature stripped":    {withCommit(func(ec *abci.ExtendedCommitInfo) { ec.Votes[1].ExtensionSignature = nil })},
			"vote hidden as absent": {hideVote(0)},
			"power changed":         {withCommit(func(ec *abci.ExtendedCommitInfo) { ec.Votes[0].Validator.Power = 100 })},
			"round changed":         {withCommit(func(ec *abci.ExtendedCommitInfo) { ec.Round = 1 })},
			"vote dropped":          {withCommit(func(ec *abci.ExtendedCommitInfo) { ec.Votes = ec.Votes[1:] })},
		}
		for name, txs := range cases {
			require.Equal(t, abci.ResponseProcessProposal_REJECT, c.process(lc, txs), name)
		}
		// a payload computed from a different (valid) commit does not match
		// the block's last commit either
		_, partialLC := c.extendedCommit(map[string][]byte{"val0": nil, "val1": nil, "val2": nil})
		require.Equal(t, abci.ResponseProcessProposal_REJECT, c.process(partialLC, prep.Txs))
	})

	// FinalizeBlock: the payload is not executed as a transaction, the
	// transactions after it keep their index, and the median is stored.
	garbage := []byte("not a transaction")
	res := c.finalize(lc, append(append([][]byte{}, prep.Txs...), garbage))
	require.Len(t, res.TxResults, 2)
	require.Zero(t, res.TxResults[0].Code)
	require.Equal(t, oracleabci.InjectedPricesLog, res.TxResults[0].Log)
	require.Equal(t, sdkerrors.ErrTxDecode.ABCICode(), res.TxResults[1].Code, "a user tx after the payload runs as usual")
	require.True(t, hasEvent(res, "ampchain.oracle.v1.EventPriceUpdated", map[string]string{
		"pair": `"AMP/USD"`, "price": `"1.100000000000000000"`, "reporting_power": `"40"`, "total_power": `"40"`,
	}), "events: %v", res.Events)
	stored, ok := c.storedPrice("AMP/USD")
	require.True(t, ok)
	require.Equal(t, types.Price{Pair: "AMP/USD", Price: dec("1.10"), UpdatedAt: genesisTime.Add(2 * time.Second), UpdatedHeight: 2, Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}, stored)

	// height 3: garbage and missing extensions do not count; 30 of 40 report
	ec, lc = c.extendedCommit(map[string][]byte{
		"val0": prices(t, "1.00"), "val1": prices(t, "1.05"), "val2": prices(t, "1.20"), "val3": []byte("garbage"),
	})
	prep = c.prepare(ec)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))
	c.finalize(lc, prep.Txs)
	stored, _ = c.storedPrice("AMP/USD")
	require.Equal(t, dec("1.05"), stored.Price)
	require.Equal(t, int64(3), stored.UpdatedHeight)

	// height 4: half the power reports; below 2/3 there is no update
	ec, lc = c.extendedCommit(map[string][]byte{"val0": prices(t, "1.30"), "val1": prices(t, "1.30"), "val2": nil, "val3": nil})
	prep = c.prepare(ec)
	ip, err = types.DecodeInjectedPrices(prep.Txs[0])
	require.NoError(t, err)
	require.Empty(t, ip.Prices)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))
	c.finalize(lc, prep.Txs)
	stored, _ = c.storedPrice("AMP/USD")
	require.Equal(t, dec("1.05"), stored.Price)
	require.Equal(t, int64(3), stored.UpdatedHeight, "the price was not refreshed")

	// height 5: a jump beyond max_move (50 %) is refused, not clamped
	ec, lc = c.extendedCommit(map[string][]byte{"val0": prices(t, "2.00"), "val1": prices(t, "2.00"), "val2": prices(t, "2.00"), "val3": prices(t, "2.00")})
	prep = c.prepare(ec)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))
	res = c.finalize(lc, prep.Txs)
	require.True(t, hasEvent(res, "ampchain.oracle.v1.EventPriceRefused", map[string]string{
		"pair": `"AMP/USD"`, "price": `"2.000000000000000000"`, "stored_price": `"1.050000000000000000"`,
	}), "events: %v", res.Events)
	stored, _ = c.storedPrice("AMP/USD")
	require.Equal(t, dec("1.05"), stored.Price)
	require.Equal(t, int64(3), stored.UpdatedHeight)

	// the price is refused to callers once older than max_age (1 minute)
	ctx := c.app.NewContext(true)
	_, _, err = c.app.OracleKeeper.GetPrice(ctx.WithBlockTime(stored.UpdatedAt.Add(time.Minute)), "AMP/USD")
	require.NoError(t, err)
	_, _, err = c.app.OracleKeeper.GetPrice(ctx.WithBlockTime(stored.UpdatedAt.Add(time.Minute+time.Millisecond)), "AMP/USD")
	require.ErrorIs(t, err, types.ErrPriceStale)
}

func TestNoPayloadBeforeVoteExtensions(t *testing.T) {
	c := newChain(t, chainOptions{veHeight: 3})
	c.finalize(abci.CommitInfo{}, nil)
	// height 2: extensions start at height 3, so no block carries them yet
	ec, lc := c.extendedCommit(nil)
	for i := range ec.Votes {
		ec.Votes[i].BlockIdFlag, lc.Votes[i].BlockIdFlag = cmtproto.BlockIDFlagCommit, cmtproto.BlockIDFlagCommit
	}
	prep := c.prepare(ec, []byte("tx"))
	require.Equal(t, [][]byte{[]byte("tx")}, prep.Txs, "nothing is injected")
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))

	payload, err := types.EncodeInjectedPrices(types.InjectedPrices{})
	require.NoError(t, err)
	require.Equal(t, abci.ResponseProcessProposal_REJECT, c.process(lc, [][]byte{payload}), "nor accepted")
}

func TestPublisherFallbackIgnoresVoteExtensions(t *testing.T) {
	gs := &types.GenesisState{
		Params: types.Params{PublisherFallback: true},
		Pairs:  []types.Pair{types.NewPair("AMP/USD", time.Minute, dec("0.5"), math.LegacyDec{}, "")},
	}
	c := newChain(t, chainOptions{oracle: gs})
	c.finalize(abci.CommitInfo{}, nil)
	ec, lc := c.extendedCommit(map[string][]byte{"val0": prices(t, "1"), "val1": prices(t, "1"), "val2": prices(t, "1"), "val3": prices(t, "1")})
	prep := c.prepare(ec)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, c.process(lc, prep.Txs))
	c.finalize(lc, prep.Txs)
	_, ok := c.storedPrice("AMP/USD")
	require.False(t, ok, "with the publisher fallback on, only publishers set prices")
}

func TestExtendVote(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "prices.json")
	extend := func(c *chain) []types.ReportedPrice {
		t.Helper()
		res, err := c.app.ExtendVote(context.Background(), &abci.RequestExtendVote{Height: c.height + 1, Hash: []byte("block")})
		require.NoError(t, err)
		pairs, err := c.app.OracleKeeper.GetPairs(c.app.NewContext(true))
		require.NoError(t, err)
		got, err := types.DecodeVoteExtension(res.VoteExtension, pairs)
		require.NoError(t, err, "a node's own extension is always valid")
		verify, err := c.app.VerifyVoteExtension(&abci.RequestVerifyVoteExtension{Height: c.height + 1, VoteExtension: res.VoteExtension, ValidatorAddress: c.vals[1].ConsAddress()})
		require.NoError(t, err)
		require.Equal(t, abci.ResponseVerifyVoteExtension_ACCEPT, verify.Status)
		return got
	}
	gs := &types.GenesisState{Pairs: []types.Pair{
		types.NewPair("AMP/USD", time.Minute, dec("0.5"), math.LegacyDec{}, ""),
		types.NewPair("BTC/USD", time.Minute, dec("0.5"), math.LegacyDec{}, ""),
	}}
	c := newChain(t, chainOptions{oracleSource: "file://" + file, oracle: gs})
	c.finalize(abci.CommitInfo{}, nil)

	require.Empty(t, extend(c), "a missing file gives an empty extension")
	require.NoError(t, os.WriteFile(file, []byte(`{"AMP/USD":"0.0123","BTC/USD":97000.5,"DOGE/USD":"0.1"}`), 0o600))
	require.Equal(t, []types.ReportedPrice{{Pair: "AMP/USD", Price: dec("0.0123")}, {Pair: "BTC/USD", Price: dec("97000.5")}}, extend(c),
		"registered pairs only")
	require.NoError(t, os.WriteFile(file, []byte(`{"AMP/USD":"0.0123","BTC/USD":"-1"}`), 0o600))
	require.Empty(t, extend(c), "a feed with a bad price is not trusted at all")
	require.NoError(t, os.WriteFile(file, []byte(`garbage`), 0o600))
	require.Empty(t, extend(c), "garbage gives an empty extension")

	noSource := newChain(t, chainOptions{oracle: gs})
	noSource.finalize(abci.CommitInfo{}, nil)
	require.Empty(t, extend(noSource), "a node without a source reports nothing")

	require.NoError(t, os.WriteFile(file, []byte(`{"AMP/USD":"0.0123"}`), 0o600))
	fallback := newChain(t, chainOptions{oracleSource: file, oracle: &types.GenesisState{Params: types.Params{PublisherFallback: true}, Pairs: gs.Pairs}})
	fallback.finalize(abci.CommitInfo{}, nil)
	require.Empty(t, extend(fallback), "with the publisher fallback on there is nothing to report")
}

func TestVerifyVoteExtension(t *testing.T) {
	c := newChain(t, chainOptions{})
	c.finalize(abci.CommitInfo{}, nil)
	encode := func(reports ...types.PriceReport) []byte {
		bz, err := (&types.OracleVoteExtension{Prices: reports}).Marshal()
		require.NoError(t, err)
		return bz
	}
	one := dec("1").String()
	cases := []struct {
		name string
		ext  []byte
		want abci.ResponseVerifyVoteExtension_VerifyStatus
	}{
		{"empty", nil, abci.ResponseVerifyVoteExtension_ACCEPT},
		{"valid", prices(t, "0.0123"), abci.ResponseVerifyVoteExtension_ACCEPT},
		{"undecodable", []byte{0xff, 0xff, 0xff}, abci.ResponseVerifyVoteExtension_REJECT},
		{"unknown pair", encode(types.PriceReport{Pair: "BTC/USD", Price: one}), abci.ResponseVerifyVoteExtension_REJECT},
		{"too many entries", encode(types.PriceReport{Pair: "AMP/USD", Price: one}, types.PriceReport{Pair: "BTC/USD", Price: one}), abci.ResponseVerifyVoteExtension_REJECT},
		{"duplicate", encode(types.PriceReport{Pair: "AMP/USD", Price: one}, types.PriceReport{Pair: "AMP/USD", Price: one}), abci.ResponseVerifyVoteExtension_REJECT},
		{"zero price", encode(types.PriceReport{Pair: "AMP/USD", Price: math.LegacyZeroDec().String()}), abci.ResponseVerifyVoteExtension_REJECT},
		{"negative price", encode(types.PriceReport{Pair: "AMP/USD", Price: dec("-0.5").String()}), abci.ResponseVerifyVoteExtension_REJECT},
		{"unparsable price", encode(types.PriceReport{Pair: "AMP/USD", Price: "NaN"}), abci.ResponseVerifyVoteExtension_REJECT},
		{"too large", make([]byte, types.MaxVoteExtensionBytes+1), abci.ResponseVerifyVoteExtension_REJECT},
	}
	for _, tc := range cases {
		res, err := c.app.VerifyVoteExtension(&abci.RequestVerifyVoteExtension{
			Height: c.height + 1, Hash: []byte("block"), ValidatorAddress: c.vals[2].ConsAddress(), VoteExtension: tc.ext,
		})
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, res.Status, tc.name)
	}
}

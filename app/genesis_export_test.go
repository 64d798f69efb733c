package app_test

import (
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtprotocrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	poakeeper "github.com/ampchain/ampchain/x/poa/keeper"
	poatypes "github.com/ampchain/ampchain/x/poa/types"
)

// genesisTime is the time apptesting.InitChain starts the chain at.
var genesisTime = time.Unix(1_700_000_000, 0).UTC()

// chain drives an app block by block through FinalizeBlock and Commit.
type chain struct {
	t      *testing.T
	app    *app.App
	height int64 // last committed height; 0 right after InitChain
	time   time.Time
	ctx    *sdk.Context // the next block's writable context, once asked for
}

func newChain(t *testing.T, opts apptesting.Options) *chain {
	t.Helper()
	a, _ := apptesting.Setup(t, opts)
	return &chain{t: t, app: a, time: genesisTime}
}

func (c *chain) nextTime() time.Time { return c.time.Add(5 * time.Second) }

// blockCtx is a writable context on the state the next FinalizeBlock builds
// on: changes made through it land in that block, as if by a transaction
// at its start.
func (c *chain) blockCtx() sdk.Context {
	if c.ctx == nil {
		var ctx sdk.Context
		if c.height == 0 {
			ctx = c.app.NewContext(false) // InitChain's state, which block 1 continues
		} else {
			ctx = c.app.NewNextBlockContext(cmtproto.Header{ChainID: apptesting.ChainID, Height: c.height + 1, Time: c.nextTime()})
		}
		ctx = ctx.WithBlockHeight(c.height + 1).WithBlockTime(c.nextTime()).WithEventManager(sdk.NewEventManager())
		c.ctx = &ctx
	}
	return *c.ctx
}

// finalize runs and commits the next block.
func (c *chain) finalize(misbehavior ...abci.Misbehavior) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	c.height++
	c.time = c.nextTime()
	res, err := c.app.FinalizeBlock(&abci.RequestFinalizeBlock{Height: c.height, Time: c.time, Misbehavior: misbehavior})
	require.NoError(c.t, err)
	_, err = c.app.Commit()
	require.NoError(c.t, err)
	c.ctx = nil
	return res
}

// state reads the committed state.
func (c *chain) state() sdk.Context { return c.app.NewContext(true) }

// requireInvariants fails the test if any x/poa invariant is broken.
func requireInvariants(t *testing.T, ctx sdk.Context, k poakeeper.Keeper) {
	t.Helper()
	for name, inv := range map[string]sdk.Invariant{
		"fees-backed":     poakeeper.FeesBackedInvariant(k),
		"consensus-index": poakeeper.ConsensusIndexInvariant(k),
	} {
		msg, broken := inv(ctx)
		require.Falsef(t, broken, "invariant %s broken: %s", name, msg)
	}
}

// typedEvents returns the events of type T, decoded. Attributes baseapp
// adds (mode, msg_index) are not JSON and are skipped.
func typedEvents[T proto.Message](t *testing.T, events []abci.Event) []T {
	t.Helper()
	var zero T
	name := proto.MessageName(zero)
	require.NotEmpty(t, name)
	var out []T
	for _, e := range events {
		if e.Type != name {
			continue
		}
		var attrs []abci.EventAttribute
		for _, a := range e.Attributes {
			if json.Valid([]byte(a.Value)) {
				attrs = append(attrs, a)
			}
		}
		msg, err := sdk.ParseTypedEvent(abci.Event{Type: e.Type, Attributes: attrs})
		require.NoError(t, err)
		out = append(out, msg.(T))
	}
	return out
}

func cmtKey(t *testing.T, v apptesting.Validator) cmtprotocrypto.PublicKey {
	t.Helper()
	pk, err := cryptocodec.ToCmtProtoPublicKey(v.ConsKey.PubKey())
	require.NoError(t, err)
	return pk
}

func fund(t *testing.T, a *app.App, ctx sdk.Context, from sdk.AccAddress, module string, coins sdk.Coins) {
	t.Helper()
	require.NoError(t, a.BankKeeper.SendCoinsFromAccountToModule(ctx, from, module, coins))
}

// genesisValidatorUpdates turns an export's validators into what CometBFT
// passes to InitChain.
func genesisValidatorUpdates(t *testing.T, exp servertypes.ExportedApp) []abci.ValidatorUpdate {
	t.Helper()
	updates := make([]abci.ValidatorUpdate, 0, len(exp.Validators))
	for _, v := range exp.Validators {
		sdkPk, err := cryptocodec.FromCmtPubKeyInterface(v.PubKey)
		require.NoError(t, err)
		pk, err := cryptocodec.ToCmtProtoPublicKey(sdkPk)
		require.NoError(t, err)
		updates = append(updates, abci.ValidatorUpdate{PubKey: pk, Power: v.Power})
	}
	return updates
}

// initFromExport starts a fresh app from an export, as `ampd genesis
// import` + CometBFT would: at the exported height, with the exported
// validators, which InitChain checks against what x/poa returns.
func initFromExport(t *testing.T, exp servertypes.ExportedApp, at time.Time) (*app.App, *abci.ResponseInitChain) {
	t.Helper()
	a := apptesting.NewApp(t)
	cp := exp.ConsensusParams
	res, err := a.InitChain(&abci.RequestInitChain{
		ChainId:         apptesting.ChainID,
		Time:            at,
		ConsensusParams: &cp,
		Validators:      genesisValidatorUpdates(t, exp),
		AppStateBytes:   exp.AppState,
		InitialHeight:   exp.Height,
	})
	require.NoError(t, err)
	return a, res
}

func exportApp(t *testing.T, a *app.App) servertypes.ExportedApp {
	t.Helper()
	exp, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	return exp
}

func exportedPoA(t *testing.T, a *app.App, exp servertypes.ExportedApp) poatypes.GenesisState {
	t.Helper()
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exp.AppState, &state))
	var gs poatypes.GenesisState
	require.NoError(t, a.AppCodec().UnmarshalJSON(state[poatypes.ModuleName], &gs))
	return gs
}

// TestExportImportRoundTrip runs a chain through fees, a new validator,
// double-sign evidence and a withdrawal, exports it, starts fresh apps from
// the export and checks that nothing was lost or invented.
func TestExportImportRoundTrip(t *testing.T) {
	a, b, c := apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 20), apptesting.NewValidator("c", 30)
	d := apptesting.NewValidator("d", 15)
	erin := apptesting.NewValidator("erin", 0)
	admin, payer := apptesting.NewAccount("admin"), apptesting.NewAccount("payer")
	ch := newChain(t, apptesting.Options{
		Validators: []apptesting.Validator{a, b, c, d},
		Accounts:   []apptesting.Account{admin, payer, erin.Account},
		Admin:      admin.Address,
		FundEach:   apptesting.AMP(1_000_000).Add(sdk.NewInt64Coin("uother", 1_000_000)),
	})
	pa := ch.app
	msgs := poakeeper.NewMsgServerImpl(pa.PoAKeeper)

	// Block 1: fees are paid.
	fund(t, pa, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 607), sdk.NewInt64Coin("uother", 7)))
	ch.finalize()

	// Block 2: erin registers and is activated; more fees.
	ctx := ch.blockCtx()
	create, err := poatypes.NewMsgCreateValidator(erin.Address, erin.ConsKey.PubKey(), "erin")
	require.NoError(t, err)
	_, err = msgs.CreateValidator(ctx, create)
	require.NoError(t, err)
	_, err = msgs.SetValidatorPower(ctx, &poatypes.MsgSetValidatorPower{Authority: admin.Address.String(), ValidatorAddress: erin.ValAddress().String(), Power: 10})
	require.NoError(t, err)
	fund(t, pa, ctx, payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 1001)))
	res := ch.finalize()
	require.Equal(t, []abci.ValidatorUpdate{{PubKey: cmtKey(t, erin), Power: 10}}, res.ValidatorUpdates)

	// Block 3: d double-signed at height 2.
	res = ch.finalize(abci.Misbehavior{
		Type: abci.MisbehaviorType_DUPLICATE_VOTE, Validator: abci.Validator{Address: d.ConsAddress(), Power: 15},
		Height: 2, Time: ch.time, TotalVotingPower: 85,
	})
	require.Equal(t, []abci.ValidatorUpdate{{PubKey: cmtKey(t, d), Power: 0}}, res.ValidatorUpdates)

	// Block 4: c withdraws; block 5 is empty.
	_, err = msgs.WithdrawFees(ch.blockCtx(), &poatypes.MsgWithdrawFees{Operator: c.Address.String()})
	require.NoError(t, err)
	ch.finalize()
	ch.finalize()
	requireInvariants(t, ch.state(), pa.PoAKeeper)

	exp := exportApp(t, pa)
	require.Equal(t, int64(6), exp.Height)

	t.Run("the exported validators are the active set", func(t *testing.T) {
		active, err := pa.PoAKeeper.ActiveValidators(ch.state())
		require.NoError(t, err)
		type entry struct {
			Name  string
			Power int64
			Key   []byte
		}
		var want, got []entry
		for _, v := range active {
			pk, err := v.ConsPubKey()
			require.NoError(t, err)
			want = append(want, entry{v.Moniker, v.Power, pk.Bytes()})
		}
		for _, v := range exp.Validators {
			got = append(got, entry{v.Name, v.Power, v.PubKey.Bytes()})
			require.Equal(t, v.PubKey.Address(), v.Address)
		}
		byName := func(es []entry) { sort.Slice(es, func(i, j int) bool { return es[i].Name < es[j].Name }) }
		byName(want)
		byName(got)
		require.Equal(t, want, got)
		require.Equal(t, []entry{
			{"a", 10, a.ConsKey.PubKey().Bytes()}, {"b", 20, b.ConsKey.PubKey().Bytes()},
			{"c", 30, c.ConsKey.PubKey().Bytes()}, {"erin", 10, erin.ConsKey.PubKey().Bytes()},
		}, got)
	})

	t.Run("the x/poa state is all there", func(t *testing.T) {
		gs := exportedPoA(t, pa, exp)
		require.NoError(t, gs.Validate())
		require.Equal(t, admin.Address.String(), gs.Params.Admin)
		require.Len(t, gs.Validators, 4)
		require.Equal(t, []string{d.ConsAddress().String()}, gs.Tombstoned)
		owed := sdk.DecCoins{}
		operators := map[string]bool{}
		for _, f := range gs.Fees {
			owed = owed.Add(f.Outstanding...)
			operators[f.OperatorAddress] = true
		}
		require.True(t, operators[d.ValAddress().String()], "a removed validator is still owed its fees")
		held := pa.BankKeeper.GetAllBalances(ch.state(), pa.AccountKeeper.GetModuleAddress(poatypes.ModuleName))
		require.Equal(t, sdk.NewDecCoinsFromCoins(held...), owed)
	})

	t.Run("export, import, export gives the same bytes", func(t *testing.T) {
		fresh, initRes := initFromExport(t, exp, ch.nextTime())
		require.Len(t, initRes.Validators, 4)
		requireInvariants(t, fresh.NewContext(false), fresh.PoAKeeper)
		_, err := fresh.FinalizeBlock(&abci.RequestFinalizeBlock{Height: exp.Height, Time: ch.nextTime()})
		require.NoError(t, err)
		_, err = fresh.Commit()
		require.NoError(t, err)
		again := exportApp(t, fresh)
		require.Equal(t, string(exp.AppState), string(again.AppState))
		require.Equal(t, exp.Validators, again.Validators)
		require.Equal(t, exp.ConsensusParams, again.ConsensusParams)
		require.Equal(t, exp.Height+1, again.Height)
		requireInvariants(t, fresh.NewContext(true), fresh.PoAKeeper)

		// The tombstone survived: d's key still cannot come back.
		ctx := fresh.NewNextBlockContext(cmtproto.Header{ChainID: apptesting.ChainID, Height: exp.Height + 1})
		back, err := poatypes.NewMsgCreateValidator(d.Address, d.ConsKey.PubKey(), "d")
		require.NoError(t, err)
		_, err = poakeeper.NewMsgServerImpl(fresh.PoAKeeper).CreateValidator(ctx, back)
		require.ErrorIs(t, err, poatypes.ErrConsensusKeyTombstone)
	})

	t.Run("two apps from the same export agree on the next app hash", func(t *testing.T) {
		req := &abci.RequestFinalizeBlock{Height: exp.Height, Time: ch.nextTime(), ProposerAddress: c.ConsAddress()}
		var hashes [][]byte
		for range 2 {
			fresh, _ := initFromExport(t, exp, ch.nextTime())
			res, err := fresh.FinalizeBlock(req)
			require.NoError(t, err)
			_, err = fresh.Commit()
			require.NoError(t, err)
			require.NotEmpty(t, res.AppHash)
			hashes = append(hashes, res.AppHash)
		}
		require.Equal(t, hashes[0], hashes[1])
	})

	t.Run("a zero-height export has the same state", func(t *testing.T) {
		zero, err := pa.ExportAppStateAndValidators(true, nil, nil)
		require.NoError(t, err)
		require.Zero(t, zero.Height)
		require.Equal(t, string(exp.AppState), string(zero.AppState))
	})
}

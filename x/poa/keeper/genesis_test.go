package keeper_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/types"
)

// freshContext is a writable context over an empty store: an app before
// InitChain.
func freshContext(t *testing.T) (*app.App, sdk.Context) {
	t.Helper()
	a := apptesting.NewApp(t)
	return a, a.NewNextBlockContext(cmtproto.Header{ChainID: apptesting.ChainID})
}

func genesisValidator(t *testing.T, v apptesting.Validator) types.Validator {
	t.Helper()
	pv, err := types.NewValidator(v.ValAddress(), v.ConsKey.PubKey(), v.Moniker, v.Power)
	require.NoError(t, err)
	return pv
}

func TestInitGenesisNeedsAnActiveValidator(t *testing.T) {
	admin := apptesting.NewAccount("admin").Address.String()
	tests := []struct {
		name string
		gs   types.GenesisState
	}{
		{"no validators", types.GenesisState{Params: types.NewParams(admin)}},
		{"only candidates", types.GenesisState{Params: types.NewParams(admin), Validators: []types.Validator{
			genesisValidator(t, apptesting.NewValidator("idle1", 0)),
			genesisValidator(t, apptesting.NewValidator("idle2", 0)),
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.gs.Validate(), "valid on its own: the store-less check cannot see the set")
			a, ctx := freshContext(t)
			_, err := a.PoAKeeper.InitGenesis(ctx, tc.gs)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
		})
	}
}

func TestInitGenesisRejectsInvalidState(t *testing.T) {
	v := apptesting.NewValidator("v", 10)
	a, ctx := freshContext(t)
	_, err := a.PoAKeeper.InitGenesis(ctx, types.GenesisState{
		Params:     types.NewParams("bogus"),
		Validators: []types.Validator{genesisValidator(t, v)},
	})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	_, err = a.PoAKeeper.InitGenesis(ctx, types.GenesisState{
		Params:     types.NewParams(v.Address.String()),
		Validators: []types.Validator{genesisValidator(t, v), genesisValidator(t, v)},
	})
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
}

// InitChain with a genesis that has no active validator does not start.
func TestInitChainWithoutActiveValidatorFails(t *testing.T) {
	idle := apptesting.NewValidator("idle", 0)
	a := apptesting.NewApp(t)
	genesis := apptesting.GenesisState(t, a, apptesting.Options{Validators: []apptesting.Validator{idle}})
	var initErr error
	panicked := func() (p any) {
		defer func() { p = recover() }()
		initErr = initChainErr(a, genesis)
		return nil
	}()
	if panicked == nil {
		require.Error(t, initErr)
		require.ErrorIs(t, initErr, types.ErrInvalidGenesis)
	} else {
		err, ok := panicked.(error)
		require.Truef(t, ok, "panic value %v", panicked)
		require.ErrorIs(t, err, types.ErrInvalidGenesis)
	}
}

func TestInitGenesisReturnsActiveSet(t *testing.T) {
	a1, b1, idle := apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 25), apptesting.NewValidator("idle", 0)
	a, ctx := freshContext(t)
	updates, err := a.PoAKeeper.InitGenesis(ctx, types.GenesisState{
		Params:     types.NewParams(a1.Address.String()),
		Validators: []types.Validator{genesisValidator(t, a1), genesisValidator(t, b1), genesisValidator(t, idle)},
	})
	require.NoError(t, err)
	require.Equal(t, sortedUpdates(t, update(t, a1, 10), update(t, b1, 25)), updates)
	f := &fixture{k: a.PoAKeeper}
	requireLastSetIsActiveSet(t, f, ctx)
	require.Empty(t, pending(t, ctx, a.PoAKeeper))
	requireInvariants(t, ctx, a.PoAKeeper)
}

// ExportGenesis → InitGenesis → ExportGenesis gives the same state:
// candidates, fees (with fractions) and tombstoned keys included.
func TestExportImportGenesisRoundTrip(t *testing.T) {
	vals := threeOfTen()
	f := newFixture(t, vals...)
	erin := apptesting.NewValidator("erin", 0)
	f.register(t, f.ctx, erin)
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, vals[0], 14))
	require.NoError(t, f.k.Tombstoned.Set(f.ctx, sdk.ConsAddress(apptesting.NewValidator("gone", 0).ConsAddress())))
	fees := sdk.NewDecCoinsFromCoins(sdk.NewInt64Coin("aamp", 100)).Add(sdk.NewDecCoinFromDec("uother", math.LegacyMustNewDecFromStr("0.25")))
	require.NoError(t, f.k.OutstandingFees.Set(f.ctx, vals[1].ValAddress(), types.ValidatorFees{
		OperatorAddress: vals[1].ValAddress().String(), Outstanding: fees,
	}))
	_, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)

	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Validators, 4)
	require.Len(t, exported.Tombstoned, 1)
	require.Len(t, exported.Fees, 1)
	require.Equal(t, f.admin.Address.String(), exported.Params.Admin)
	cdc := f.app.AppCodec()
	first := cdc.MustMarshalJSON(exported)

	// Through JSON, as a genesis file would carry it.
	var reloaded types.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(first, &reloaded))
	b, ctx := freshContext(t)
	updates, err := b.PoAKeeper.InitGenesis(ctx, reloaded)
	require.NoError(t, err)
	require.Equal(t, sortedUpdates(t, update(t, vals[0], 14), update(t, vals[1], 10), update(t, vals[2], 10)), updates)

	again, err := b.PoAKeeper.ExportGenesis(ctx)
	require.NoError(t, err)
	require.JSONEq(t, string(first), string(cdc.MustMarshalJSON(again)))
	require.Equal(t, string(first), string(cdc.MustMarshalJSON(again)))
}

func initChainErr(a *app.App, genesis app.GenesisState) error {
	bz, err := json.Marshal(genesis)
	if err != nil {
		return err
	}
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId:         apptesting.ChainID,
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   bz,
		InitialHeight:   1,
	})
	return err
}

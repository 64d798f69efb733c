package keeper_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/amp/types"
)

// TestGenesisRoundTrip exports a state with every kind of x/amp record,
// starts a fresh chain from it and exports again: the same JSON.
func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol, op := f.alice.Address, f.bob.Address, f.carol.Address, f.operator.Address
	p1, p2, pool := holderPartition(f.manager.Address, 1), holderPartition(f.manager2.Address, 2), poolPartition(f.manager.Address, 3)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()

	f.k.RegisterStrategy(openStrategy{name: "open"})
	_, err := f.msgs.SetPartitionStrategy(f.ctx, &types.MsgSetPartitionStrategy{Authority: gov, Prefix: reservedPrefix.String(), Strategy: "open"})
	require.NoError(t, err)
	_, err = f.msgs.RegisterCollateralManager(f.ctx, &types.MsgRegisterCollateralManager{Manager: carol.String()})
	require.NoError(t, err)
	f.fund(t, alice, p1, amt(100))
	f.fund(t, alice, p2, amt(200))
	f.fund(t, bob, p1, amt(300))
	f.fund(t, bob, pool, amt(400), f.manager.Address)
	f.fund(t, carol, reservedPartition(carol), amt(500))
	_, err = f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)
	_, err = f.msgs.AuthorizeOperatorByPartition(f.ctx, &types.MsgAuthorizeOperatorByPartition{Holder: bob.String(), Partition: p1.String(), Operator: op.String()})
	require.NoError(t, err)
	_, err = f.msgs.Approve(f.ctx, &types.MsgApprove{Owner: alice.String(), Spender: bob.String(), Amount: amt(11)})
	require.NoError(t, err)
	_, err = f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{Owner: bob.String(), Partition: p1.String(), Spender: carol.String(), Amount: amt(22)})
	require.NoError(t, err)
	requireInvariants(t, f.ctx, f.k)

	exported, err := f.app.ModuleManager.ExportGenesisForModules(f.ctx, f.app.AppCodec(), nil)
	require.NoError(t, err)
	var gs types.GenesisState
	f.app.AppCodec().MustUnmarshalJSON(exported[types.ModuleName], &gs)
	require.Len(t, gs.Strategies, 3)
	require.Len(t, gs.CollateralManagers, 3)
	require.Len(t, gs.Balances, 5)
	require.Len(t, gs.Allowances, 2)
	require.Len(t, gs.Operators, 2)
	require.ElementsMatch(t, []types.OperatorAuthorization{
		{Holder: alice.String(), Operator: op.String()},
		{Holder: bob.String(), Operator: op.String(), Partition: p1.String()},
	}, gs.Operators)
	require.NoError(t, gs.Validate())

	// A fresh chain from the export (strategies are Go code: the new binary
	// registers the same ones before InitChain).
	fresh := apptesting.NewApp(t)
	fresh.AmpKeeper.RegisterStrategy(openStrategy{name: "open"})
	apptesting.InitChain(t, fresh, exported)
	ctx := fresh.NewContext(false)
	reexported, err := fresh.ModuleManager.ExportGenesisForModules(ctx, fresh.AppCodec(), nil)
	require.NoError(t, err)

	before, err := json.Marshal(exported)
	require.NoError(t, err)
	after, err := json.Marshal(reexported)
	require.NoError(t, err)
	require.JSONEq(t, string(exported[types.ModuleName]), string(reexported[types.ModuleName]))
	require.JSONEq(t, string(before), string(after))

	// And the state behaves the same.
	k := fresh.AmpKeeper
	for _, c := range []struct {
		p      types.Partition
		holder sdk.AccAddress
		want   int64
	}{{p1, alice, 100}, {p2, alice, 200}, {p1, bob, 300}, {pool, f.manager.Address, 400}, {reservedPartition(carol), carol, 500}} {
		got, err := k.BalanceOfByPartition(ctx, c.p, c.holder)
		require.NoError(t, err)
		require.Equal(t, amt(c.want), got)
	}
	isOp, err := k.IsOperator(ctx, op, alice)
	require.NoError(t, err)
	require.True(t, isOp)
	isOp, err = k.IsOperatorForPartition(ctx, p1, op, bob)
	require.NoError(t, err)
	require.True(t, isOp)
	a, err := k.AllowanceByPartition(ctx, p1, bob, carol)
	require.NoError(t, err)
	require.Equal(t, amt(22), a)
	isMgr, err := k.IsCollateralManager(ctx, carol)
	require.NoError(t, err)
	require.True(t, isMgr)
	requireInvariants(t, ctx, k)
}

func TestInitGenesisEscrowMustMatchBalances(t *testing.T) {
	f := newFixture(t)
	p := holderPartition(f.manager.Address, 1)

	// Partition balances with nothing in the escrow.
	f.refusedAfterWrites(t, types.ErrInvalidGenesis, func(ctx sdk.Context) error {
		return f.k.InitGenesis(ctx, types.GenesisState{
			Balances: []types.PartitionBalance{{Holder: f.alice.Address.String(), Partition: p.String(), Amount: amt(5)}},
		})
	})
	// Escrow with more than the partitions hold (on a discarded branch).
	f.fund(t, f.alice.Address, p, amt(5))
	ctx, _ := f.ctx.CacheContext()
	require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(ctx, f.bob.Address, types.ModuleName, coins(1)))
	// Wipe x/amp's balances so InitGenesis starts from an empty table.
	require.NoError(t, f.k.Balances.Remove(ctx, balanceKey(f.alice.Address, p)))
	require.NoError(t, f.k.PartitionSupply.Remove(ctx, p.Bytes()))
	err := f.k.InitGenesis(ctx, types.GenesisState{
		Balances: []types.PartitionBalance{{Holder: f.alice.Address.String(), Partition: p.String(), Amount: amt(5)}},
	})
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.Contains(t, err.Error(), "holds 6aamp but partition balances add up to 5")

	// The whole chain refuses to start from such a genesis.
	a := apptesting.NewApp(t)
	genesis := apptesting.GenesisState(t, a, apptesting.Options{
		Validators: []apptesting.Validator{f.val},
		Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
			gs := types.DefaultGenesis()
			gs.Balances = []types.PartitionBalance{{Holder: f.alice.Address.String(), Partition: p.String(), Amount: amt(5)}}
			genesis[types.ModuleName] = cdc.MustMarshalJSON(gs)
		},
	})
	require.ErrorIs(t, initChain(a, genesis), types.ErrInvalidGenesis)
}

// initChain runs InitChain and turns a module's genesis panic into an error.
func initChain(a *app.App, genesis app.GenesisState) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	stateBytes, err := json.Marshal(genesis)
	if err != nil {
		return err
	}
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId:         apptesting.ChainID,
		Time:            time.Unix(1_700_000_000, 0).UTC(),
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   stateBytes,
		InitialHeight:   1,
	})
	return err
}

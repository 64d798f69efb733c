package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	ampkeeper "github.com/ampchain/ampchain/x/amp/keeper"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/keeper"
	"github.com/ampchain/ampchain/x/collateral/types"
	oraclekeeper "github.com/ampchain/ampchain/x/oracle/keeper"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

// TestGenesisRoundTrip builds every kind of state, exports it, starts a new
// chain from the export and requires the same export back; the new chain
// then carries on: imported attestations count, the expiry queue is rebuilt,
// withdrawals and rewards are paid.
func TestGenesisRoundTrip(t *testing.T) {
	rules := types.DefaultRules()
	rules.AttesterThreshold = 2
	e := newEnv(t, envOptions{rules: &rules})

	// A second manager whose pool suffers a total loss (an epoch end).
	mgr2, pool2 := e.createManager(e.stranger, types.DefaultRules(), amp(5))
	_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: e.stranger.Address.String(), Manager: mgr2.String(), Role: types.ROLE_DIRECT_TRANSFERER, Address: e.s3.Address.String()})
	require.NoError(t, err)
	_, err = e.supplyTo(e.s1, pool2, amp(100))
	require.NoError(t, err)
	lossMsg := e.openMsg("40", 5*time.Minute)
	lossMsg.Partition, lossMsg.Processor = pool2.String(), e.stranger.Address.String()
	loss, err := e.open(lossMsg)
	require.NoError(t, err)
	require.NoError(t, e.setPrice("0.4"))
	require.NoError(t, e.attest(e.stranger, loss.Id, false))
	require.Equal(t, uint64(1), e.poolOf(pool2).Epoch)
	require.NoError(t, e.setPrice("0.5"))

	// The main pool: pooled and holder stakes, settled, liquidated and open
	// guarantees (one with a pending attestation), pending withdrawals.
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	e.mustSupplyHolder(e.s3, amp(200))
	e.advance(time.Second)
	g1 := e.mustOpen("100", 5*time.Minute)
	g2 := e.mustOpen("50", 5*time.Minute)
	g3 := e.mustOpen("60", 8*time.Minute)
	g4 := e.mustOpen("20", 3*time.Minute)
	e.resolve(g1.Id, true)
	e.advance(time.Second)
	_, err = e.requestWithdrawal(e.s2, amp(50)) // exposed to g2, g3, g4
	require.NoError(t, err)
	e.advance(time.Second)
	e.resolve(g2.Id, false)
	require.NoError(t, e.attest(e.attester, g3.Id, true))
	_, err = e.requestWithdrawal(e.s3, amp(20))
	require.NoError(t, err)
	e.checkInvariants()

	exported, err := e.k.ExportGenesis(e.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Managers, 2)
	require.NotEmpty(t, exported.Roles)
	require.Len(t, exported.Pools, 2)
	require.GreaterOrEqual(t, len(exported.Positions), 4)
	require.Len(t, exported.Guarantees, 5)
	require.Len(t, exported.Attestations, 2+1+2+1)
	require.Len(t, exported.Withdrawals, 2)
	require.Len(t, exported.EpochEnds, 1)

	// A new chain from the exported collateral, x/amp, bank and oracle states.
	cdc := e.app.AppCodec()
	ampGenesis, err := e.app.AmpKeeper.ExportGenesis(e.ctx)
	require.NoError(t, err)
	bankGenesis := e.app.BankKeeper.ExportGenesis(e.ctx)
	oracleGenesis, err := e.app.OracleKeeper.ExportGenesis(e.ctx)
	require.NoError(t, err)
	b, _ := apptesting.Setup(t, apptesting.Options{
		Validators: []apptesting.Validator{apptesting.NewValidator("v", 10)},
		Accounts:   e.cast.all(),
		Modify: func(_ codec.JSONCodec, genesis app.GenesisState) {
			genesis[types.ModuleName] = cdc.MustMarshalJSON(exported)
			genesis[amptypes.ModuleName] = cdc.MustMarshalJSON(ampGenesis)
			genesis[banktypes.ModuleName] = cdc.MustMarshalJSON(bankGenesis)
			genesis[oracletypes.ModuleName] = cdc.MustMarshalJSON(oracleGenesis)
		},
	})
	be := &env{
		t: t, cast: e.cast, app: b, k: b.CollateralKeeper,
		ctx:  b.NewContext(false).WithBlockTime(e.ctx.BlockTime()).WithBlockHeight(e.ctx.BlockHeight()).WithEventManager(sdk.NewEventManager()),
		msgs: keeper.NewMsgServerImpl(b.CollateralKeeper), query: keeper.NewQueryServerImpl(b.CollateralKeeper),
		ampMsgs: ampkeeper.NewMsgServerImpl(b.AmpKeeper), oracleMsgs: oraclekeeper.NewMsgServerImpl(b.OracleKeeper),
		manager: e.manager, pool: e.pool, rules: e.rules, supply: e.supply,
	}
	reexported, err := be.k.ExportGenesis(be.ctx)
	require.NoError(t, err)
	require.JSONEq(t, string(cdc.MustMarshalJSON(exported)), string(cdc.MustMarshalJSON(reexported)), "collateral genesis round trip")
	reexportedAmp, err := b.AmpKeeper.ExportGenesis(be.ctx)
	require.NoError(t, err)
	require.JSONEq(t, string(cdc.MustMarshalJSON(ampGenesis)), string(cdc.MustMarshalJSON(reexportedAmp)))
	be.checkInvariants()

	// The imported managers answer x/amp's hooks.
	be.refused(types.ErrManagerTransfer, func(ctx sdk.Context) error {
		_, err := be.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: be.stranger.Address.String(), Partition: be.pool.String(), From: be.manager.String(), To: be.stranger.Address.String(), Amount: amp(1),
		})
		return err
	})
	// Direct x/amp supply: the receipt numbering carries on.
	be.resetEvents()
	require.NoError(t, be.ampTransfer(be.s3.Address, be.s3.Address, be.manager, amptypes.DefaultPartition, be.pool, amp(1)))
	supplied := eventsOf[*types.EventSupplied](be.ctx)
	require.Len(t, supplied, 1)
	m, err := e.k.GetManager(e.ctx, e.manager)
	require.NoError(t, err)
	require.Equal(t, m.SupplyNonce+1, supplied[0].Receipt)

	// The imported attestation counts toward the threshold.
	require.NoError(t, be.attest(be.attester2, g3.Id, true))
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, be.guarantee(g3.Id).Status)
	// The rebuilt expiry queue liquidates g4 when it is due.
	be.advance(3 * time.Minute)
	require.NoError(t, be.k.EndBlocker(be.ctx))
	require.Equal(t, types.GUARANTEE_STATUS_LIQUIDATED, be.guarantee(g4.Id).Status)
	// Rewards and withdrawals are paid.
	_, err = be.claimRewards(be.s1)
	require.NoError(t, err)
	be.advance(rules.UnbondingPeriod)
	for _, s := range []apptesting.Account{be.s2, be.s3} {
		_, err = be.claimWithdrawals(s)
		require.NoError(t, err)
	}
	// The next ids continue from the exported sequences.
	next := be.mustOpen("1", time.Minute)
	require.Equal(t, exported.NextGuaranteeId, next.Id)
	be.checkInvariants()
}

// InitGenesis refuses a state its Validate refuses.
func TestInitGenesisValidates(t *testing.T) {
	e := newEnv(t, envOptions{})
	branch, _ := e.ctx.CacheContext()
	gs := types.DefaultGenesis()
	gs.Params.MaxExpiriesPerBlock = 0
	require.ErrorIs(t, e.k.InitGenesis(branch, *gs), types.ErrInvalidParams)
	gs = types.DefaultGenesis()
	gs.Managers = []types.Manager{{Id: 1, Address: types.ManagerAddress(2).String(), Owner: e.owner.Address.String(), Rules: types.DefaultRules()}}
	gs.NextManagerId = 2
	require.ErrorIs(t, e.k.InitGenesis(branch, *gs), types.ErrInvalidGenesis)
}

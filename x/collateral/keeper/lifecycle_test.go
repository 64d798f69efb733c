package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	ampkeeper "github.com/ampchain/ampchain/x/amp/keeper"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/keeper"
	"github.com/ampchain/ampchain/x/collateral/types"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

var genesisTime = time.Unix(1_700_000_000, 0).UTC()

type fixture struct {
	app   *app.App
	ctx   sdk.Context
	msgs  types.MsgServer
	owner apptesting.Account
}

// withPrice registers AMP/USD at price with a one-hour max age.
func withPrice(price string) func(codec.JSONCodec, app.GenesisState) {
	return func(cdc codec.JSONCodec, genesis app.GenesisState) {
		var gs oracletypes.GenesisState
		cdc.MustUnmarshalJSON(genesis[oracletypes.ModuleName], &gs)
		gs.Pairs = append(gs.Pairs, oracletypes.Pair{Name: "AMP/USD", MaxAge: time.Hour, MaxMove: math.LegacyMustNewDecFromStr("0.5"), MinPower: math.LegacyMustNewDecFromStr("0.67")})
		gs.Prices = append(gs.Prices, oracletypes.Price{Pair: "AMP/USD", Price: math.LegacyMustNewDecFromStr(price), UpdatedAt: genesisTime, UpdatedHeight: 1, Source: oracletypes.PRICE_SOURCE_PUBLISHER})
		genesis[oracletypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}
}

func newFixture(t *testing.T, accounts ...apptesting.Account) fixture {
	owner := apptesting.NewAccount("owner")
	a, _ := apptesting.Setup(t, apptesting.Options{
		Validators: []apptesting.Validator{apptesting.NewValidator("v", 10)},
		Accounts:   append([]apptesting.Account{owner}, accounts...),
		Modify:     withPrice("0.5"),
	})
	ctx := a.NewContext(false).WithBlockTime(genesisTime).WithBlockHeight(2)
	return fixture{app: a, ctx: ctx, msgs: keeper.NewMsgServerImpl(a.CollateralKeeper), owner: owner}
}

func amp(n int64) math.Int { return apptesting.OneAMP.MulRaw(n) }

func (f fixture) requireInvariants(t *testing.T) {
	t.Helper()
	msg, broken := keeper.PoolInvariant(f.app.CollateralKeeper)(f.ctx)
	require.False(t, broken, msg)
	msg, broken = ampkeeper.AllInvariants(f.app.AmpKeeper)(f.ctx)
	require.False(t, broken, msg)
}

func poolPartition(manager sdk.AccAddress) amptypes.Partition {
	return amptypes.NewPartition(amptypes.CollateralPoolPrefix, [8]byte{}, manager)
}

func TestGuaranteeLifecycle(t *testing.T) {
	s1, s2 := apptesting.NewAccount("staker1"), apptesting.NewAccount("staker2")
	processor, attester, merchant := apptesting.NewAccount("processor"), apptesting.NewAccount("attester"), apptesting.NewAccount("merchant")
	f := newFixture(t, s1, s2, processor, attester)
	ctx := f.ctx

	created, err := f.msgs.CreateManager(ctx, &types.MsgCreateManager{Owner: f.owner.Address.String(), Rules: types.DefaultRules(), WithdrawalLimit: amp(1_000_000)})
	require.NoError(t, err)
	manager := sdk.MustAccAddressFromBech32(created.Address)
	isManager, err := f.app.AmpKeeper.IsCollateralManager(ctx, manager)
	require.NoError(t, err)
	require.True(t, isManager, "a created manager is an x/amp collateral manager")
	for role, who := range map[types.Role]apptesting.Account{types.ROLE_PROCESSOR: processor, types.ROLE_ATTESTER: attester} {
		_, err := f.msgs.SetRole(ctx, &types.MsgSetRole{Owner: f.owner.Address.String(), Manager: created.Address, Role: role, Address: who.Address.String()})
		require.NoError(t, err)
	}
	partition := poolPartition(manager)
	_, err = f.msgs.AddPartition(ctx, &types.MsgAddPartition{Authority: f.owner.Address.String(), Manager: created.Address, Partition: partition.String()})
	require.NoError(t, err)

	_, err = f.msgs.Supply(ctx, &types.MsgSupply{Staker: s1.Address.String(), Partition: partition.String(), Amount: amp(600)})
	require.NoError(t, err)
	_, err = f.msgs.Supply(ctx, &types.MsgSupply{Staker: s2.Address.String(), Partition: partition.String(), Amount: amp(400)})
	require.NoError(t, err)
	pool, err := f.app.CollateralKeeper.GetPool(ctx, partition)
	require.NoError(t, err)
	require.Equal(t, amp(1000), pool.ActiveValue)
	f.requireInvariants(t)

	open := func(value string, deadline time.Duration) *types.MsgOpenGuaranteeResponse {
		res, err := f.msgs.OpenGuarantee(ctx, &types.MsgOpenGuarantee{
			Processor: processor.Address.String(), Partition: partition.String(), Merchant: merchant.Address.String(),
			Value: math.LegacyMustNewDecFromStr(value), Quote: "USD", Deadline: ctx.BlockTime().Add(deadline),
			Payment: types.ExternalPayment{SourceChain: "ethereum", Asset: "USDC", Reference: "0xabc"},
		})
		require.NoError(t, err)
		return res
	}

	// 100 USD at 0.5 USD/AMP × 1.25 = 250 AMP locked; fee 0.30 % = 0.6 AMP.
	g1 := open("100", 5*time.Minute)
	require.Equal(t, amp(250), g1.Lock)
	require.Equal(t, apptesting.OneAMP.MulRaw(6).QuoRaw(10), g1.Fee)
	f.requireInvariants(t)

	ownerBefore := f.app.BankKeeper.GetBalance(ctx, f.owner.Address, app.BondDenom).Amount
	_, err = f.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: attester.Address.String(), GuaranteeId: g1.Id, Outcome: types.SETTLEMENT_OUTCOME_CONFIRMED})
	require.NoError(t, err)
	g, err := f.app.CollateralKeeper.GetGuarantee(ctx, g1.Id)
	require.NoError(t, err)
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, g.Status)
	commission := f.app.BankKeeper.GetBalance(ctx, f.owner.Address, app.BondDenom).Amount.Sub(ownerBefore)
	require.Equal(t, g1.Fee.QuoRaw(10), commission, "10 %% commission to the owner")
	_, err = f.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: attester.Address.String(), GuaranteeId: g1.Id, Outcome: types.SETTLEMENT_OUTCOME_FAILED})
	require.ErrorIs(t, err, types.ErrGuaranteeNotOpen, "no second resolution")
	f.requireInvariants(t)

	claimed, err := f.msgs.ClaimRewards(ctx, &types.MsgClaimRewards{Staker: s1.Address.String(), Partition: partition.String()})
	require.NoError(t, err)
	toStakers := g1.Fee.Sub(commission)
	require.Equal(t, toStakers.MulRaw(6).QuoRaw(10), claimed.Amount.AmountOf(app.BondDenom), "staker 1 holds 60 %% of the shares")

	// 100 USD failed: the merchant gets 200 AMP, the pool loses 200 AMP.
	g2 := open("100", 5*time.Minute)
	merchantBefore := f.app.BankKeeper.GetBalance(ctx, merchant.Address, app.BondDenom).Amount
	_, err = f.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: attester.Address.String(), GuaranteeId: g2.Id, Outcome: types.SETTLEMENT_OUTCOME_FAILED})
	require.NoError(t, err)
	require.Equal(t, amp(200), f.app.BankKeeper.GetBalance(ctx, merchant.Address, app.BondDenom).Amount.Sub(merchantBefore))
	pool, err = f.app.CollateralKeeper.GetPool(ctx, partition)
	require.NoError(t, err)
	require.Equal(t, amp(800), pool.ActiveValue)
	require.True(t, pool.Locked.IsZero())
	f.requireInvariants(t)

	// The third expires and the end blocker liquidates it.
	g3 := open("50", time.Minute)
	ctx = ctx.WithBlockTime(ctx.BlockTime().Add(2 * time.Minute)).WithBlockHeight(3)
	f.ctx = ctx
	require.NoError(t, f.app.CollateralKeeper.EndBlocker(ctx))
	g, err = f.app.CollateralKeeper.GetGuarantee(ctx, g3.Id)
	require.NoError(t, err)
	require.Equal(t, types.GUARANTEE_STATUS_LIQUIDATED, g.Status)
	require.Equal(t, amp(100), g.Payout)
	f.requireInvariants(t)

	// A withdrawal pays out only after the unbonding period.
	w, err := f.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: s2.Address.String(), Partition: partition.String(), Amount: amp(100)})
	require.NoError(t, err)
	_, err = f.msgs.ClaimWithdrawals(ctx, &types.MsgClaimWithdrawals{Staker: s2.Address.String()})
	require.ErrorIs(t, err, types.ErrNoWithdrawals)
	ctx = ctx.WithBlockTime(ctx.BlockTime().Add(types.DefaultRules().UnbondingPeriod))
	f.ctx = ctx
	before := f.app.BankKeeper.GetBalance(ctx, s2.Address, app.BondDenom).Amount
	paid, err := f.msgs.ClaimWithdrawals(ctx, &types.MsgClaimWithdrawals{Staker: s2.Address.String()})
	require.NoError(t, err)
	require.Equal(t, amp(100), paid.Amount)
	require.Equal(t, amp(100), f.app.BankKeeper.GetBalance(ctx, s2.Address, app.BondDenom).Amount.Sub(before))
	require.NotZero(t, w.Id)
	f.requireInvariants(t)
}

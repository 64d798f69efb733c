package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

// TestLiquidationPaysValueAtCurrentPriceCappedAtLock moves the AMP/USD price
// with x/oracle's publisher fallback between the open and the failure.
func TestLiquidationPaysValueAtCurrentPriceCappedAtLock(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prices []string // published after the open, in order (each within the pair's 50 % max move)
		payout math.Int
	}{
		{"unchanged", nil, amp(200)},
		{"AMP up: fewer AMP", []string{"0.625"}, amp(160)},
		{"AMP down: more AMP", []string{"0.45"}, aampOf("222222222222222222222")},
		{"AMP down to the lock", []string{"0.4"}, amp(250)},
		{"AMP down past the lock: capped", []string{"0.4", "0.25"}, amp(250)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOptions{})
			e.mustSupply(e.s1, amp(600))
			e.mustSupply(e.s2, amp(400))
			g := e.mustOpen("100", 5*time.Minute) // lock 250 AMP at 0.5 USD/AMP
			require.Equal(t, amp(250), g.Lock)
			for _, p := range tc.prices {
				require.NoError(t, e.setPrice(p))
			}
			merchantBefore := e.balance(e.merchant.Address)
			e.resetEvents()
			e.resolve(g.Id, false)
			require.Equal(t, tc.payout, e.balance(e.merchant.Address).Sub(merchantBefore))
			require.Equal(t, tc.payout, e.guarantee(g.Id).Payout)
			ev := eventsOf[*types.EventGuaranteeLiquidated](e.ctx)
			require.Len(t, ev, 1)
			require.Equal(t, tc.payout.String(), ev[0].Payout)

			// The loss lowers every share equally: 60 % / 40 % of what is left.
			pool := e.poolState()
			left := amp(1000).Sub(tc.payout)
			require.Equal(t, left, pool.ActiveValue)
			require.True(t, pool.Locked.IsZero(), "the rest of the lock is unlocked")
			require.Equal(t, math.LegacyNewDecFromInt(amp(1000)), pool.TotalShares, "no share is burnt by a loss")
			v1, v2 := e.value(e.s1), e.value(e.s2)
			require.Equal(t, left.MulRaw(6).QuoRaw(10), v1)
			require.Equal(t, left.MulRaw(4).QuoRaw(10), v2)
			require.Equal(t, left, e.partitionBalance(e.pool, e.manager))
			e.checkInvariants()
		})
	}
}

// With a stale price at resolution the payout uses the price at open.
func TestLiquidationWithStalePriceUsesOpenPrice(t *testing.T) {
	rules := types.DefaultRules()
	rules.MaxGuaranteeDuration = 2 * time.Hour
	rules.UnbondingPeriod = 2 * time.Hour
	e := newEnv(t, envOptions{rules: &rules})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 90*time.Minute) // at 0.5
	e.advance(time.Minute)
	require.NoError(t, e.setPrice("0.4"))
	e.advance(pairMaxAge + time.Minute) // 0.4 is now stale
	_, _, err := e.app.OracleKeeper.GetPrice(e.ctx, "AMP/USD")
	require.ErrorIs(t, err, oracletypes.ErrPriceStale)
	merchantBefore := e.balance(e.merchant.Address)
	e.resetEvents()
	e.resolve(g.Id, false)
	require.Equal(t, amp(200), e.balance(e.merchant.Address).Sub(merchantBefore), "value ÷ the price at open")
	require.Equal(t, "0.500000000000000000", eventsOf[*types.EventGuaranteeLiquidated](e.ctx)[0].Price)
	e.checkInvariants()
}

// The payout comes from the pool partition first, then holder collateral.
func TestLiquidationPaysFromPoolThenHolderCollateral(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(100))
	e.mustSupplyHolder(e.s2, amp(400))
	g := e.mustOpen("125", 5*time.Minute) // lock 312.5, payout 250
	merchantBefore := e.balance(e.merchant.Address)
	e.resolve(g.Id, false)
	require.Equal(t, amp(250), e.balance(e.merchant.Address).Sub(merchantBefore))
	require.True(t, e.partitionBalance(e.pool, e.manager).IsZero(), "the pool partition is spent first")
	require.Equal(t, amp(250), e.partitionBalance(e.holder(), e.s2.Address), "then 150 AMP of holder collateral")
	pool := e.poolState()
	require.Equal(t, amp(250), pool.ActiveValue)
	require.Equal(t, amp(250), pool.HolderCustody)
	pos, value := e.position(e.s2)
	require.Equal(t, amp(250), pos.HolderCustody)
	require.Equal(t, amp(200), value, "the loss is shared by shares, not by custody")
	require.Equal(t, amp(50), e.value(e.s1))
	e.checkInvariants()

	// s1 withdraws its 50 AMP: paid from s2's holder collateral (the pool
	// partition is empty), which the pool accounts for.
	_, err := e.requestWithdrawal(e.s1, amp(50))
	require.NoError(t, err)
	e.advance(e.rules.UnbondingPeriod)
	before := e.balance(e.s1.Address)
	_, err = e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	require.Equal(t, amp(50), e.balance(e.s1.Address).Sub(before))
	require.Equal(t, amp(200), e.partitionBalance(e.holder(), e.s2.Address))
	pos, value = e.position(e.s2)
	require.Equal(t, amp(200), pos.HolderCustody)
	require.Equal(t, amp(200), value)
	e.checkInvariants()
}

// A withdrawal requested while a guarantee was open bears its share of
// that guarantee's loss; one requested before the open does not.
func TestWithdrawalExposureToOpenGuarantees(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	e.advance(time.Second)
	early, err := e.requestWithdrawal(e.s2, amp(100)) // before the open
	require.NoError(t, err)

	e.advance(time.Second)
	g := e.mustOpen("90", 5*time.Minute) // exposed 900, lock 225, payout 180
	require.Equal(t, amp(900), e.guarantee(g.Id).ExposedValue)
	require.Equal(t, amp(225), g.Lock)

	e.advance(time.Second)
	late, err := e.requestWithdrawal(e.s1, amp(300)) // while g is open
	require.NoError(t, err)
	pool := e.poolState()
	require.Equal(t, amp(600), pool.ActiveValue)
	require.Equal(t, amp(400), pool.PendingWithdrawals)

	e.advance(time.Second)
	e.resolve(g.Id, false)
	// fraction 180 ÷ 900 = 20 %: the late withdrawal loses 60, the active
	// value 120; the early one nothing.
	ws := map[uint64]types.Withdrawal{}
	for _, w := range append(e.withdrawals(e.s1), e.withdrawals(e.s2)...) {
		ws[w.Id] = w
	}
	require.Equal(t, amp(100), ws[early.Id].Amount)
	require.Equal(t, amp(240), ws[late.Id].Amount)
	pool = e.poolState()
	require.Equal(t, amp(480), pool.ActiveValue)
	require.Equal(t, amp(340), pool.PendingWithdrawals)
	require.Equal(t, amp(240), e.value(e.s1))
	require.Equal(t, amp(240), e.value(e.s2))
	e.checkInvariants()

	// Paid what is left after the unbonding period; nothing is created.
	e.advance(e.rules.UnbondingPeriod)
	for _, tc := range []struct {
		who  string
		paid math.Int
	}{{"s1", amp(240)}, {"s2", amp(100)}} {
		s := e.s1
		if tc.who == "s2" {
			s = e.s2
		}
		before := e.balance(s.Address)
		res, err := e.claimWithdrawals(s)
		require.NoError(t, err)
		require.Equal(t, tc.paid, res.Amount)
		require.Equal(t, tc.paid, e.balance(s.Address).Sub(before))
	}
	require.Equal(t, amp(480), e.partitionBalance(e.pool, e.manager))
	e.checkInvariants()
}

// The merchant is never under-collateralised: locked ≤ active value, and
// neither withdrawals nor direct transfers may touch locked AMP.
func TestLocksAreNeverWithdrawn(t *testing.T) {
	e := newEnv(t, envOptions{})
	_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: e.owner.Address.String(), Manager: e.manager.String(), Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
	require.NoError(t, err)
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("300", 5*time.Minute) // lock 750
	e.refused(types.ErrInsufficientCapacity, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: amp(250).AddRaw(1)})
		return err
	})
	e.refused(types.ErrInsufficientCapacity, func(ctx sdk.Context) error {
		_, err := e.msgs.DirectTransfer(ctx, &types.MsgDirectTransfer{Transferer: e.stranger.Address.String(), Partition: e.pool.String(), To: e.stranger.Address.String(), Amount: amp(251)})
		return err
	})
	_, err = e.requestWithdrawal(e.s1, amp(250))
	require.NoError(t, err)
	pool := e.poolState()
	require.Equal(t, pool.Locked, pool.ActiveValue, "all that is left backs the guarantee")
	e.refused(types.ErrInsufficientCapacity, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: math.OneInt()})
		return err
	})
	e.refused(types.ErrInsufficientCapacity, func(ctx sdk.Context) error {
		_, err := e.msgs.OpenGuarantee(ctx, e.openMsg("0.000001", time.Minute))
		return err
	})
	// The worst case (the price collapses): the whole lock is paid.
	require.NoError(t, e.setPrice("0.25"))
	merchantBefore := e.balance(e.merchant.Address)
	e.resolve(g.Id, false)
	require.Equal(t, amp(750), e.balance(e.merchant.Address).Sub(merchantBefore))
	e.checkInvariants()
}

// A loss of the whole active value voids every share and starts a new
// epoch; rewards earned before it stay claimable.
func TestTotalLossStartsNewEpoch(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(100))
	first := e.mustOpen("10", 5*time.Minute)
	e.resolve(first.Id, true)
	earned := e.rewards(e.s1)
	require.True(t, earned.IsPositive())

	g := e.mustOpen("40", 5*time.Minute) // lock 100 = everything
	require.Equal(t, amp(100), g.Lock)
	require.NoError(t, e.setPrice("0.4")) // payout 40 ÷ 0.4 = 100
	ownerBefore := e.balance(e.owner.Address)
	e.resolve(g.Id, false)
	pool := e.poolState()
	require.True(t, pool.ActiveValue.IsZero())
	require.True(t, pool.TotalShares.IsZero())
	require.Equal(t, uint64(1), pool.Epoch)
	require.Equal(t, g.Fee, e.balance(e.owner.Address).Sub(ownerBefore), "no shares left: the owner takes the whole fee")
	pos, value := e.position(e.s1)
	require.True(t, pos.Shares.IsZero(), "voided")
	require.True(t, value.IsZero())
	require.Equal(t, earned, e.rewards(e.s1), "rewards earned before the loss stay")
	e.refused(types.ErrInsufficientPosition, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: math.OneInt()})
		return err
	})
	e.checkInvariants()

	// The next stake starts at 1:1 in the new epoch.
	res := e.mustSupply(e.s2, amp(50))
	require.Equal(t, math.LegacyNewDecFromInt(amp(50)), res.Shares)
	require.Equal(t, amp(50), e.value(e.s2))
	got, err := e.claimRewards(e.s1)
	require.NoError(t, err)
	require.Equal(t, earned, got)
	e.checkInvariants()

	// s1 stakes again: only its new shares count.
	e.mustSupply(e.s1, amp(50))
	require.Equal(t, amp(50), e.value(e.s1))
	require.Equal(t, math.LegacyNewDecFromInt(amp(100)), e.poolState().TotalShares)
	e.checkInvariants()
}

// Holder collateral that a liquidation consumed is gone from the holder's
// partition; the rest stays staked.
func TestHolderCollateralConsumedByLiquidation(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupplyHolder(e.s1, amp(100))
	g := e.mustOpen("20", 5*time.Minute) // lock 50, payout 40
	e.resolve(g.Id, false)
	require.Equal(t, amp(60), e.partitionBalance(e.holder(), e.s1.Address))
	require.True(t, e.partitionBalance(e.pool, e.manager).IsZero())
	pos, value := e.position(e.s1)
	require.Equal(t, amp(60), pos.HolderCustody)
	require.Equal(t, amp(60), value)
	e.refused(types.ErrCollateralInUse, func(ctx sdk.Context) error {
		_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: e.s1.Address.String(), Partition: e.holder().String(), From: e.s1.Address.String(), To: e.s1.Address.String(),
			Amount: math.OneInt(), ToPartition: amptypes.DefaultPartition.String(),
		})
		return err
	})
	e.checkInvariants()
}

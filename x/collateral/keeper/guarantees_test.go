package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/collateral/types"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

// aampOf parses an exact aamp amount.
func aampOf(s string) math.Int {
	v, ok := math.NewIntFromString(s)
	if !ok {
		panic(s)
	}
	return v
}

func TestOpenGuaranteeLockAndFeeExact(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	processorBefore, moduleBefore := e.balance(e.processor.Address), e.moduleBalance()

	msg := e.openMsg("25.90", 5*time.Minute)
	res, err := e.open(msg)
	require.NoError(t, err)
	// 25.90 USD × 1.25 ÷ 0.5 USD/AMP = 64.75 AMP; fee 30 bps of 25.90 USD
	// = 0.0777 USD = 0.1554 AMP.
	require.Equal(t, aampOf("64750000000000000000"), res.Lock)
	require.Equal(t, aampOf("155400000000000000"), res.Fee)
	require.Equal(t, res.Fee, processorBefore.Sub(e.balance(e.processor.Address)), "the processor pays the fee")
	require.Equal(t, res.Fee, e.moduleBalance().Sub(moduleBefore), "held by the module until resolution")

	// Final in the block that includes it: stored OPEN and locked.
	g := e.guarantee(res.Id)
	require.Equal(t, types.GUARANTEE_STATUS_OPEN, g.Status)
	require.Equal(t, res.Lock, g.Lock)
	require.Equal(t, res.Fee, g.Fee)
	require.Equal(t, math.LegacyMustNewDecFromStr("0.5"), g.Price)
	require.Equal(t, amp(1000), g.ExposedValue)
	require.Equal(t, e.ctx.BlockHeight(), g.OpenedHeight)
	require.Equal(t, msg.Deadline.UTC(), g.Deadline)
	require.Equal(t, msg.Payment, g.Payment)
	require.True(t, g.Payout.IsZero())
	pool := e.poolState()
	require.Equal(t, res.Lock, pool.Locked)
	require.Equal(t, amp(1000), pool.ActiveValue)
	require.Equal(t, amp(1000).Sub(res.Lock), keeperFree(pool))

	opened := eventsOf[*types.EventGuaranteeOpened](e.ctx)
	require.Len(t, opened, 1)
	require.Equal(t, types.EventGuaranteeOpened{
		Id: res.Id, Merchant: e.merchant.Address.String(), Value: "25.900000000000000000", Quote: "USD",
		Lock: res.Lock.String(), Fee: res.Fee.String(), State: "GUARANTEE_STATUS_OPEN", Partition: e.pool.String(),
		Processor: e.processor.Address.String(), PaymentReference: "0xfeed", Deadline: msg.Deadline.UTC().Format(time.RFC3339),
	}, *opened[0])

	// The owner holds every role, processor included.
	ownerMsg := e.openMsg("1", time.Minute)
	ownerMsg.Processor = e.owner.Address.String()
	_, err = e.open(ownerMsg)
	require.NoError(t, err)
	e.checkInvariants()
}

func TestOpenGuaranteeRefusals(t *testing.T) {
	rules := types.DefaultRules()
	rules.MaxGuaranteeDuration = 30 * time.Minute
	rules.UnbondingPeriod = 30 * time.Minute
	e := newEnv(t, envOptions{rules: &rules})
	e.mustSupply(e.s1, amp(1000))
	open := func(msg *types.MsgOpenGuarantee) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.OpenGuarantee(ctx, msg)
			return err
		}
	}

	// Only processors (and the owner).
	for _, who := range []apptesting.Account{e.stranger, e.attester, e.s1, e.merchant, e.limiter} {
		msg := e.openMsg("10", time.Minute)
		msg.Processor = who.Address.String()
		e.refused(types.ErrUnauthorized, open(msg))
	}
	// Deadlines: in the past, now, beyond the max duration.
	for _, d := range []time.Duration{-time.Second, 0, rules.MaxGuaranteeDuration + time.Second} {
		e.refused(types.ErrInvalidDeadline, open(e.openMsg("10", d)))
	}
	// Exactly the max duration is fine.
	_, err := e.open(e.openMsg("10", rules.MaxGuaranteeDuration))
	require.NoError(t, err)

	// Missing pair, pair without a price.
	msg := e.openMsg("10", time.Minute)
	msg.Quote = "JPY"
	e.refused(oracletypes.ErrPairNotFound, open(msg))
	msg = e.openMsg("10", time.Minute)
	msg.Quote = "EUR"
	e.refused(oracletypes.ErrPriceNotFound, open(msg))

	// Unknown pool; malformed messages.
	msg = e.openMsg("10", time.Minute)
	msg.Partition = subPool(e.manager, 5).String()
	e.refused(types.ErrPoolNotFound, open(msg))
	msg = e.openMsg("10", time.Minute)
	msg.Payment.Reference = ""
	e.refused(types.ErrInvalidGuarantee, open(msg))
	msg = e.openMsg("10", time.Minute)
	msg.Value = math.LegacyZeroDec()
	e.refused(types.ErrInvalidGuarantee, open(msg))
	msg = e.openMsg("10", time.Minute)
	msg.Quote = "usd"
	e.refused(types.ErrInvalidGuarantee, open(msg))

	// Capacity: 1,000 AMP less the 25 AMP locked above. 390 USD need 975 AMP
	// exactly: accepted in a branch, 390.0000…01 USD is refused.
	pool := e.poolState()
	require.Equal(t, amp(975), keeperFree(pool))
	branch, _ := e.ctx.CacheContext()
	_, err = e.msgs.OpenGuarantee(branch, e.openMsg("390", time.Minute))
	require.NoError(t, err, "a lock of exactly the free capacity")
	e.refused(types.ErrInsufficientCapacity, open(e.openMsg("390.000000000000000001", time.Minute)))
	e.refused(types.ErrInsufficientCapacity, open(e.openMsg("1000000", time.Minute)))
	require.Equal(t, pool, e.poolState(), "nothing locked")

	// A stale price refuses new guarantees and locks nothing.
	e.advance(pairMaxAge + time.Second)
	e.refused(oracletypes.ErrPriceStale, open(e.openMsg("10", time.Minute)))
	require.Equal(t, pool.Locked, e.poolState().Locked)
	// A fresh price lets them through again.
	require.NoError(t, e.setPrice("0.5"))
	_, err = e.open(e.openMsg("10", time.Minute))
	require.NoError(t, err)
	e.checkInvariants()
}

// keeperFree is the free capacity as the keeper computes it.
func keeperFree(p types.Pool) math.Int { return p.ActiveValue.Sub(p.Locked) }

func TestSettleDistributesFeeOverAtSettleShares(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 5*time.Minute) // fee 0.6 AMP
	require.Equal(t, aampOf("600000000000000000"), g.Fee)

	// s2 joins after the open, before the settlement: with at-settle shares
	// (the documented choice) s2 shares the fee half and half with s1.
	e.advance(time.Second)
	e.mustSupply(e.s2, amp(1000))
	ownerBefore := e.balance(e.owner.Address)
	merchantBefore := e.balance(e.merchant.Address)
	moduleBefore := e.moduleBalance()
	e.resetEvents()
	e.resolve(g.Id, true)

	commission := aampOf("60000000000000000") // 10 % of 0.6 AMP
	toStakers := g.Fee.Sub(commission)
	require.Equal(t, commission, e.balance(e.owner.Address).Sub(ownerBefore))
	require.Equal(t, merchantBefore, e.balance(e.merchant.Address), "a settled guarantee pays the merchant nothing")
	require.Equal(t, moduleBefore.Sub(commission), e.moduleBalance())
	require.Equal(t, toStakers.QuoRaw(2), e.rewards(e.s1))
	require.Equal(t, toStakers.QuoRaw(2), e.rewards(e.s2), "at-settle shares: a staker who joined after the open shares the fee")

	pool := e.poolState()
	require.True(t, pool.Locked.IsZero(), "exactly the lock is released")
	require.Equal(t, amp(2000), pool.ActiveValue)
	stored := e.guarantee(g.Id)
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, stored.Status)
	require.Equal(t, e.ctx.BlockHeight(), stored.ResolvedHeight)
	require.True(t, stored.Payout.IsZero())
	settled := eventsOf[*types.EventGuaranteeSettled](e.ctx)
	require.Equal(t, []*types.EventGuaranteeSettled{{
		Id: g.Id, Merchant: e.merchant.Address.String(), Value: "100.000000000000000000", Lock: g.Lock.String(),
		State: "GUARANTEE_STATUS_SETTLED", FeeToStakers: toStakers.String(), Commission: commission.String(),
	}}, settled)

	// Claims pay exactly the rewards, once.
	for _, s := range []apptesting.Account{e.s1, e.s2} {
		before := e.balance(s.Address)
		got, err := e.claimRewards(s)
		require.NoError(t, err)
		require.Equal(t, toStakers.QuoRaw(2), got)
		require.Equal(t, got, e.balance(s.Address).Sub(before))
		_, err = e.claimRewards(s)
		require.ErrorIs(t, err, types.ErrNoRewards)
	}
	e.refused(types.ErrNoRewards, func(ctx sdk.Context) error {
		_, err := e.msgs.ClaimRewards(ctx, &types.MsgClaimRewards{Staker: e.s3.Address.String(), Partition: e.pool.String()})
		return err
	})
	e.checkInvariants()
}

func TestAttesterThresholdDistinctAttesters(t *testing.T) {
	rules := types.DefaultRules()
	rules.AttesterThreshold = 2
	e := newEnv(t, envOptions{rules: &rules})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 5*time.Minute)
	attest := func(who apptesting.Account, confirmed bool) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: who.Address.String(), GuaranteeId: g.Id, Outcome: outcome(confirmed)})
			return err
		}
	}

	// Non-attesters are refused.
	for _, who := range []apptesting.Account{e.stranger, e.processor, e.merchant, e.s1} {
		e.refused(types.ErrUnauthorized, attest(who, true))
	}
	// One confirmation is not enough.
	e.resetEvents()
	require.NoError(t, e.deliver(attest(e.attester, true)))
	require.Equal(t, []*types.EventGuaranteeAttested{{Id: g.Id, Attester: e.attester.Address.String(), Outcome: "SETTLEMENT_OUTCOME_CONFIRMED", Attestations: 1, Threshold: 2}},
		eventsOf[*types.EventGuaranteeAttested](e.ctx))
	require.Equal(t, types.GUARANTEE_STATUS_OPEN, e.guarantee(g.Id).Status)
	// The same attester cannot count twice, with either outcome.
	e.refused(types.ErrAlreadyAttested, attest(e.attester, true))
	e.refused(types.ErrAlreadyAttested, attest(e.attester, false))
	// A conflicting outcome is counted separately: one each, still open.
	e.resetEvents()
	require.NoError(t, e.deliver(attest(e.attester2, false)))
	require.Equal(t, uint32(1), eventsOf[*types.EventGuaranteeAttested](e.ctx)[0].Attestations)
	require.Equal(t, types.GUARANTEE_STATUS_OPEN, e.guarantee(g.Id).Status)
	require.Equal(t, g.Lock, e.poolState().Locked)
	// A second distinct confirmation settles it.
	merchantBefore := e.balance(e.merchant.Address)
	require.NoError(t, e.deliver(attest(e.attester3, true)))
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, e.guarantee(g.Id).Status)
	require.True(t, e.poolState().Locked.IsZero())

	// After resolution: every attestation and every liquidation is refused,
	// and the merchant is never paid.
	for _, who := range []apptesting.Account{e.attester, e.attester2, e.attester3, e.owner} {
		for _, c := range []bool{true, false} {
			e.refused(types.ErrGuaranteeNotOpen, attest(who, c))
		}
	}
	liquidate := func(ctx sdk.Context) error {
		_, err := e.msgs.LiquidateExpired(ctx, &types.MsgLiquidateExpired{Sender: e.stranger.Address.String(), GuaranteeId: g.Id})
		return err
	}
	e.refused(types.ErrGuaranteeNotOpen, liquidate)
	e.advance(10 * time.Minute) // past the deadline
	e.refused(types.ErrGuaranteeNotOpen, liquidate)
	require.NoError(t, e.k.EndBlocker(e.ctx))
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, e.guarantee(g.Id).Status)
	require.Equal(t, merchantBefore, e.balance(e.merchant.Address))
	e.checkInvariants()
}

func TestFailedGuaranteePaysMerchantOnce(t *testing.T) {
	rules := types.DefaultRules()
	rules.AttesterThreshold = 2
	e := newEnv(t, envOptions{rules: &rules})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 5*time.Minute) // lock 250, payout 200
	merchantBefore := e.balance(e.merchant.Address)
	require.NoError(t, e.attest(e.attester, g.Id, false))
	require.Equal(t, merchantBefore, e.balance(e.merchant.Address), "one failure is below the threshold")
	require.NoError(t, e.attest(e.attester2, g.Id, true))
	e.resetEvents()
	require.NoError(t, e.attest(e.attester3, g.Id, false))
	require.Equal(t, amp(200), e.balance(e.merchant.Address).Sub(merchantBefore))
	stored := e.guarantee(g.Id)
	require.Equal(t, types.GUARANTEE_STATUS_LIQUIDATED, stored.Status)
	require.Equal(t, amp(200), stored.Payout)
	liquidated := eventsOf[*types.EventGuaranteeLiquidated](e.ctx)
	require.Equal(t, []*types.EventGuaranteeLiquidated{{
		Id: g.Id, Merchant: e.merchant.Address.String(), Value: "100.000000000000000000", Lock: amp(250).String(),
		State: "GUARANTEE_STATUS_LIQUIDATED", Payout: amp(200).String(), Price: "0.500000000000000000", Reason: "attested failed",
	}}, liquidated)

	// No second payment by attestation, liquidation or the end blocker.
	for _, c := range []bool{true, false} {
		e.refused(types.ErrGuaranteeNotOpen, func(ctx sdk.Context) error {
			_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: e.attester.Address.String(), GuaranteeId: g.Id, Outcome: outcome(c)})
			return err
		})
	}
	e.advance(time.Hour)
	e.refused(types.ErrGuaranteeNotOpen, func(ctx sdk.Context) error {
		_, err := e.msgs.LiquidateExpired(ctx, &types.MsgLiquidateExpired{Sender: e.merchant.Address.String(), GuaranteeId: g.Id})
		return err
	})
	require.NoError(t, e.k.EndBlocker(e.ctx))
	require.Equal(t, amp(200), e.balance(e.merchant.Address).Sub(merchantBefore))
	e.checkInvariants()
}

func TestLiquidateExpiredMsg(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 5*time.Minute)
	liquidate := func(id uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.LiquidateExpired(ctx, &types.MsgLiquidateExpired{Sender: e.stranger.Address.String(), GuaranteeId: id})
			return err
		}
	}
	e.refused(types.ErrNotExpired, liquidate(g.Id))
	e.refused(types.ErrGuaranteeNotFound, liquidate(99))
	e.advance(5 * time.Minute) // exactly the deadline: expired
	merchantBefore := e.balance(e.merchant.Address)
	e.resetEvents()
	require.NoError(t, e.deliver(liquidate(g.Id)))
	require.Equal(t, amp(200), e.balance(e.merchant.Address).Sub(merchantBefore))
	ev := eventsOf[*types.EventGuaranteeLiquidated](e.ctx)
	require.Len(t, ev, 1)
	require.Equal(t, "expired", ev[0].Reason)
	e.refused(types.ErrGuaranteeNotOpen, liquidate(g.Id))
	e.refused(types.ErrGuaranteeNotOpen, func(ctx sdk.Context) error {
		_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: e.attester.Address.String(), GuaranteeId: g.Id, Outcome: types.SETTLEMENT_OUTCOME_CONFIRMED})
		return err
	})
	e.refused(types.ErrGuaranteeNotFound, func(ctx sdk.Context) error {
		_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: e.attester.Address.String(), GuaranteeId: 99, Outcome: types.SETTLEMENT_OUTCOME_CONFIRMED})
		return err
	})
	e.refused(types.ErrInvalidOutcome, func(ctx sdk.Context) error {
		_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: e.attester.Address.String(), GuaranteeId: g.Id})
		return err
	})
	e.checkInvariants()
}

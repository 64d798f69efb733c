package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// oneAMP is 10^18 aamp: prices are quote per whole AMP.
var oneAMP = math.LegacyNewDecFromInt(math.NewIntWithDecimal(1, 18))

// amountForValue converts a value in the quote currency to aamp at price
// (quote per AMP), rounding up when roundUp.
func amountForValue(value, price math.LegacyDec, roundUp bool) math.Int {
	if roundUp {
		return value.Mul(oneAMP).QuoRoundUp(price).Ceil().TruncateInt()
	}
	return value.Mul(oneAMP).QuoTruncate(price).TruncateInt()
}

// OpenGuarantee locks value × ratio ÷ price of the pool's free capacity for
// merchant and charges the processor the merchant fee.
func (k *Keeper) OpenGuarantee(ctx context.Context, msg *types.MsgOpenGuarantee) (types.Guarantee, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := k.GetPool(ctx, partition)
	if err != nil {
		return types.Guarantee{}, err
	}
	m, err := k.Managers.Get(ctx, pool.ManagerId)
	if err != nil {
		return types.Guarantee{}, err
	}
	if err := k.requireRole(ctx, m, types.ROLE_PROCESSOR, msg.Processor); err != nil {
		return types.Guarantee{}, err
	}
	if err := k.requirePayableMerchant(ctx, msg.Merchant); err != nil {
		return types.Guarantee{}, err
	}
	now := sdkCtx.BlockTime()
	if !msg.Deadline.After(now) || msg.Deadline.Sub(now) > m.Rules.MaxGuaranteeDuration {
		return types.Guarantee{}, errorsmod.Wrapf(types.ErrInvalidDeadline,
			"deadline %s must be after the block time %s and at most %s later", msg.Deadline.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), m.Rules.MaxGuaranteeDuration)
	}
	price, _, err := k.oracleKeeper.GetPrice(ctx, types.PricePair(msg.Quote))
	if err != nil {
		return types.Guarantee{}, err
	}
	lock := amountForValue(msg.Value.Mul(m.Rules.CollateralRatio), price, true)
	if free := FreeCapacity(pool); lock.GT(free) {
		return types.Guarantee{}, errorsmod.Wrapf(types.ErrInsufficientCapacity,
			"%s %s at %s %s/AMP needs %saamp locked; pool %s has %saamp free", msg.Value, msg.Quote, price, msg.Quote, lock, pool.Partition, free)
	}
	fee := amountForValue(msg.Value.MulInt64(int64(m.Rules.FeeBps)).QuoInt64(types.MaxFeeBps), price, true)
	if fee.IsPositive() {
		processor := sdk.MustAccAddressFromBech32(msg.Processor)
		if err := k.bankKeeper.SendCoinsFromAccountToModule(ctx, processor, types.ModuleName, sdk.NewCoins(sdk.NewCoin(k.denom(), fee))); err != nil {
			return types.Guarantee{}, errorsmod.Wrapf(err, "charging the merchant fee of %saamp", fee)
		}
	}
	id, err := k.NextGuaranteeID.Next(ctx)
	if err != nil {
		return types.Guarantee{}, err
	}
	firstWithdrawal, err := k.NextWithdrawalID.Peek(ctx)
	if err != nil {
		return types.Guarantee{}, err
	}
	g := types.Guarantee{
		Id: id, ManagerId: m.Id, Partition: pool.Partition, Processor: msg.Processor, Merchant: msg.Merchant,
		Value: msg.Value, Quote: msg.Quote, Payment: msg.Payment, Deadline: msg.Deadline.UTC(),
		Price: price, Lock: lock, Fee: fee, Status: types.GUARANTEE_STATUS_OPEN,
		OpenedAt: now, OpenedHeight: sdkCtx.BlockHeight(), ExposedValue: pool.ActiveValue, Payout: math.ZeroInt(),
		FirstWithdrawalId: firstWithdrawal,
	}
	pool.Locked = pool.Locked.Add(lock)
	if g.Deadline.After(pool.LatestDeadline) {
		pool.LatestDeadline = g.Deadline
	}
	if err := k.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return g, err
	}
	if err := k.Guarantees.Set(ctx, id, g); err != nil {
		return g, err
	}
	if err := k.ExpiryQueue.Set(ctx, collections.Join(g.Deadline, id)); err != nil {
		return g, err
	}
	return g, emit(ctx, &types.EventGuaranteeOpened{
		Id: id, Merchant: g.Merchant, Value: g.Value.String(), Quote: g.Quote, Lock: lock.String(), Fee: fee.String(),
		State: g.Status.String(), Partition: g.Partition, Processor: g.Processor, PaymentReference: g.Payment.Reference,
		Deadline: g.Deadline.Format(time.RFC3339),
	})
}

// Attest records attester's outcome; when the manager's threshold of
// distinct attesters agrees, the guarantee resolves in the same block.
func (k *Keeper) Attest(ctx context.Context, attester sdk.AccAddress, id uint64, confirmed bool) error {
	g, err := k.GetGuarantee(ctx, id)
	if err != nil {
		return err
	}
	if g.Status != types.GUARANTEE_STATUS_OPEN {
		return errorsmod.Wrapf(types.ErrGuaranteeNotOpen, "guarantee %d is %s", id, g.Status)
	}
	m, err := k.Managers.Get(ctx, g.ManagerId)
	if err != nil {
		return err
	}
	if err := k.requireRole(ctx, m, types.ROLE_ATTESTER, attester.String()); err != nil {
		return err
	}
	key := collections.Join(id, attester)
	if has, err := k.Attestations.Has(ctx, key); err != nil {
		return err
	} else if has {
		return errorsmod.Wrapf(types.ErrAlreadyAttested, "%s on guarantee %d", attester, id)
	}
	if err := k.Attestations.Set(ctx, key, confirmed); err != nil {
		return err
	}
	agreeing := uint32(0)
	err = k.Attestations.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id),
		func(_ collections.Pair[uint64, sdk.AccAddress], c bool) (bool, error) {
			if c == confirmed {
				agreeing++
			}
			return false, nil
		})
	if err != nil {
		return err
	}
	outcome := types.SETTLEMENT_OUTCOME_FAILED
	if confirmed {
		outcome = types.SETTLEMENT_OUTCOME_CONFIRMED
	}
	if err := emit(ctx, &types.EventGuaranteeAttested{
		Id: id, Attester: attester.String(), Outcome: outcome.String(), Attestations: agreeing, Threshold: m.Rules.AttesterThreshold,
	}); err != nil {
		return err
	}
	if agreeing < m.Rules.AttesterThreshold {
		return nil
	}
	if confirmed {
		return k.settle(ctx, g, m)
	}
	return k.liquidate(ctx, g, m, "attested failed")
}

// settle releases the lock and distributes the fee.
func (k *Keeper) settle(ctx context.Context, g types.Guarantee, m types.Manager) error {
	partition, _ := amptypes.ParsePartition(g.Partition)
	pool, err := k.GetPool(ctx, partition)
	if err != nil {
		return err
	}
	pool.Locked = pool.Locked.Sub(g.Lock)
	pool, commission, toStakers, err := k.distributeFee(ctx, pool, m, g.Fee)
	if err != nil {
		return err
	}
	if err := k.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return err
	}
	if err := k.close(ctx, &g, types.GUARANTEE_STATUS_SETTLED); err != nil {
		return err
	}
	return emit(ctx, &types.EventGuaranteeSettled{
		Id: g.Id, Merchant: g.Merchant, Value: g.Value.String(), Lock: g.Lock.String(), State: g.Status.String(),
		FeeToStakers: toStakers.String(), Commission: commission.String(),
	})
}

// liquidate pays the merchant the value at the current price (the price at
// open when the oracle has no fresh price), capped at the lock, unlocks the
// rest and lets the pool bear the loss. The fee is still distributed: the
// stakers carried the risk.
func (k *Keeper) liquidate(ctx context.Context, g types.Guarantee, m types.Manager, reason string) error {
	partition, _ := amptypes.ParsePartition(g.Partition)
	pool, err := k.GetPool(ctx, partition)
	if err != nil {
		return err
	}
	price, _, err := k.oracleKeeper.GetPrice(ctx, types.PricePair(g.Quote))
	if err != nil {
		price = g.Price
	}
	payout := math.MinInt(amountForValue(g.Value, price, false), g.Lock)
	pool.Locked = pool.Locked.Sub(g.Lock)
	if payout.IsPositive() {
		if pool, err = k.releaseCustody(ctx, pool, payout, sdk.MustAccAddressFromBech32(g.Merchant), nil); err != nil {
			return err
		}
	}
	pool, err = k.applyLoss(ctx, pool, g, payout)
	if err != nil {
		return err
	}
	pool, _, _, err = k.distributeFee(ctx, pool, m, g.Fee)
	if err != nil {
		return err
	}
	if err := k.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return err
	}
	g.Payout = payout
	if err := k.close(ctx, &g, types.GUARANTEE_STATUS_LIQUIDATED); err != nil {
		return err
	}
	return emit(ctx, &types.EventGuaranteeLiquidated{
		Id: g.Id, Merchant: g.Merchant, Value: g.Value.String(), Lock: g.Lock.String(), State: g.Status.String(),
		Payout: payout.String(), Price: price.String(), Reason: reason,
	})
}

// close records the final state and takes the guarantee off the expiry queue.
func (k *Keeper) close(ctx context.Context, g *types.Guarantee, status types.GuaranteeStatus) error {
	g.Status = status
	g.ResolvedHeight = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.ExpiryQueue.Remove(ctx, collections.Join(g.Deadline, g.Id)); err != nil {
		return err
	}
	return k.Guarantees.Set(ctx, g.Id, *g)
}

// LiquidateExpired liquidates an open guarantee past its deadline.
func (k *Keeper) LiquidateExpired(ctx context.Context, id uint64) error {
	g, err := k.GetGuarantee(ctx, id)
	if err != nil {
		return err
	}
	if g.Status != types.GUARANTEE_STATUS_OPEN {
		return errorsmod.Wrapf(types.ErrGuaranteeNotOpen, "guarantee %d is %s", id, g.Status)
	}
	if now := sdk.UnwrapSDKContext(ctx).BlockTime(); now.Before(g.Deadline) {
		return errorsmod.Wrapf(types.ErrNotExpired, "guarantee %d expires at %s", id, g.Deadline.Format(time.RFC3339))
	}
	m, err := k.Managers.Get(ctx, g.ManagerId)
	if err != nil {
		return err
	}
	return k.liquidate(ctx, g, m, "expired")
}

// EndBlocker liquidates expired guarantees, at most max_expiries_per_block
// of them; the rest wait for the next block.
func (k *Keeper) EndBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	var due []uint64
	rng := new(collections.Range[collections.Pair[time.Time, uint64]]).
		EndInclusive(collections.Join(now, uint64(1<<63)))
	err = k.ExpiryQueue.Walk(ctx, rng, func(key collections.Pair[time.Time, uint64]) (bool, error) {
		due = append(due, key.K2())
		return uint32(len(due)) >= params.MaxExpiriesPerBlock, nil
	})
	if err != nil {
		return err
	}
	for _, id := range due {
		if err := k.liquidateExpiredInBranch(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// liquidateExpiredInBranch runs one expiry in a cache branch. A liquidation
// that fails is taken off the queue, so it cannot stall the expiries behind
// it, and left open for liquidate-expired; write() emits the branch's events.
func (k *Keeper) liquidateExpiredInBranch(ctx context.Context, id uint64) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	branch, write := sdkCtx.CacheContext()
	if err := k.LiquidateExpired(branch, id); err != nil {
		sdkCtx.Logger().Error("cannot liquidate expired guarantee; left open for liquidate-expired", "module", types.ModuleName, "id", id, "err", err)
		g, getErr := k.GetGuarantee(ctx, id)
		if getErr != nil {
			return getErr
		}
		return k.ExpiryQueue.Remove(ctx, collections.Join(g.Deadline, id))
	}
	write()
	return nil
}

// requirePayableMerchant refuses merchants a liquidation could never pay:
// managers (they take tokens only into their pools) and addresses the bank
// blocks (module accounts).
func (k *Keeper) requirePayableMerchant(ctx context.Context, merchant string) error {
	addr := sdk.MustAccAddressFromBech32(merchant)
	if isManager, err := k.ManagerByAddress.Has(ctx, addr); err != nil {
		return err
	} else if isManager {
		return errorsmod.Wrapf(types.ErrInvalidGuarantee, "merchant %s is a collateral manager", merchant)
	}
	if k.bankKeeper.BlockedAddr(addr) {
		return errorsmod.Wrapf(types.ErrInvalidGuarantee, "merchant %s may not receive tokens", merchant)
	}
	return nil
}

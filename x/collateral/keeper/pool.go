package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// collateralMoveKey marks a context in which x/collateral itself moves AMP
// out of a manager's partitions: the manager's sender hook lets only those
// transfers through.
type collateralMoveKey struct{}

func withCollateralMove(ctx context.Context) context.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(collateralMoveKey{}, true)
}

func isCollateralMove(ctx context.Context) bool {
	ok, _ := ctx.Value(collateralMoveKey{}).(bool)
	return ok
}

// FreeCapacity is what new guarantees may still lock: the active value
// less the locks. Pending withdrawals are already out of the active value.
func FreeCapacity(p types.Pool) math.Int {
	free := p.ActiveValue.Sub(p.Locked)
	if free.IsNegative() {
		return math.ZeroInt()
	}
	return free
}

// pooledCustody is the pool's AMP held in the pool partition at the
// manager's address (the rest is holder collateral).
func pooledCustody(p types.Pool) math.Int {
	return p.ActiveValue.Add(p.PendingWithdrawals).Sub(p.HolderCustody)
}

// getPosition returns the staker's position, harvested to the pool's
// reward accumulator and voided if its epoch ended; a new position is empty.
func (k *Keeper) getPosition(ctx context.Context, pool types.Pool, staker sdk.AccAddress) (types.Position, error) {
	pos, err := k.Positions.Get(ctx, collections.Join(poolKey(pool), staker))
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Position{
			Partition: pool.Partition, Staker: staker.String(), Shares: math.LegacyZeroDec(),
			RewardDebt: math.LegacyZeroDec(), UnclaimedRewards: math.LegacyZeroDec(),
			HolderCustody: math.ZeroInt(), Epoch: pool.Epoch,
		}, nil
	}
	if err != nil {
		return pos, err
	}
	return k.harvest(ctx, pool, pos)
}

// poolKey is the store key of a pool: its partition's bytes. Stored pools
// always hold a valid partition (AddPartition and genesis check it).
func poolKey(p types.Pool) []byte {
	partition, _ := amptypes.ParsePartition(p.Partition)
	return partition.Bytes()
}

// harvest moves rewards accrued since the last update into unclaimed
// rewards, O(1): shares × (accumulator − debt).
func (k *Keeper) harvest(ctx context.Context, pool types.Pool, pos types.Position) (types.Position, error) {
	acc := pool.RewardPerShare
	if pos.Epoch != pool.Epoch {
		end, err := k.EpochEnds.Get(ctx, collections.Join(poolKey(pool), pos.Epoch))
		if err != nil {
			return pos, err
		}
		acc = end.RewardPerShare
	}
	earned := pos.Shares.MulTruncate(acc).Sub(pos.RewardDebt)
	if earned.IsPositive() {
		pos.UnclaimedRewards = pos.UnclaimedRewards.Add(earned)
	}
	if pos.Epoch != pool.Epoch {
		// The shares' epoch ended in a total loss: they are void.
		pos.Shares = math.LegacyZeroDec()
		pos.Epoch = pool.Epoch
	}
	pos.RewardDebt = pos.Shares.MulTruncate(pool.RewardPerShare)
	return pos, nil
}

func (k *Keeper) setPosition(ctx context.Context, pool types.Pool, pos types.Position) error {
	pos.RewardDebt = pos.Shares.MulTruncate(pool.RewardPerShare)
	key := collections.Join(poolKey(pool), sdk.MustAccAddressFromBech32(pos.Staker))
	if pos.Shares.IsZero() && pos.UnclaimedRewards.IsZero() && pos.HolderCustody.IsZero() {
		return k.Positions.Remove(ctx, key)
	}
	return k.Positions.Set(ctx, key, pos)
}

// PositionValue is what the position's shares are worth in AMP.
func PositionValue(pool types.Pool, pos types.Position) math.Int {
	if pool.TotalShares.IsZero() || pos.Epoch != pool.Epoch {
		return math.ZeroInt()
	}
	return pos.Shares.MulInt(pool.ActiveValue).Quo(pool.TotalShares).TruncateInt()
}

// mintShares credits a stake of amount to staker: shares at the pool's
// price (1:1 for an empty pool), truncated in the pool's favour.
func (k *Keeper) mintShares(ctx context.Context, pool types.Pool, staker sdk.AccAddress, amount math.Int, holderCustody bool) (types.Pool, math.LegacyDec, error) {
	pos, err := k.getPosition(ctx, pool, staker)
	if err != nil {
		return pool, math.LegacyDec{}, err
	}
	shares := math.LegacyNewDecFromInt(amount)
	if pool.TotalShares.IsPositive() {
		shares = pool.TotalShares.MulInt(amount).QuoInt(pool.ActiveValue)
	}
	if !shares.IsPositive() {
		return pool, math.LegacyDec{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s aamp buys no share of pool %s", amount, pool.Partition)
	}
	pool.TotalShares = pool.TotalShares.Add(shares)
	pool.ActiveValue = pool.ActiveValue.Add(amount)
	pos.Shares = pos.Shares.Add(shares)
	if holderCustody {
		pool.HolderCustody = pool.HolderCustody.Add(amount)
		pos.HolderCustody = pos.HolderCustody.Add(amount)
	}
	if err := k.Pools.Set(ctx, poolKey(pool), pool); err != nil {
		return pool, shares, err
	}
	return pool, shares, k.setPosition(ctx, pool, pos)
}

// releaseCustody pays amount of the pool's AMP to recipient's default
// partition: first from preferHolder's own holder collateral, then from the
// pool partition, then from other stakers' holder collateral. Value
// accounting is the caller's; this only moves tokens and custody counters.
func (k *Keeper) releaseCustody(ctx context.Context, pool types.Pool, amount math.Int, recipient, preferHolder sdk.AccAddress) (types.Pool, error) {
	manager := types.ManagerAddress(pool.ManagerId)
	poolPartition, _ := amptypes.ParsePartition(pool.Partition)
	holderPartition := types.HolderPartitionOf(poolPartition)
	moveCtx := withCollateralMove(ctx)
	remaining := amount

	takeHolder := func(holder sdk.AccAddress) error {
		pos, err := k.getPosition(ctx, pool, holder)
		if err != nil || pos.HolderCustody.IsZero() || remaining.IsZero() {
			return err
		}
		take := math.MinInt(pos.HolderCustody, remaining)
		if _, err := k.ampKeeper.TransferByPartition(moveCtx, amptypes.Transfer{
			FromPartition: holderPartition, ToPartition: amptypes.DefaultPartition,
			Operator: manager, From: holder, To: recipient, Amount: take,
		}); err != nil {
			return err
		}
		pos.HolderCustody = pos.HolderCustody.Sub(take)
		pool.HolderCustody = pool.HolderCustody.Sub(take)
		remaining = remaining.Sub(take)
		return k.setPosition(ctx, pool, pos)
	}

	if preferHolder != nil {
		if err := takeHolder(preferHolder); err != nil {
			return pool, err
		}
	}
	if take := math.MinInt(pooledCustody(pool), remaining); take.IsPositive() {
		if _, err := k.ampKeeper.TransferByPartition(moveCtx, amptypes.Transfer{
			FromPartition: poolPartition, ToPartition: amptypes.DefaultPartition,
			Operator: manager, From: manager, To: recipient, Amount: take,
		}); err != nil {
			return pool, err
		}
		remaining = remaining.Sub(take)
	}
	if remaining.IsPositive() {
		var holders []sdk.AccAddress
		err := k.Positions.Walk(ctx, collections.NewPrefixedPairRange[[]byte, sdk.AccAddress](poolPartition.Bytes()),
			func(key collections.Pair[[]byte, sdk.AccAddress], pos types.Position) (bool, error) {
				if pos.HolderCustody.IsPositive() {
					holders = append(holders, key.K2())
				}
				return false, nil
			})
		if err != nil {
			return pool, err
		}
		for _, h := range holders {
			if err := takeHolder(h); err != nil {
				return pool, err
			}
		}
	}
	if remaining.IsPositive() {
		return pool, errorsmod.Wrapf(types.ErrInsufficientCapacity, "pool %s holds %s less than it owes", pool.Partition, remaining)
	}
	return pool, k.Pools.Set(ctx, poolPartition.Bytes(), pool)
}

// applyLoss takes loss out of the pool's value for guarantee g: pending
// withdrawals requested while g was open bear their share of the loss
// fraction (loss ÷ the pool's value when g opened), the active shares the
// rest. A loss of the whole active value voids every share and starts a
// new epoch.
func (k *Keeper) applyLoss(ctx context.Context, pool types.Pool, g types.Guarantee, loss math.Int) (types.Pool, error) {
	if !loss.IsPositive() {
		return pool, nil
	}
	poolPartition, _ := amptypes.ParsePartition(pool.Partition)
	fraction := math.LegacyOneDec()
	if g.ExposedValue.IsPositive() {
		fraction = math.LegacyNewDecFromInt(loss).QuoInt(g.ExposedValue)
		if fraction.GT(math.LegacyOneDec()) {
			fraction = math.LegacyOneDec()
		}
	}
	charged := math.ZeroInt()
	var exposed []types.Withdrawal
	err := k.WithdrawalsByPool.Walk(ctx, collections.NewPrefixedPairRange[[]byte, uint64](poolPartition.Bytes()),
		func(key collections.Pair[[]byte, uint64]) (bool, error) {
			w, err := k.Withdrawals.Get(ctx, key.K2())
			if err != nil {
				return true, err
			}
			if w.Id >= g.FirstWithdrawalId {
				exposed = append(exposed, w)
			}
			return false, nil
		})
	if err != nil {
		return pool, err
	}
	for _, w := range exposed {
		if charged.GTE(loss) {
			break
		}
		cut := math.MinInt(fraction.MulInt(w.Amount).TruncateInt(), loss.Sub(charged))
		if !cut.IsPositive() {
			continue
		}
		w.Amount = w.Amount.Sub(cut)
		pool.PendingWithdrawals = pool.PendingWithdrawals.Sub(cut)
		charged = charged.Add(cut)
		if err := k.Withdrawals.Set(ctx, w.Id, w); err != nil {
			return pool, err
		}
	}
	fromActive := loss.Sub(charged)
	if fromActive.GT(pool.ActiveValue) {
		return pool, errorsmod.Wrapf(types.ErrInsufficientCapacity, "loss %s exceeds pool %s value %s", fromActive, pool.Partition, pool.ActiveValue)
	}
	pool.ActiveValue = pool.ActiveValue.Sub(fromActive)
	if pool.ActiveValue.IsZero() && pool.TotalShares.IsPositive() {
		if err := k.EpochEnds.Set(ctx, collections.Join(poolPartition.Bytes(), pool.Epoch), types.EpochEnd{
			Partition: pool.Partition, Epoch: pool.Epoch, RewardPerShare: pool.RewardPerShare,
		}); err != nil {
			return pool, err
		}
		pool.Epoch++
		pool.TotalShares = math.LegacyZeroDec()
	}
	return pool, nil
}

// distributeFee pays the owner's commission and spreads the rest over the
// pool's shares at this moment (at-settle shares); an empty pool's stakers
// get nothing, so the owner takes it all.
func (k *Keeper) distributeFee(ctx context.Context, pool types.Pool, m types.Manager, fee math.Int) (types.Pool, math.Int, math.Int, error) {
	if !fee.IsPositive() {
		return pool, math.ZeroInt(), math.ZeroInt(), nil
	}
	commission := m.Rules.Commission.MulInt(fee).TruncateInt()
	if pool.TotalShares.IsZero() {
		commission = fee
	}
	toStakers := fee.Sub(commission)
	if commission.IsPositive() {
		owner := sdk.MustAccAddressFromBech32(m.Owner)
		if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, owner, sdk.NewCoins(sdk.NewCoin(k.denom(), commission))); err != nil {
			return pool, commission, toStakers, err
		}
	}
	if toStakers.IsPositive() {
		// Truncated so stakers are never owed more than the fee; the dust
		// stays in the module account.
		pool.RewardPerShare = pool.RewardPerShare.Add(math.LegacyNewDecFromInt(toStakers).QuoTruncate(pool.TotalShares))
	}
	return pool, commission, toStakers, nil
}

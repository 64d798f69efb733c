package keeper

import (
	"context"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// BeginBlocker shares the fees collected in the previous block among the
// active validators by power.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	return k.AllocateFees(ctx)
}

// AllocateFees moves the fee collector's balance into the module account and
// credits each active validator fees × power ÷ total power. The rounding
// remainder goes to the highest-power validator so every coin is owed to
// someone.
func (k Keeper) AllocateFees(ctx context.Context) error {
	collected := k.bankKeeper.GetAllBalances(ctx, k.accountKeeper.GetModuleAddress(k.feeCollectorName))
	if collected.IsZero() {
		return nil
	}
	active, err := k.ActiveValidators(ctx)
	if err != nil || len(active) == 0 {
		return err
	}
	sort.SliceStable(active, func(i, j int) bool { return active[i].Power > active[j].Power })
	var total int64
	for _, v := range active {
		total += v.Power
	}
	if err := k.bankKeeper.SendCoinsFromModuleToModule(ctx, k.feeCollectorName, types.ModuleName, collected); err != nil {
		return err
	}
	fees := sdk.NewDecCoinsFromCoins(collected...)
	remaining := fees
	shares := make([]sdk.DecCoins, len(active))
	for i, v := range active {
		shares[i] = fees.MulDecTruncate(math.LegacyNewDec(v.Power)).QuoDecTruncate(math.LegacyNewDec(total))
		remaining = remaining.Sub(shares[i])
	}
	shares[0] = shares[0].Add(remaining...)
	for i, v := range active {
		if err := k.creditFees(ctx, v.OperatorAddress, shares[i]); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) creditFees(ctx context.Context, operatorAddress string, amount sdk.DecCoins) error {
	if amount.IsZero() {
		return nil
	}
	operator, err := sdk.ValAddressFromBech32(operatorAddress)
	if err != nil {
		return err
	}
	record, err := k.OutstandingFees.Get(ctx, operator)
	switch {
	case errorsmod.IsOf(err, collections.ErrNotFound):
		record = types.ValidatorFees{OperatorAddress: operatorAddress}
	case err != nil:
		return err
	}
	record.Outstanding = record.Outstanding.Add(amount...)
	return k.OutstandingFees.Set(ctx, operator, record)
}

// EndBlocker sends CometBFT the power changes queued during the block.
func (k Keeper) EndBlocker(ctx context.Context) ([]abci.ValidatorUpdate, error) {
	return k.ApplyPendingUpdates(ctx)
}

// ApplyPendingUpdates turns every queued consensus address whose power
// differs from what CometBFT last saw into a validator update, in
// consensus-address order, and records the new last set.
func (k Keeper) ApplyPendingUpdates(ctx context.Context) ([]abci.ValidatorUpdate, error) {
	var pending []sdk.ConsAddress
	if err := k.PendingUpdates.Walk(ctx, nil, func(consAddr sdk.ConsAddress) (bool, error) {
		pending = append(pending, consAddr)
		return false, nil
	}); err != nil {
		return nil, err
	}
	var updates []abci.ValidatorUpdate
	for _, consAddr := range pending {
		cur, curPower, err := k.currentPower(ctx, consAddr)
		if err != nil {
			return nil, err
		}
		last, lastPower, err := k.lastPower(ctx, consAddr)
		if err != nil {
			return nil, err
		}
		if curPower != lastPower {
			record := cur
			if curPower == 0 {
				record = last
			}
			update, err := record.ABCIUpdate(curPower)
			if err != nil {
				return nil, err
			}
			updates = append(updates, update)
		}
		if curPower > 0 {
			err = k.LastValidatorSet.Set(ctx, consAddr, cur)
		} else {
			err = k.LastValidatorSet.Remove(ctx, consAddr)
		}
		if err != nil {
			return nil, err
		}
		if err := k.PendingUpdates.Remove(ctx, consAddr); err != nil {
			return nil, err
		}
	}
	return updates, nil
}

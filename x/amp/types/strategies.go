package types

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// CollateralPoolPrefix (0xCCCCCCCC) and HolderCollateralPrefix (0xAAAAAAAA)
// are the prefixes the two built-in strategies ship under.
var (
	CollateralPoolPrefix   = Prefix{0xcc, 0xcc, 0xcc, 0xcc}
	HolderCollateralPrefix = Prefix{0xaa, 0xaa, 0xaa, 0xaa}
)

// CollateralPoolStrategy keeps pooled tokens at the manager's own address:
// only transfers to the owner may enter, and any operator may try to move
// them out, leaving the manager's sender hook to decide.
type CollateralPoolStrategy struct{}

func (CollateralPoolStrategy) Name() string { return StrategyCollateralPool }

// IsOperatorForPartitionScope is true when the holder is the registered
// manager that owns the partition: pool tokens sit at the manager's
// address and its hook guards them.
func (CollateralPoolStrategy) IsOperatorForPartitionScope(ctx context.Context, view StrategyView, partition Partition, _, holder sdk.AccAddress) (bool, error) {
	owner := partition.Owner()
	isManager, err := view.IsCollateralManager(ctx, owner)
	if err != nil || !isManager {
		return false, err
	}
	if !holder.Equals(owner) {
		return false, nil
	}
	// The manager's sender hook is what guards the pool; a manager without
	// one (an ordinary key) has no rules, so only it and its operators move it.
	_, hooked := view.SenderHook(ctx, owner)
	return hooked, nil
}

func (CollateralPoolStrategy) TokensFromPartitionToValidate(context.Context, StrategyView, Transfer) error {
	return nil
}

func (CollateralPoolStrategy) TokensToPartitionToValidate(ctx context.Context, view StrategyView, t Transfer) error {
	owner := t.ToPartition.Owner()
	if !t.To.Equals(owner) {
		return errorsmod.Wrapf(ErrStrategyRefused, "transfers to pool partition %s must be to its owner %s, not %s", t.ToPartition, owner, t.To)
	}
	return requireCollateralManager(ctx, view, owner)
}

// HolderCollateralStrategy keeps tokens at the holder's address while the
// owning manager (and its operators) may consume them; the holder moves them
// only past the manager's sender hook.
type HolderCollateralStrategy struct{}

func (HolderCollateralStrategy) Name() string { return StrategyHolderCollateral }

func (HolderCollateralStrategy) IsOperatorForPartitionScope(ctx context.Context, view StrategyView, partition Partition, operator, _ sdk.AccAddress) (bool, error) {
	owner := partition.Owner()
	if operator.Equals(owner) {
		return true, nil
	}
	return view.IsOperatorForCollateralManager(ctx, partition, operator, owner)
}

func (HolderCollateralStrategy) TokensFromPartitionToValidate(ctx context.Context, view StrategyView, t Transfer) error {
	owner := t.FromPartition.Owner()
	byManager, err := view.IsOperatorForCollateralManager(ctx, t.FromPartition, t.Operator, owner)
	if err != nil || byManager {
		return err
	}
	if hook, ok := view.SenderHook(ctx, owner); ok {
		return hook.TokensToTransfer(ctx, t)
	}
	return nil
}

func (HolderCollateralStrategy) TokensToPartitionToValidate(ctx context.Context, view StrategyView, t Transfer) error {
	owner := t.ToPartition.Owner()
	if err := requireCollateralManager(ctx, view, owner); err != nil {
		return err
	}
	if t.To.Equals(owner) {
		return errorsmod.Wrapf(ErrStrategyRefused, "holder-collateral partition %s must not be sent to its owner", t.ToPartition)
	}
	return nil
}

func requireCollateralManager(ctx context.Context, view StrategyView, owner sdk.AccAddress) error {
	isManager, err := view.IsCollateralManager(ctx, owner)
	if err != nil {
		return err
	}
	if !isManager {
		return errorsmod.Wrapf(ErrNotCollateralManager, "%s", owner)
	}
	return nil
}

// BuiltinStrategies are the strategies the chain ships with.
func BuiltinStrategies() []Strategy {
	return []Strategy{CollateralPoolStrategy{}, HolderCollateralStrategy{}}
}

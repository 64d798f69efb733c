package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

// ampTransferKey marks a context in which x/amp itself moves aamp through
// x/bank, so the send restriction on hooked addresses lets it pass: such
// transfers have already been through the hooks.
type ampTransferKey struct{}

func withAmpTransfer(ctx context.Context) context.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(ampTransferKey{}, true)
}

// TransferByPartition is the contract's operatorTransferByPartition (and,
// with operator == from, transferByPartition): authorise the operator,
// run the hooks and strategies, and move the tokens. It returns the
// destination partition. On error the caller's state must be discarded,
// as baseapp does for a failed message.
func (k *Keeper) TransferByPartition(ctx context.Context, t types.Transfer) (types.Partition, error) {
	if !t.Amount.IsPositive() {
		return t.ToPartition, errorsmod.Wrap(types.ErrInvalidAmount, "amount must be positive")
	}
	if t.To.Empty() || isZeroAddress(t.To) {
		return t.ToPartition, errorsmod.Wrap(types.ErrInvalidReceiver, "to is the zero address")
	}
	if !t.Operator.Equals(t.From) {
		if err := k.spendOperatorRights(ctx, t.FromPartition, t.Operator, t.From, t.Amount); err != nil {
			return t.ToPartition, err
		}
	}
	balance, err := k.BalanceOfByPartition(ctx, t.FromPartition, t.From)
	if err != nil {
		return t.ToPartition, err
	}
	if balance.LT(t.Amount) {
		return t.ToPartition, errorsmod.Wrapf(types.ErrInsufficientBalance,
			"%s holds %s in partition %s, needs %s", t.From, balance, t.FromPartition, t.Amount)
	}
	toStrategy, err := k.destinationStrategy(ctx, t.ToPartition)
	if err != nil {
		return t.ToPartition, err
	}

	if err := k.callPreTransferHooks(ctx, t); err != nil {
		return t.ToPartition, err
	}
	if err := k.move(ctx, t); err != nil {
		return t.ToPartition, err
	}
	if toStrategy != nil {
		if err := toStrategy.TokensToPartitionToValidate(ctx, k, t); err != nil {
			return t.ToPartition, err
		}
	}
	if hook, ok := k.RecipientHook(ctx, t.To); ok {
		if err := hook.TokensReceived(ctx, t); err != nil {
			return t.ToPartition, err
		}
	}
	return t.ToPartition, k.emitTransfer(ctx, t)
}

// spendOperatorRights authorises operator to move amount of holder's
// partition: operator rights or enough allowance, which is spent (or
// zeroed, as the contract does when operator rights carried the transfer).
func (k *Keeper) spendOperatorRights(ctx context.Context, partition types.Partition, operator, holder sdk.AccAddress, amount math.Int) error {
	authorised, err := k.IsOperatorForPartition(ctx, partition, operator, holder)
	if err != nil {
		return err
	}
	allowance, err := k.AllowanceByPartition(ctx, partition, holder, operator)
	if err != nil {
		return err
	}
	if !authorised && allowance.LT(amount) {
		return errorsmod.Wrapf(types.ErrInsufficientAllowance,
			"%s is no operator of %s for partition %s and may spend %s of it, not %s", operator, holder, partition, allowance, amount)
	}
	if allowance.IsZero() {
		return nil
	}
	remaining := math.ZeroInt()
	if allowance.GTE(amount) {
		remaining = allowance.Sub(amount)
	}
	if err := k.setAllowance(ctx, partition, holder, operator, remaining); err != nil {
		return err
	}
	return emitApproval(ctx, partition, holder.String(), operator.String(), remaining)
}

// destinationStrategy refuses a reserved destination (a non-zero prefix
// without a strategy) and returns the destination's strategy, if any.
func (k *Keeper) destinationStrategy(ctx context.Context, to types.Partition) (types.Strategy, error) {
	prefix := to.Prefix()
	if prefix.IsZero() {
		return nil, nil
	}
	strategy, found, err := k.StrategyFor(ctx, prefix)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errorsmod.Wrapf(types.ErrPartitionReserved, "partition %s: prefix %s has no strategy", to, prefix)
	}
	return strategy, nil
}

// callPreTransferHooks runs from's sender hook and the source strategy's check.
func (k *Keeper) callPreTransferHooks(ctx context.Context, t types.Transfer) error {
	if hook, ok := k.SenderHook(ctx, t.From); ok {
		if err := hook.TokensToTransfer(ctx, t); err != nil {
			return err
		}
	}
	prefix := t.FromPartition.Prefix()
	if prefix.IsZero() {
		return nil
	}
	strategy, found, err := k.StrategyFor(ctx, prefix)
	if err != nil || !found {
		return err
	}
	return strategy.TokensFromPartitionToValidate(ctx, k, t)
}

// move shifts the tokens: bank balances for the default partition, module
// escrow and x/amp records for the others.
func (k *Keeper) move(ctx context.Context, t types.Transfer) error {
	coins := sdk.NewCoins(sdk.NewCoin(k.denom, t.Amount))
	bankCtx := withAmpTransfer(ctx)
	switch {
	case t.FromPartition.IsDefault() && t.ToPartition.IsDefault():
		return k.bankKeeper.SendCoins(bankCtx, t.From, t.To, coins)
	case t.FromPartition.IsDefault():
		if err := k.bankKeeper.SendCoinsFromAccountToModule(bankCtx, t.From, types.ModuleName, coins); err != nil {
			return err
		}
		return k.addToPartition(ctx, t.To, t.ToPartition, t.Amount)
	case t.ToPartition.IsDefault():
		if err := k.removeFromPartition(ctx, t.From, t.FromPartition, t.Amount); err != nil {
			return err
		}
		return k.bankKeeper.SendCoinsFromModuleToAccount(bankCtx, types.ModuleName, t.To, coins)
	default:
		if err := k.removeFromPartition(ctx, t.From, t.FromPartition, t.Amount); err != nil {
			return err
		}
		return k.addToPartition(ctx, t.To, t.ToPartition, t.Amount)
	}
}

func (k *Keeper) addToPartition(ctx context.Context, holder sdk.AccAddress, partition types.Partition, amount math.Int) error {
	key := collections.Join(holder, partition.Bytes())
	balance, err := getInt(ctx, k.Balances, key)
	if err != nil {
		return err
	}
	if err := k.Balances.Set(ctx, key, balance.Add(amount)); err != nil {
		return err
	}
	supply, err := getInt(ctx, k.PartitionSupply, partition.Bytes())
	if err != nil {
		return err
	}
	return k.PartitionSupply.Set(ctx, partition.Bytes(), supply.Add(amount))
}

// removeFromPartition debits a non-default partition, deleting records
// that reach zero so partitions-of and total-partitions never list ghosts.
func (k *Keeper) removeFromPartition(ctx context.Context, holder sdk.AccAddress, partition types.Partition, amount math.Int) error {
	key := collections.Join(holder, partition.Bytes())
	balance, err := getInt(ctx, k.Balances, key)
	if err != nil {
		return err
	}
	if balance.LT(amount) {
		return errorsmod.Wrapf(types.ErrInsufficientBalance, "%s holds %s in partition %s, needs %s", holder, balance, partition, amount)
	}
	if err := setOrRemove(ctx, k.Balances, key, balance.Sub(amount)); err != nil {
		return err
	}
	supply, err := getInt(ctx, k.PartitionSupply, partition.Bytes())
	if err != nil {
		return err
	}
	return setOrRemove(ctx, k.PartitionSupply, partition.Bytes(), supply.Sub(amount))
}

func setOrRemove[K any](ctx context.Context, m collections.Map[K, math.Int], key K, amount math.Int) error {
	if amount.IsZero() {
		return m.Remove(ctx, key)
	}
	return m.Set(ctx, key, amount)
}

func (k *Keeper) setAllowance(ctx context.Context, partition types.Partition, owner, spender sdk.AccAddress, amount math.Int) error {
	return setOrRemove(ctx, k.Allowances, collections.Join3(partition.Bytes(), owner, spender), amount)
}

func (k *Keeper) emitTransfer(ctx context.Context, t types.Transfer) error {
	if err := emit(ctx, &types.EventTransferByPartition{
		FromPartition: t.FromPartition.String(),
		Operator:      t.Operator.String(),
		From:          t.From.String(),
		To:            t.To.String(),
		Amount:        t.Amount.String(),
		Data:          t.Data,
		OperatorData:  t.OperatorData,
	}); err != nil {
		return err
	}
	if t.ToPartition == t.FromPartition {
		return nil
	}
	return emit(ctx, &types.EventChangedPartition{
		FromPartition: t.FromPartition.String(),
		ToPartition:   t.ToPartition.String(),
		Amount:        t.Amount.String(),
	})
}

func isZeroAddress(addr sdk.AccAddress) bool {
	for _, b := range addr {
		if b != 0 {
			return false
		}
	}
	return true
}

// SendRestriction refuses plain bank sends of the denom to an address with
// a recipient hook, so such collateral managers receive only through their
// rules; x/amp's own transfers pass, having run the hooks.
func (k *Keeper) SendRestriction(ctx context.Context, _, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	if amt.AmountOf(k.denom).IsZero() {
		return to, nil
	}
	if passed, _ := ctx.Value(ampTransferKey{}).(bool); passed {
		return to, nil
	}
	if _, hooked := k.RecipientHook(ctx, to); hooked {
		return to, errorsmod.Wrapf(types.ErrPlainSendToHookedAddress, "recipient %s", to)
	}
	return to, nil
}

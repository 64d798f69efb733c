package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// AmpHooks answers x/amp for the managers this module created: their
// sender and recipient hooks enforce the managers' rules on every transfer
// into or out of their partitions.
type AmpHooks struct {
	k *Keeper
}

var _ amptypes.HookProvider = AmpHooks{}

// AmpHooks returns the provider to register with x/amp.
func (k *Keeper) AmpHooks() AmpHooks { return AmpHooks{k: k} }

type managerHook struct {
	k       *Keeper
	manager sdk.AccAddress
}

func (h AmpHooks) hookFor(ctx context.Context, addr sdk.AccAddress) (managerHook, bool) {
	has, err := h.k.ManagerByAddress.Has(ctx, addr)
	return managerHook{k: h.k, manager: addr}, err == nil && has
}

func (h AmpHooks) SenderHook(ctx context.Context, addr sdk.AccAddress) (amptypes.TokensSender, bool) {
	return h.hookFor(ctx, addr)
}

func (h AmpHooks) RecipientHook(ctx context.Context, addr sdk.AccAddress) (amptypes.TokensRecipient, bool) {
	return h.hookFor(ctx, addr)
}

// TokensToTransfer guards the manager's collateral. Tokens at the manager's
// address leave only when x/collateral moves them (payouts, withdrawals,
// direct transfers). Holder collateral in the manager's 0xAAAAAAAA range may
// be moved by its holder only down to what the holder has staked.
func (h managerHook) TokensToTransfer(ctx context.Context, t amptypes.Transfer) error {
	if isCollateralMove(ctx) {
		return nil
	}
	if t.From.Equals(h.manager) {
		return errorsmod.Wrapf(types.ErrManagerTransfer, "manager %s", h.manager)
	}
	if t.FromPartition.Prefix() != amptypes.HolderCollateralPrefix {
		return nil
	}
	pool, err := h.k.GetPool(ctx, types.PoolPartitionOf(t.FromPartition))
	if errorsmod.IsOf(err, types.ErrPoolNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	pos, err := h.k.getPosition(ctx, pool, t.From)
	if err != nil || pos.HolderCustody.IsZero() {
		return err
	}
	balance, err := h.k.ampKeeper.BalanceOfByPartition(ctx, t.FromPartition, t.From)
	if err != nil {
		return err
	}
	if balance.Sub(t.Amount).LT(pos.HolderCustody) {
		return errorsmod.Wrapf(types.ErrCollateralInUse, "%s has %s staked from %s", t.From, pos.HolderCustody, t.FromPartition)
	}
	return nil
}

// TokensReceived turns a transfer into one of the manager's pools into a
// stake: the sender gets shares and a numbered supply receipt. Anything
// else sent to the manager is refused.
func (h managerHook) TokensReceived(ctx context.Context, t amptypes.Transfer) error {
	m, err := h.k.GetManager(ctx, h.manager)
	if err != nil {
		return err
	}
	pool, err := h.k.GetPool(ctx, t.ToPartition)
	if err != nil || pool.ManagerId != m.Id {
		return errorsmod.Wrapf(types.ErrPartitionNotPermitted, "manager %s has no pool %s", h.manager, t.ToPartition)
	}
	_, shares, err := h.k.mintShares(ctx, pool, t.From, t.Amount, false)
	if err != nil {
		return err
	}
	return h.k.recordSupply(ctx, m, pool.Partition, t.From, t.Amount, shares)
}

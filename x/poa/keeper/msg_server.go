package keeper

import (
	"context"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/x/poa/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

func (k Keeper) requireAdmin(ctx context.Context, authority string) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if authority != params.Admin {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the admin (%s)", authority, params.Admin)
	}
	return nil
}

// CreateValidator registers a candidate with power 0.
func (m msgServer) CreateValidator(ctx context.Context, msg *types.MsgCreateValidator) (*types.MsgCreateValidatorResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	account, err := sdk.AccAddressFromBech32(msg.Operator)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrInvalidAddress, err.Error())
	}
	operator := sdk.ValAddress(account)
	if has, err := m.Validators.Has(ctx, operator); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrValidatorExists, "%s", operator)
	}
	pk, ok := msg.ConsensusPubkey.GetCachedValue().(cryptotypes.PubKey)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrInvalidPubKey, "expected a public key, got %s", msg.ConsensusPubkey.TypeUrl)
	}
	if err := checkPubKeyType(ctx, pk); err != nil {
		return nil, err
	}
	consAddr := sdk.ConsAddress(pk.Address())
	if tomb, err := m.Tombstoned.Has(ctx, consAddr); err != nil {
		return nil, err
	} else if tomb {
		return nil, errorsmod.Wrapf(types.ErrConsensusKeyTombstone, "%s", consAddr)
	}
	if inUse, err := m.ValidatorsByCons.Has(ctx, consAddr); err != nil {
		return nil, err
	} else if inUse {
		return nil, errorsmod.Wrapf(types.ErrConsensusKeyInUse, "%s", consAddr)
	}
	v, err := types.NewValidator(operator, pk, msg.Moniker, 0)
	if err != nil {
		return nil, err
	}
	if err := m.setValidator(ctx, v); err != nil {
		return nil, err
	}
	return &types.MsgCreateValidatorResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventValidatorCreated{
		OperatorAddress:  v.OperatorAddress,
		ConsensusAddress: consAddr.String(),
		Moniker:          v.Moniker,
	})
}

// checkPubKeyType refuses keys CometBFT's consensus params do not allow.
func checkPubKeyType(ctx context.Context, pk cryptotypes.PubKey) error {
	allowed := []string{"ed25519"}
	if cp := sdk.UnwrapSDKContext(ctx).ConsensusParams(); cp.Validator != nil && len(cp.Validator.PubKeyTypes) > 0 {
		allowed = cp.Validator.PubKeyTypes
	}
	if !slices.Contains(allowed, pk.Type()) {
		return errorsmod.Wrapf(types.ErrInvalidPubKey, "key type %q is not one of %v", pk.Type(), allowed)
	}
	return nil
}

// SetValidatorPower re-weights a validator; power 0 makes it a candidate again.
func (m msgServer) SetValidatorPower(ctx context.Context, msg *types.MsgSetValidatorPower) (*types.MsgSetValidatorPowerResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAdmin(ctx, msg.Authority); err != nil {
		return nil, err
	}
	operator, err := sdk.ValAddressFromBech32(msg.ValidatorAddress)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrInvalidAddress, err.Error())
	}
	v, err := m.GetValidator(ctx, operator)
	if err != nil {
		return nil, err
	}
	oldPower := v.Power
	v.Power = msg.Power
	if err := m.setValidator(ctx, v); err != nil {
		return nil, err
	}
	if err := m.checkPendingChanges(ctx); err != nil {
		return nil, err
	}
	return &types.MsgSetValidatorPowerResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventValidatorPowerChanged{
		OperatorAddress: v.OperatorAddress,
		OldPower:        oldPower,
		NewPower:        v.Power,
	})
}

// RemoveValidator takes a validator or candidate out of the set.
func (m msgServer) RemoveValidator(ctx context.Context, msg *types.MsgRemoveValidator) (*types.MsgRemoveValidatorResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAdmin(ctx, msg.Authority); err != nil {
		return nil, err
	}
	operator, err := sdk.ValAddressFromBech32(msg.ValidatorAddress)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrInvalidAddress, err.Error())
	}
	v, err := m.GetValidator(ctx, operator)
	if err != nil {
		return nil, err
	}
	if err := m.deleteValidator(ctx, v); err != nil {
		return nil, err
	}
	if err := m.checkPendingChanges(ctx); err != nil {
		return nil, err
	}
	return &types.MsgRemoveValidatorResponse{}, m.emitRemoved(ctx, v, types.RemovalReasonAdmin)
}

func (k Keeper) emitRemoved(ctx context.Context, v types.Validator, reason string) error {
	consAddr, err := v.ConsAddress()
	if err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventValidatorRemoved{
		OperatorAddress:  v.OperatorAddress,
		ConsensusAddress: consAddr.String(),
		Reason:           reason,
	})
}

// UpdateParams replaces the params; the current admin may hand over to a new one.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAdmin(ctx, msg.Authority); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{Admin: msg.Params.Admin})
}

// WithdrawFees pays the whole-coin part of an operator's fees and keeps the
// fraction for later.
func (m msgServer) WithdrawFees(ctx context.Context, msg *types.MsgWithdrawFees) (*types.MsgWithdrawFeesResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	account, err := sdk.AccAddressFromBech32(msg.Operator)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrInvalidAddress, err.Error())
	}
	operator := sdk.ValAddress(account)
	record, err := m.OutstandingFees.Get(ctx, operator)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNoFees, "%s has no outstanding fees", operator)
	}
	if err != nil {
		return nil, err
	}
	payout, change := record.Outstanding.TruncateDecimal()
	if payout.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNoFees, "%s has only %s, less than one whole coin", operator, record.Outstanding)
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, account, payout); err != nil {
		return nil, err
	}
	if change.IsZero() {
		err = m.OutstandingFees.Remove(ctx, operator)
	} else {
		record.Outstanding = change
		err = m.OutstandingFees.Set(ctx, operator, record)
	}
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawFeesResponse{Amount: payout}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventFeesWithdrawn{
		OperatorAddress: operator.String(),
		Amount:          payout,
	})
}

package keeper

import (
	"context"
	"slices"

	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

type msgServer struct {
	*Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{Keeper: k} }

func emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

func (m msgServer) TransferByPartition(ctx context.Context, msg *types.MsgTransferByPartition) (*types.MsgTransferByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	from, _ := types.ParsePartition(msg.Partition)
	to, _ := types.ResolveDestination(from, msg.ToPartition, msg.Data)
	dest, err := m.Keeper.TransferByPartition(ctx, types.Transfer{
		FromPartition: from,
		ToPartition:   to,
		Operator:      sdk.MustAccAddressFromBech32(msg.Operator),
		From:          sdk.MustAccAddressFromBech32(msg.From),
		To:            sdk.MustAccAddressFromBech32(msg.To),
		Amount:        msg.Amount,
		Data:          msg.Data,
		OperatorData:  msg.OperatorData,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgTransferByPartitionResponse{ToPartition: dest.String()}, nil
}

// TransferFrom is the ERC-20 transferFrom on the default partition.
func (m msgServer) TransferFrom(ctx context.Context, msg *types.MsgTransferFrom) (*types.MsgTransferFromResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	_, err := m.Keeper.TransferByPartition(ctx, types.Transfer{
		FromPartition: types.DefaultPartition,
		ToPartition:   types.DefaultPartition,
		Operator:      sdk.MustAccAddressFromBech32(msg.Spender),
		From:          sdk.MustAccAddressFromBech32(msg.From),
		To:            sdk.MustAccAddressFromBech32(msg.To),
		Amount:        msg.Amount,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgTransferFromResponse{}, nil
}

func (m msgServer) AuthorizeOperator(ctx context.Context, msg *types.MsgAuthorizeOperator) (*types.MsgAuthorizeOperatorResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	key := collections.Join(sdk.MustAccAddressFromBech32(msg.Holder), sdk.MustAccAddressFromBech32(msg.Operator))
	if err := m.Operators.Set(ctx, key); err != nil {
		return nil, err
	}
	return &types.MsgAuthorizeOperatorResponse{}, emit(ctx, &types.EventAuthorizedOperator{Operator: msg.Operator, Holder: msg.Holder})
}

func (m msgServer) RevokeOperator(ctx context.Context, msg *types.MsgRevokeOperator) (*types.MsgRevokeOperatorResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	key := collections.Join(sdk.MustAccAddressFromBech32(msg.Holder), sdk.MustAccAddressFromBech32(msg.Operator))
	if err := m.Operators.Remove(ctx, key); err != nil {
		return nil, err
	}
	return &types.MsgRevokeOperatorResponse{}, emit(ctx, &types.EventRevokedOperator{Operator: msg.Operator, Holder: msg.Holder})
}

func (m msgServer) AuthorizeOperatorByPartition(ctx context.Context, msg *types.MsgAuthorizeOperatorByPartition) (*types.MsgAuthorizeOperatorByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := types.ParsePartition(msg.Partition)
	key := collections.Join3(sdk.MustAccAddressFromBech32(msg.Holder), partition.Bytes(), sdk.MustAccAddressFromBech32(msg.Operator))
	if err := m.PartitionOperators.Set(ctx, key); err != nil {
		return nil, err
	}
	return &types.MsgAuthorizeOperatorByPartitionResponse{}, emit(ctx, &types.EventAuthorizedOperatorByPartition{
		Partition: partition.String(), Operator: msg.Operator, Holder: msg.Holder,
	})
}

func (m msgServer) RevokeOperatorByPartition(ctx context.Context, msg *types.MsgRevokeOperatorByPartition) (*types.MsgRevokeOperatorByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := types.ParsePartition(msg.Partition)
	key := collections.Join3(sdk.MustAccAddressFromBech32(msg.Holder), partition.Bytes(), sdk.MustAccAddressFromBech32(msg.Operator))
	if err := m.PartitionOperators.Remove(ctx, key); err != nil {
		return nil, err
	}
	return &types.MsgRevokeOperatorByPartitionResponse{}, emit(ctx, &types.EventRevokedOperatorByPartition{
		Partition: partition.String(), Operator: msg.Operator, Holder: msg.Holder,
	})
}

func (m msgServer) Approve(ctx context.Context, msg *types.MsgApprove) (*types.MsgApproveResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.approve(ctx, types.DefaultPartition, msg.Owner, msg.Spender, func(math.Int) (math.Int, error) { return msg.Amount, nil }); err != nil {
		return nil, err
	}
	return &types.MsgApproveResponse{}, nil
}

func (m msgServer) IncreaseAllowance(ctx context.Context, msg *types.MsgIncreaseAllowance) (*types.MsgIncreaseAllowanceResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.approve(ctx, types.DefaultPartition, msg.Owner, msg.Spender, increaseBy(msg.AddedValue)); err != nil {
		return nil, err
	}
	return &types.MsgIncreaseAllowanceResponse{}, nil
}

func (m msgServer) DecreaseAllowance(ctx context.Context, msg *types.MsgDecreaseAllowance) (*types.MsgDecreaseAllowanceResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.approve(ctx, types.DefaultPartition, msg.Owner, msg.Spender, decreaseBy(msg.SubtractedValue)); err != nil {
		return nil, err
	}
	return &types.MsgDecreaseAllowanceResponse{}, nil
}

func (m msgServer) ApproveByPartition(ctx context.Context, msg *types.MsgApproveByPartition) (*types.MsgApproveByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := types.ParsePartition(msg.Partition)
	if err := m.approve(ctx, partition, msg.Owner, msg.Spender, func(math.Int) (math.Int, error) { return msg.Amount, nil }); err != nil {
		return nil, err
	}
	return &types.MsgApproveByPartitionResponse{}, nil
}

func (m msgServer) IncreaseAllowanceByPartition(ctx context.Context, msg *types.MsgIncreaseAllowanceByPartition) (*types.MsgIncreaseAllowanceByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := types.ParsePartition(msg.Partition)
	if err := m.approve(ctx, partition, msg.Owner, msg.Spender, increaseBy(msg.AddedValue)); err != nil {
		return nil, err
	}
	return &types.MsgIncreaseAllowanceByPartitionResponse{}, nil
}

func (m msgServer) DecreaseAllowanceByPartition(ctx context.Context, msg *types.MsgDecreaseAllowanceByPartition) (*types.MsgDecreaseAllowanceByPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := types.ParsePartition(msg.Partition)
	if err := m.approve(ctx, partition, msg.Owner, msg.Spender, decreaseBy(msg.SubtractedValue)); err != nil {
		return nil, err
	}
	return &types.MsgDecreaseAllowanceByPartitionResponse{}, nil
}

func increaseBy(added math.Int) func(math.Int) (math.Int, error) {
	return func(current math.Int) (math.Int, error) { return current.Add(added), nil }
}

func decreaseBy(subtracted math.Int) func(math.Int) (math.Int, error) {
	return func(current math.Int) (math.Int, error) {
		if current.LT(subtracted) {
			return current, errorsmod.Wrapf(types.ErrAllowanceBelowZero, "allowance is %s, cannot subtract %s", current, subtracted)
		}
		return current.Sub(subtracted), nil
	}
}

// approve sets owner's allowance for spender in partition to update(current)
// and emits the contract's Approval / ApprovalByPartition event.
func (m msgServer) approve(ctx context.Context, partition types.Partition, owner, spender string, update func(math.Int) (math.Int, error)) error {
	ownerAddr, spenderAddr := sdk.MustAccAddressFromBech32(owner), sdk.MustAccAddressFromBech32(spender)
	current, err := m.AllowanceByPartition(ctx, partition, ownerAddr, spenderAddr)
	if err != nil {
		return err
	}
	next, err := update(current)
	if err != nil {
		return err
	}
	if err := m.setAllowance(ctx, partition, ownerAddr, spenderAddr, next); err != nil {
		return err
	}
	return emitApproval(ctx, partition, owner, spender, next)
}

// emitApproval emits the contract's Approval (default partition only) and
// ApprovalByPartition events for an allowance that is now amount.
func emitApproval(ctx context.Context, partition types.Partition, owner, spender string, amount math.Int) error {
	if partition.IsDefault() {
		if err := emit(ctx, &types.EventApproval{Owner: owner, Spender: spender, Amount: amount.String()}); err != nil {
			return err
		}
	}
	return emit(ctx, &types.EventApprovalByPartition{Partition: partition.String(), Owner: owner, Spender: spender, Amount: amount.String()})
}

func (m msgServer) RegisterCollateralManager(ctx context.Context, msg *types.MsgRegisterCollateralManager) (*types.MsgRegisterCollateralManagerResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.Keeper.RegisterCollateralManager(ctx, sdk.MustAccAddressFromBech32(msg.Manager)); err != nil {
		return nil, err
	}
	return &types.MsgRegisterCollateralManagerResponse{}, nil
}

// RegisterCollateralManager adds manager to the append-only registry; other
// modules (x/collateral) call it for the managers they create.
func (k *Keeper) RegisterCollateralManager(ctx context.Context, manager sdk.AccAddress) error {
	registered, err := k.CollateralManagers.Has(ctx, manager)
	if err != nil {
		return err
	}
	if registered {
		return errorsmod.Wrapf(types.ErrAlreadyCollateralManager, "%s", manager)
	}
	if err := k.CollateralManagers.Set(ctx, manager); err != nil {
		return err
	}
	return emit(ctx, &types.EventCollateralManagerRegistered{Manager: manager.String()})
}

func (m msgServer) SetPartitionStrategy(ctx context.Context, msg *types.MsgSetPartitionStrategy) (*types.MsgSetPartitionStrategyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the authority (%s)", msg.Authority, m.authority)
	}
	prefix, _ := types.ParsePrefix(msg.Prefix)
	if err := m.Keeper.SetPartitionStrategy(ctx, prefix, msg.Strategy); err != nil {
		return nil, err
	}
	return &types.MsgSetPartitionStrategyResponse{}, nil
}

// SetPartitionStrategy binds prefix to a registered strategy, once.
func (k *Keeper) SetPartitionStrategy(ctx context.Context, prefix types.Prefix, name string) error {
	if prefix.IsZero() {
		return errorsmod.Wrap(types.ErrInvalidPrefix, "the zero prefix cannot have a strategy")
	}
	if _, ok := k.strategies[name]; !ok {
		return errorsmod.Wrapf(types.ErrUnknownStrategy, "%q (known: %v)", name, k.strategyNames())
	}
	bound, err := k.Strategies.Has(ctx, prefix.Bytes())
	if err != nil {
		return err
	}
	if bound {
		return errorsmod.Wrapf(types.ErrStrategyExists, "%s", prefix)
	}
	if err := k.Strategies.Set(ctx, prefix.Bytes(), name); err != nil {
		return err
	}
	return emit(ctx, &types.EventPartitionStrategySet{Prefix: prefix.String(), Strategy: name})
}

func (k *Keeper) strategyNames() []string {
	names := make([]string, 0, len(k.strategies))
	for n := range k.strategies {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

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

type msgServer struct {
	*Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{Keeper: k} }

// CreateManager derives the manager's address from its id and registers it
// with x/amp, whose hooks then route to this module.
func (s msgServer) CreateManager(ctx context.Context, msg *types.MsgCreateManager) (*types.MsgCreateManagerResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	id, err := s.NextManagerID.Next(ctx)
	if err != nil {
		return nil, err
	}
	addr := types.ManagerAddress(id)
	m := types.Manager{Id: id, Address: addr.String(), Owner: msg.Owner, Rules: msg.Rules, WithdrawalLimit: msg.WithdrawalLimit}
	if err := s.Managers.Set(ctx, id, m); err != nil {
		return nil, err
	}
	if err := s.ManagerByAddress.Set(ctx, addr, id); err != nil {
		return nil, err
	}
	if err := s.ampKeeper.RegisterCollateralManager(ctx, addr); err != nil {
		return nil, err
	}
	return &types.MsgCreateManagerResponse{Id: id, Address: m.Address},
		emit(ctx, &types.EventManagerCreated{Id: id, Address: m.Address, Owner: m.Owner})
}

func (s msgServer) UpdateManagerRules(ctx context.Context, msg *types.MsgUpdateManagerRules) (*types.MsgUpdateManagerRulesResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := requireOwner(m, msg.Owner); err != nil {
		return nil, err
	}
	m.Rules = msg.Rules
	if err := s.Managers.Set(ctx, m.Id, m); err != nil {
		return nil, err
	}
	return &types.MsgUpdateManagerRulesResponse{}, emit(ctx, &types.EventManagerRulesUpdated{Manager: m.Address})
}

func (s msgServer) TransferOwnership(ctx context.Context, msg *types.MsgTransferOwnership) (*types.MsgTransferOwnershipResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := requireOwner(m, msg.Owner); err != nil {
		return nil, err
	}
	previous := m.Owner
	m.Owner = msg.NewOwner
	if err := s.Managers.Set(ctx, m.Id, m); err != nil {
		return nil, err
	}
	return &types.MsgTransferOwnershipResponse{},
		emit(ctx, &types.EventOwnershipTransferred{Manager: m.Address, PreviousOwner: previous, NewOwner: m.Owner})
}

func (s msgServer) SetRole(ctx context.Context, msg *types.MsgSetRole) (*types.MsgSetRoleResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := requireOwner(m, msg.Owner); err != nil {
		return nil, err
	}
	if err := s.Roles.Set(ctx, collections.Join3(m.Id, int32(msg.Role), sdk.MustAccAddressFromBech32(msg.Address))); err != nil {
		return nil, err
	}
	return &types.MsgSetRoleResponse{}, emit(ctx, &types.EventRoleSet{Manager: m.Address, Role: msg.Role.String(), Address: msg.Address})
}

func (s msgServer) RemoveRole(ctx context.Context, msg *types.MsgRemoveRole) (*types.MsgRemoveRoleResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := requireOwner(m, msg.Owner); err != nil {
		return nil, err
	}
	key := collections.Join3(m.Id, int32(msg.Role), sdk.MustAccAddressFromBech32(msg.Address))
	if has, err := s.Roles.Has(ctx, key); err != nil {
		return nil, err
	} else if !has {
		return nil, errorsmod.Wrapf(types.ErrInvalidRole, "%s does not hold %s for %s", msg.Address, msg.Role, m.Address)
	}
	if err := s.Roles.Remove(ctx, key); err != nil {
		return nil, err
	}
	return &types.MsgRemoveRoleResponse{}, emit(ctx, &types.EventRoleRemoved{Manager: m.Address, Role: msg.Role.String(), Address: msg.Address})
}

func (s msgServer) AddPartition(ctx context.Context, msg *types.MsgAddPartition) (*types.MsgAddPartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := s.requireRole(ctx, m, types.ROLE_PARTITION_MANAGER, msg.Authority); err != nil {
		return nil, err
	}
	partition, _ := types.PoolPartition(msg.Partition, sdk.MustAccAddressFromBech32(m.Address))
	if has, err := s.Pools.Has(ctx, partition.Bytes()); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrPoolExists, "%s", partition)
	}
	pool := types.Pool{
		Partition: partition.String(), ManagerId: m.Id, ActiveValue: math.ZeroInt(), TotalShares: math.LegacyZeroDec(),
		Locked: math.ZeroInt(), PendingWithdrawals: math.ZeroInt(), RewardPerShare: math.LegacyZeroDec(), HolderCustody: math.ZeroInt(),
	}
	if err := s.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return nil, err
	}
	return &types.MsgAddPartitionResponse{}, emit(ctx, &types.EventPartitionAdded{Manager: m.Address, Partition: pool.Partition})
}

func (s msgServer) RemovePartition(ctx context.Context, msg *types.MsgRemovePartition) (*types.MsgRemovePartitionResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := s.requireRole(ctx, m, types.ROLE_PARTITION_MANAGER, msg.Authority); err != nil {
		return nil, err
	}
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := s.GetPool(ctx, partition)
	if err != nil {
		return nil, err
	}
	if pool.ManagerId != m.Id {
		return nil, errorsmod.Wrapf(types.ErrPoolNotFound, "%s is not a pool of %s", partition, m.Address)
	}
	if !pool.ActiveValue.IsZero() || !pool.Locked.IsZero() || !pool.PendingWithdrawals.IsZero() || !pool.TotalShares.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrPoolNotEmpty, "%s holds %saamp, %saamp locked, %saamp pending withdrawal",
			partition, pool.ActiveValue, pool.Locked, pool.PendingWithdrawals)
	}
	// Positions may still hold unclaimed rewards, claimable only while the pool exists.
	if err := s.Positions.Walk(ctx, collections.NewPrefixedPairRange[[]byte, sdk.AccAddress](partition.Bytes()),
		func(key collections.Pair[[]byte, sdk.AccAddress], _ types.Position) (bool, error) {
			return true, errorsmod.Wrapf(types.ErrPoolNotEmpty, "%s still has a position of %s; it must claim its rewards first", partition, key.K2())
		}); err != nil {
		return nil, err
	}
	if err := s.Pools.Remove(ctx, partition.Bytes()); err != nil {
		return nil, err
	}
	return &types.MsgRemovePartitionResponse{}, emit(ctx, &types.EventPartitionRemoved{Manager: m.Address, Partition: pool.Partition})
}

// Supply stakes through x/amp: into the pool partition at the manager's
// address (the manager's recipient hook mints the shares), or into the
// staker's own holder-collateral partition of the same pool, counted here.
func (s msgServer) Supply(ctx context.Context, msg *types.MsgSupply) (*types.MsgSupplyResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	stake, poolPartition, _ := types.StakePartition(msg.Partition)
	pool, err := s.GetPool(ctx, poolPartition)
	if err != nil {
		return nil, err
	}
	m, err := s.Managers.Get(ctx, pool.ManagerId)
	if err != nil {
		return nil, err
	}
	staker := sdk.MustAccAddressFromBech32(msg.Staker)
	before, err := s.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	to := sdk.MustAccAddressFromBech32(m.Address)
	holderCollateral := stake.Prefix() == amptypes.HolderCollateralPrefix
	if holderCollateral {
		to = staker
	}
	if _, err := s.ampKeeper.TransferByPartition(ctx, amptypes.Transfer{
		FromPartition: amptypes.DefaultPartition, ToPartition: stake,
		Operator: staker, From: staker, To: to, Amount: msg.Amount,
	}); err != nil {
		return nil, err
	}
	if holderCollateral {
		pool, shares, err := s.mintShares(ctx, pool, staker, msg.Amount, true)
		if err != nil {
			return nil, err
		}
		if err := s.recordSupply(ctx, m, pool.Partition, staker, msg.Amount, shares); err != nil {
			return nil, err
		}
	}
	pool, err = s.GetPool(ctx, poolPartition)
	if err != nil {
		return nil, err
	}
	after, err := s.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	m, err = s.Managers.Get(ctx, pool.ManagerId)
	if err != nil {
		return nil, err
	}
	return &types.MsgSupplyResponse{Shares: after.Shares.Sub(before.Shares), Receipt: m.SupplyNonce}, nil
}

// recordSupply numbers the supply receipt.
func (k *Keeper) recordSupply(ctx context.Context, m types.Manager, partition string, staker sdk.AccAddress, amount math.Int, shares math.LegacyDec) error {
	m, err := k.Managers.Get(ctx, m.Id)
	if err != nil {
		return err
	}
	m.SupplyNonce++
	if err := k.Managers.Set(ctx, m.Id, m); err != nil {
		return err
	}
	return emit(ctx, &types.EventSupplied{
		Manager: m.Address, Partition: partition, Staker: staker.String(), Amount: amount.String(), Shares: shares.String(), Receipt: m.SupplyNonce,
	})
}

// RequestWithdrawal takes amount out of the active value at once (so it
// backs no new guarantee) and pays it after the unbonding period; it still
// bears losses of guarantees open now.
func (s msgServer) RequestWithdrawal(ctx context.Context, msg *types.MsgRequestWithdrawal) (*types.MsgRequestWithdrawalResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := s.GetPool(ctx, partition)
	if err != nil {
		return nil, err
	}
	m, err := s.Managers.Get(ctx, pool.ManagerId)
	if err != nil {
		return nil, err
	}
	staker := sdk.MustAccAddressFromBech32(msg.Staker)
	pos, err := s.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	if value := PositionValue(pool, pos); msg.Amount.GT(value) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientPosition, "position in %s is worth %saamp", pool.Partition, value)
	}
	if free := FreeCapacity(pool); msg.Amount.GT(free) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientCapacity, "only %saamp of pool %s is not locked by open guarantees", free, pool.Partition)
	}
	if msg.Amount.GT(m.WithdrawalLimit) {
		return nil, errorsmod.Wrapf(types.ErrWithdrawalLimit, "limit is %saamp", m.WithdrawalLimit)
	}
	shares := pool.TotalShares.MulInt(msg.Amount).QuoInt(pool.ActiveValue)
	if shares.GT(pos.Shares) {
		shares = pos.Shares
	}
	pos.Shares = pos.Shares.Sub(shares)
	pool.TotalShares = pool.TotalShares.Sub(shares)
	pool.ActiveValue = pool.ActiveValue.Sub(msg.Amount)
	pool.PendingWithdrawals = pool.PendingWithdrawals.Add(msg.Amount)
	m.WithdrawalLimit = m.WithdrawalLimit.Sub(msg.Amount)
	if err := s.Managers.Set(ctx, m.Id, m); err != nil {
		return nil, err
	}
	if err := s.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return nil, err
	}
	if err := s.setPosition(ctx, pool, pos); err != nil {
		return nil, err
	}
	id, err := s.NextWithdrawalID.Next(ctx)
	if err != nil {
		return nil, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	w := types.Withdrawal{
		Id: id, Partition: pool.Partition, Staker: msg.Staker, Amount: msg.Amount,
		RequestedAt: sdkCtx.BlockTime(), CompletesAt: sdkCtx.BlockTime().Add(m.Rules.UnbondingPeriod), RequestedHeight: sdkCtx.BlockHeight(),
	}
	// Rules may have shortened the unbonding period since a guarantee
	// opened; the withdrawal still waits for it.
	if pool.LatestDeadline.After(w.CompletesAt) {
		w.CompletesAt = pool.LatestDeadline
	}
	if err := s.Withdrawals.Set(ctx, id, w); err != nil {
		return nil, err
	}
	if err := s.WithdrawalsByPool.Set(ctx, collections.Join(partition.Bytes(), id)); err != nil {
		return nil, err
	}
	if err := s.WithdrawalsByStaker.Set(ctx, collections.Join(staker, id)); err != nil {
		return nil, err
	}
	return &types.MsgRequestWithdrawalResponse{Id: id}, emit(ctx, &types.EventWithdrawalRequested{
		Id: id, Partition: pool.Partition, Staker: msg.Staker, Amount: msg.Amount.String(), Shares: shares.String(),
		CompletesAt: w.CompletesAt.Format(time.RFC3339),
	})
}

// ClaimWithdrawals pays every matured withdrawal of the staker, from its
// own holder collateral first.
func (s msgServer) ClaimWithdrawals(ctx context.Context, msg *types.MsgClaimWithdrawals) (*types.MsgClaimWithdrawalsResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	staker := sdk.MustAccAddressFromBech32(msg.Staker)
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	var matured []types.Withdrawal
	err := s.WithdrawalsByStaker.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](staker),
		func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
			w, err := s.Withdrawals.Get(ctx, key.K2())
			if err != nil {
				return true, err
			}
			if !now.Before(w.CompletesAt) {
				matured = append(matured, w)
			}
			return false, nil
		})
	if err != nil {
		return nil, err
	}
	if len(matured) == 0 {
		return nil, errorsmod.Wrapf(types.ErrNoWithdrawals, "%s has none past its unbonding period", msg.Staker)
	}
	total := math.ZeroInt()
	for _, w := range matured {
		partition, _ := amptypes.ParsePartition(w.Partition)
		pool, err := s.GetPool(ctx, partition)
		if err != nil {
			return nil, err
		}
		if w.Amount.IsPositive() {
			if pool, err = s.releaseCustody(ctx, pool, w.Amount, staker, staker); err != nil {
				return nil, err
			}
		}
		pool.PendingWithdrawals = pool.PendingWithdrawals.Sub(w.Amount)
		if err := s.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
			return nil, err
		}
		if err := s.Withdrawals.Remove(ctx, w.Id); err != nil {
			return nil, err
		}
		if err := s.WithdrawalsByPool.Remove(ctx, collections.Join(partition.Bytes(), w.Id)); err != nil {
			return nil, err
		}
		if err := s.WithdrawalsByStaker.Remove(ctx, collections.Join(staker, w.Id)); err != nil {
			return nil, err
		}
		total = total.Add(w.Amount)
		if err := emit(ctx, &types.EventWithdrawalPaid{Id: w.Id, Partition: w.Partition, Staker: w.Staker, Amount: w.Amount.String()}); err != nil {
			return nil, err
		}
	}
	return &types.MsgClaimWithdrawalsResponse{Amount: total}, nil
}

func (s msgServer) ClaimRewards(ctx context.Context, msg *types.MsgClaimRewards) (*types.MsgClaimRewardsResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := s.GetPool(ctx, partition)
	if err != nil {
		return nil, err
	}
	staker := sdk.MustAccAddressFromBech32(msg.Staker)
	pos, err := s.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	payout := pos.UnclaimedRewards.TruncateInt()
	if !payout.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNoRewards, "%s has %s aamp of rewards in %s", msg.Staker, pos.UnclaimedRewards, pool.Partition)
	}
	coins := sdk.NewCoins(sdk.NewCoin(s.denom(), payout))
	if err := s.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, staker, coins); err != nil {
		return nil, err
	}
	pos.UnclaimedRewards = pos.UnclaimedRewards.Sub(math.LegacyNewDecFromInt(payout))
	if err := s.setPosition(ctx, pool, pos); err != nil {
		return nil, err
	}
	return &types.MsgClaimRewardsResponse{Amount: coins},
		emit(ctx, &types.EventRewardsClaimed{Partition: pool.Partition, Staker: msg.Staker, Amount: payout.String()})
}

func (s msgServer) OpenGuarantee(ctx context.Context, msg *types.MsgOpenGuarantee) (*types.MsgOpenGuaranteeResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	g, err := s.Keeper.OpenGuarantee(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgOpenGuaranteeResponse{Id: g.Id, Lock: g.Lock, Fee: g.Fee}, nil
}

func (s msgServer) AttestSettlement(ctx context.Context, msg *types.MsgAttestSettlement) (*types.MsgAttestSettlementResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	confirmed := msg.Outcome == types.SETTLEMENT_OUTCOME_CONFIRMED
	if err := s.Attest(ctx, sdk.MustAccAddressFromBech32(msg.Attester), msg.GuaranteeId, confirmed); err != nil {
		return nil, err
	}
	return &types.MsgAttestSettlementResponse{}, nil
}

func (s msgServer) LiquidateExpired(ctx context.Context, msg *types.MsgLiquidateExpired) (*types.MsgLiquidateExpiredResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := s.Keeper.LiquidateExpired(ctx, msg.GuaranteeId); err != nil {
		return nil, err
	}
	return &types.MsgLiquidateExpiredResponse{}, nil
}

func (s msgServer) ModifyWithdrawalLimit(ctx context.Context, msg *types.MsgModifyWithdrawalLimit) (*types.MsgModifyWithdrawalLimitResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	m, err := s.getManagerByString(ctx, msg.Manager)
	if err != nil {
		return nil, err
	}
	if err := s.requireRole(ctx, m, types.ROLE_WITHDRAWAL_LIMIT_PUBLISHER, msg.Publisher); err != nil {
		return nil, err
	}
	change, _ := types.ParseSignedAmount(msg.Amount)
	limit, err := m.WithdrawalLimit.SafeAdd(change)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrWithdrawalLimit, "limit %saamp cannot change by %s: %s", m.WithdrawalLimit, change, err)
	}
	if limit.IsNegative() {
		return nil, errorsmod.Wrapf(types.ErrWithdrawalLimit, "limit %saamp cannot drop by %s", m.WithdrawalLimit, change.Neg())
	}
	m.WithdrawalLimit = limit
	if err := s.Managers.Set(ctx, m.Id, m); err != nil {
		return nil, err
	}
	return &types.MsgModifyWithdrawalLimitResponse{},
		emit(ctx, &types.EventWithdrawalLimitModified{Manager: m.Address, Change: change.String(), Limit: limit.String()})
}

// DirectTransfer is the Flexa manager's trusted escape hatch: the direct
// transferer moves free pool AMP to an address, within the withdrawal
// limit; every share bears it.
func (s msgServer) DirectTransfer(ctx context.Context, msg *types.MsgDirectTransfer) (*types.MsgDirectTransferResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := s.GetPool(ctx, partition)
	if err != nil {
		return nil, err
	}
	m, err := s.Managers.Get(ctx, pool.ManagerId)
	if err != nil {
		return nil, err
	}
	if err := s.requireRole(ctx, m, types.ROLE_DIRECT_TRANSFERER, msg.Transferer); err != nil {
		return nil, err
	}
	if msg.Amount.GT(m.WithdrawalLimit) {
		return nil, errorsmod.Wrapf(types.ErrWithdrawalLimit, "limit is %saamp", m.WithdrawalLimit)
	}
	if free := FreeCapacity(pool); msg.Amount.GT(free) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientCapacity, "only %saamp of pool %s is free", free, pool.Partition)
	}
	if pool, err = s.releaseCustody(ctx, pool, msg.Amount, sdk.MustAccAddressFromBech32(msg.To), nil); err != nil {
		return nil, err
	}
	pool.ActiveValue = pool.ActiveValue.Sub(msg.Amount)
	if pool.ActiveValue.IsZero() && pool.TotalShares.IsPositive() {
		return nil, errorsmod.Wrap(types.ErrInsufficientCapacity, "a direct transfer may not empty a pool that has stakers")
	}
	m.WithdrawalLimit = m.WithdrawalLimit.Sub(msg.Amount)
	if err := s.Managers.Set(ctx, m.Id, m); err != nil {
		return nil, err
	}
	if err := s.Pools.Set(ctx, partition.Bytes(), pool); err != nil {
		return nil, err
	}
	return &types.MsgDirectTransferResponse{},
		emit(ctx, &types.EventDirectTransfer{Manager: m.Address, Partition: pool.Partition, To: msg.To, Amount: msg.Amount.String()})
}

func (s msgServer) RequestRelease(ctx context.Context, msg *types.MsgRequestRelease) (*types.MsgRequestReleaseResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	partition, _ := amptypes.ParsePartition(msg.Partition)
	pool, err := s.GetPool(ctx, partition)
	if err != nil {
		return nil, err
	}
	pos, err := s.getPosition(ctx, pool, sdk.MustAccAddressFromBech32(msg.Staker))
	if err != nil {
		return nil, err
	}
	if value := PositionValue(pool, pos); msg.Amount.GT(value) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientPosition, "position in %s is worth %saamp", pool.Partition, value)
	}
	return &types.MsgRequestReleaseResponse{}, emit(ctx, &types.EventReleaseRequested{
		Manager: types.ManagerAddress(pool.ManagerId).String(), Partition: pool.Partition, Staker: msg.Staker, Amount: msg.Amount.String(),
	})
}

func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if msg.Authority != s.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the authority (%s)", msg.Authority, s.authority)
	}
	if err := s.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, emit(ctx, &types.EventParamsUpdated{MaxExpiriesPerBlock: msg.Params.MaxExpiriesPerBlock})
}

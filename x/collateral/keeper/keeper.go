package keeper

import (
	"context"
	"fmt"
	"time"

	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// Keeper runs collateral managers, their pools and the guarantees they back.
type Keeper struct {
	cdc           codec.BinaryCodec
	storeService  storetypes.KVStoreService
	accountKeeper types.AccountKeeper
	bankKeeper    types.BankKeeper
	ampKeeper     types.AmpKeeper
	oracleKeeper  types.OracleKeeper
	authority     string

	Schema           collections.Schema
	Params           collections.Item[types.Params]
	NextManagerID    collections.Sequence
	NextGuaranteeID  collections.Sequence
	NextWithdrawalID collections.Sequence
	Managers         collections.Map[uint64, types.Manager]
	ManagerByAddress collections.Map[sdk.AccAddress, uint64]
	// Roles: (manager id, role, address).
	Roles collections.KeySet[collections.Triple[uint64, int32, sdk.AccAddress]]
	// Pools by pool partition bytes.
	Pools collections.Map[[]byte, types.Pool]
	// Positions: (pool partition, staker).
	Positions  collections.Map[collections.Pair[[]byte, sdk.AccAddress], types.Position]
	Guarantees collections.Map[uint64, types.Guarantee]
	// Attestations: (guarantee id, attester) → confirmed.
	Attestations collections.Map[collections.Pair[uint64, sdk.AccAddress], bool]
	// ExpiryQueue holds open guarantees by deadline.
	ExpiryQueue         collections.KeySet[collections.Pair[time.Time, uint64]]
	Withdrawals         collections.Map[uint64, types.Withdrawal]
	WithdrawalsByPool   collections.KeySet[collections.Pair[[]byte, uint64]]
	WithdrawalsByStaker collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// EpochEnds: (pool partition, epoch) → reward_per_share at its end.
	EpochEnds collections.Map[collections.Pair[[]byte, uint64], types.EpochEnd]
}

// NewKeeper builds the keeper; authority may update the params.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService storetypes.KVStoreService,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	ampKeeper types.AmpKeeper,
	oracleKeeper types.OracleKeeper,
	authority string,
) *Keeper {
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("the %s module account has not been set", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		cdc:              cdc,
		storeService:     storeService,
		accountKeeper:    accountKeeper,
		bankKeeper:       bankKeeper,
		ampKeeper:        ampKeeper,
		oracleKeeper:     oracleKeeper,
		authority:        authority,
		Params:           collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextManagerID:    collections.NewSequence(sb, types.NextManagerIDKey, "next_manager_id"),
		NextGuaranteeID:  collections.NewSequence(sb, types.NextGuaranteeIDKey, "next_guarantee_id"),
		NextWithdrawalID: collections.NewSequence(sb, types.NextWithdrawalIDKey, "next_withdrawal_id"),
		Managers:         collections.NewMap(sb, types.ManagersKey, "managers", collections.Uint64Key, codec.CollValue[types.Manager](cdc)),
		ManagerByAddress: collections.NewMap(sb, types.ManagerByAddressKey, "manager_by_address", sdk.AccAddressKey, collections.Uint64Value),
		Roles: collections.NewKeySet(sb, types.RolesKey, "roles",
			collections.TripleKeyCodec(collections.Uint64Key, collections.Int32Key, sdk.AccAddressKey)),
		Pools: collections.NewMap(sb, types.PoolsKey, "pools", collections.BytesKey, codec.CollValue[types.Pool](cdc)),
		Positions: collections.NewMap(sb, types.PositionsKey, "positions",
			collections.PairKeyCodec(collections.BytesKey, sdk.AccAddressKey), codec.CollValue[types.Position](cdc)),
		Guarantees: collections.NewMap(sb, types.GuaranteesKey, "guarantees", collections.Uint64Key, codec.CollValue[types.Guarantee](cdc)),
		Attestations: collections.NewMap(sb, types.AttestationsKey, "attestations",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), collections.BoolValue),
		ExpiryQueue: collections.NewKeySet(sb, types.ExpiryQueueKey, "expiry_queue",
			collections.PairKeyCodec(sdk.TimeKey, collections.Uint64Key)),
		Withdrawals: collections.NewMap(sb, types.WithdrawalsKey, "withdrawals", collections.Uint64Key, codec.CollValue[types.Withdrawal](cdc)),
		WithdrawalsByPool: collections.NewKeySet(sb, types.WithdrawalsByPoolKey, "withdrawals_by_pool",
			collections.PairKeyCodec(collections.BytesKey, collections.Uint64Key)),
		WithdrawalsByStaker: collections.NewKeySet(sb, types.WithdrawalsByStakerKey, "withdrawals_by_staker",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		EpochEnds: collections.NewMap(sb, types.EpochEndsKey, "epoch_ends",
			collections.PairKeyCodec(collections.BytesKey, collections.Uint64Key), codec.CollValue[types.EpochEnd](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority may update the params.
func (k *Keeper) Authority() string { return k.authority }

func (k *Keeper) denom() string { return k.ampKeeper.Denom() }

// GetManager returns the manager at addr.
func (k *Keeper) GetManager(ctx context.Context, addr sdk.AccAddress) (types.Manager, error) {
	id, err := k.ManagerByAddress.Get(ctx, addr)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Manager{}, errorsmod.Wrapf(types.ErrManagerNotFound, "%s", addr)
	}
	if err != nil {
		return types.Manager{}, err
	}
	return k.Managers.Get(ctx, id)
}

func (k *Keeper) getManagerByString(ctx context.Context, addr string) (types.Manager, error) {
	a, err := sdk.AccAddressFromBech32(addr)
	if err != nil {
		return types.Manager{}, errorsmod.Wrapf(types.ErrManagerNotFound, "%q: %s", addr, err)
	}
	return k.GetManager(ctx, a)
}

// HasRole reports whether addr holds role for manager; the owner holds
// every role.
func (k *Keeper) HasRole(ctx context.Context, m types.Manager, role types.Role, addr sdk.AccAddress) (bool, error) {
	if m.Owner == addr.String() {
		return true, nil
	}
	return k.Roles.Has(ctx, collections.Join3(m.Id, int32(role), addr))
}

func (k *Keeper) requireRole(ctx context.Context, m types.Manager, role types.Role, signer string) error {
	addr, err := sdk.AccAddressFromBech32(signer)
	if err != nil {
		return err
	}
	ok, err := k.HasRole(ctx, m, role, addr)
	if err != nil {
		return err
	}
	if !ok {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is neither the owner of manager %s nor its %s", signer, m.Address, role)
	}
	return nil
}

func requireOwner(m types.Manager, signer string) error {
	if m.Owner != signer {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the owner of manager %s", signer, m.Address)
	}
	return nil
}

// GetPool returns the pool of a pool partition.
func (k *Keeper) GetPool(ctx context.Context, partition amptypes.Partition) (types.Pool, error) {
	p, err := k.Pools.Get(ctx, partition.Bytes())
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Pool{}, errorsmod.Wrapf(types.ErrPoolNotFound, "%s", partition)
	}
	return p, err
}

// GetGuarantee returns a guarantee by id.
func (k *Keeper) GetGuarantee(ctx context.Context, id uint64) (types.Guarantee, error) {
	g, err := k.Guarantees.Get(ctx, id)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Guarantee{}, errorsmod.Wrapf(types.ErrGuaranteeNotFound, "%d", id)
	}
	return g, err
}

func emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}

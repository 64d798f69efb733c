package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

// Keeper holds AMP's partitioned token state. The default partition is the
// bank balance of the denom; every other partition is escrowed in the
// module account and attributed to its holder here.
type Keeper struct {
	cdc           codec.BinaryCodec
	storeService  storetypes.KVStoreService
	accountKeeper types.AccountKeeper
	bankKeeper    types.BankKeeper
	denom         string
	authority     string

	// strategies are the implementations a prefix may be bound to; hooks
	// answer for addresses' sender and recipient hooks. Both are filled at
	// app wiring, before the first block.
	strategies map[string]types.Strategy
	hooks      []types.HookProvider

	Schema collections.Schema
	// Balances: (holder, partition) → amount, non-default partitions only,
	// never zero.
	Balances collections.Map[collections.Pair[sdk.AccAddress, []byte], math.Int]
	// PartitionSupply: partition → total, non-default partitions only, never zero.
	PartitionSupply    collections.Map[[]byte, math.Int]
	Operators          collections.KeySet[collections.Pair[sdk.AccAddress, sdk.AccAddress]]
	PartitionOperators collections.KeySet[collections.Triple[sdk.AccAddress, []byte, sdk.AccAddress]]
	// Allowances: (partition, owner, spender) → amount, never zero.
	Allowances         collections.Map[collections.Triple[[]byte, sdk.AccAddress, sdk.AccAddress], math.Int]
	Strategies         collections.Map[[]byte, string]
	CollateralManagers collections.KeySet[sdk.AccAddress]
}

// NewKeeper builds the keeper with the built-in strategies registered.
// denom is the bank denom of the default partition (aamp); authority may
// bind strategies to prefixes.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService storetypes.KVStoreService,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	denom, authority string,
) *Keeper {
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("the %s module account has not been set", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		cdc:           cdc,
		storeService:  storeService,
		accountKeeper: accountKeeper,
		bankKeeper:    bankKeeper,
		denom:         denom,
		authority:     authority,
		strategies:    make(map[string]types.Strategy),
		Balances: collections.NewMap(sb, types.BalancesKey, "balances",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.BytesKey), sdk.IntValue),
		PartitionSupply: collections.NewMap(sb, types.PartitionSupplyKey, "partition_supply", collections.BytesKey, sdk.IntValue),
		Operators: collections.NewKeySet(sb, types.OperatorsKey, "operators",
			collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey)),
		PartitionOperators: collections.NewKeySet(sb, types.PartitionOperatorsKey, "partition_operators",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.BytesKey, sdk.AccAddressKey)),
		Allowances: collections.NewMap(sb, types.AllowancesKey, "allowances",
			collections.TripleKeyCodec(collections.BytesKey, sdk.AccAddressKey, sdk.AccAddressKey), sdk.IntValue),
		Strategies:         collections.NewMap(sb, types.StrategiesKey, "strategies", collections.BytesKey, collections.StringValue),
		CollateralManagers: collections.NewKeySet(sb, types.CollateralManagersKey, "collateral_managers", sdk.AccAddressKey),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	for _, s := range types.BuiltinStrategies() {
		k.RegisterStrategy(s)
	}
	return k
}

// RegisterStrategy makes an implementation available to set-partition-strategy.
func (k *Keeper) RegisterStrategy(s types.Strategy) {
	if _, dup := k.strategies[s.Name()]; dup {
		panic(fmt.Sprintf("partition strategy %q registered twice", s.Name()))
	}
	k.strategies[s.Name()] = s
}

// AddHookProvider registers a module that answers for addresses' hooks.
func (k *Keeper) AddHookProvider(p types.HookProvider) { k.hooks = append(k.hooks, p) }

// Authority may bind strategies to prefixes.
func (k *Keeper) Authority() string { return k.authority }

// Denom is the bank denom of the default partition.
func (k *Keeper) Denom() string { return k.denom }

// SenderHook returns addr's sender hook, if a provider has one.
func (k *Keeper) SenderHook(ctx context.Context, addr sdk.AccAddress) (types.TokensSender, bool) {
	for _, p := range k.hooks {
		if h, ok := p.SenderHook(ctx, addr); ok {
			return h, true
		}
	}
	return nil, false
}

// RecipientHook returns addr's recipient hook, if a provider has one.
func (k *Keeper) RecipientHook(ctx context.Context, addr sdk.AccAddress) (types.TokensRecipient, bool) {
	for _, p := range k.hooks {
		if h, ok := p.RecipientHook(ctx, addr); ok {
			return h, true
		}
	}
	return nil, false
}

// StrategyFor returns the strategy bound to prefix, if any.
func (k *Keeper) StrategyFor(ctx context.Context, prefix types.Prefix) (types.Strategy, bool, error) {
	name, err := k.Strategies.Get(ctx, prefix.Bytes())
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	s, ok := k.strategies[name]
	if !ok {
		return nil, false, errorsmod.Wrapf(types.ErrUnknownStrategy, "prefix %s is bound to %q, which this binary does not have", prefix, name)
	}
	return s, true, nil
}

// IsCollateralManager reports whether addr registered itself.
func (k *Keeper) IsCollateralManager(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	return k.CollateralManagers.Has(ctx, addr)
}

// IsOperator is the contract's _isOperator: the holder itself or a global operator.
func (k *Keeper) IsOperator(ctx context.Context, operator, holder sdk.AccAddress) (bool, error) {
	if operator.Equals(holder) {
		return true, nil
	}
	return k.Operators.Has(ctx, collections.Join(holder, operator))
}

// IsOperatorForPartition is the contract's _isOperatorForPartition: global
// operator, per-partition operator, or the partition strategy's scope.
func (k *Keeper) IsOperatorForPartition(ctx context.Context, partition types.Partition, operator, holder sdk.AccAddress) (bool, error) {
	if ok, err := k.IsOperator(ctx, operator, holder); err != nil || ok {
		return ok, err
	}
	if ok, err := k.PartitionOperators.Has(ctx, collections.Join3(holder, partition.Bytes(), operator)); err != nil || ok {
		return ok, err
	}
	strategy, found, err := k.StrategyFor(ctx, partition.Prefix())
	if err != nil || !found {
		return false, err
	}
	return strategy.IsOperatorForPartitionScope(ctx, k, partition, operator, holder)
}

// IsOperatorForCollateralManager is the contract's function of that name:
// manager is registered and operator acts for it, globally or in partition.
func (k *Keeper) IsOperatorForCollateralManager(ctx context.Context, partition types.Partition, operator, manager sdk.AccAddress) (bool, error) {
	if ok, err := k.IsCollateralManager(ctx, manager); err != nil || !ok {
		return false, err
	}
	if ok, err := k.IsOperator(ctx, operator, manager); err != nil || ok {
		return ok, err
	}
	return k.PartitionOperators.Has(ctx, collections.Join3(manager, partition.Bytes(), operator))
}

// BalanceOfByPartition is holder's balance in partition.
func (k *Keeper) BalanceOfByPartition(ctx context.Context, partition types.Partition, holder sdk.AccAddress) (math.Int, error) {
	if partition.IsDefault() {
		return k.bankKeeper.GetBalance(ctx, holder, k.denom).Amount, nil
	}
	return getInt(ctx, k.Balances, collections.Join(holder, partition.Bytes()))
}

// BalanceOf is holder's total over every partition.
func (k *Keeper) BalanceOf(ctx context.Context, holder sdk.AccAddress) (math.Int, error) {
	total := k.bankKeeper.GetBalance(ctx, holder, k.denom).Amount
	err := k.Balances.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, []byte](holder),
		func(_ collections.Pair[sdk.AccAddress, []byte], amount math.Int) (bool, error) {
			total = total.Add(amount)
			return false, nil
		})
	return total, err
}

// TotalSupplyByPartition is the supply held in partition.
func (k *Keeper) TotalSupplyByPartition(ctx context.Context, partition types.Partition) (math.Int, error) {
	if partition.IsDefault() {
		supply := k.bankKeeper.GetSupply(ctx, k.denom).Amount
		escrow := k.bankKeeper.GetBalance(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName), k.denom).Amount
		return supply.Sub(escrow), nil
	}
	return getInt(ctx, k.PartitionSupply, partition.Bytes())
}

// AllowanceByPartition is what spender may move of owner's partition.
func (k *Keeper) AllowanceByPartition(ctx context.Context, partition types.Partition, owner, spender sdk.AccAddress) (math.Int, error) {
	return getInt(ctx, k.Allowances, collections.Join3(partition.Bytes(), owner, spender))
}

func getInt[K any](ctx context.Context, m collections.Map[K, math.Int], key K) (math.Int, error) {
	v, err := m.Get(ctx, key)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

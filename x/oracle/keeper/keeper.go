// Package keeper holds x/oracle's state: the registered pairs, their stored
// prices and the params, and the price API other modules use.
package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// Keeper owns the oracle's state.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService storetypes.KVStoreService
	// authority adds, updates and removes pairs and sets the params: the gov
	// module account.
	authority string

	Schema collections.Schema
	Params collections.Item[types.Params]
	Pairs  collections.Map[string, types.Pair]
	Prices collections.Map[string, types.Price]
}

// NewKeeper builds the keeper; authority is the account allowed to manage
// pairs and params (the gov module account).
func NewKeeper(cdc codec.BinaryCodec, storeService storetypes.KVStoreService, authority string) Keeper {
	if _, err := sdk.AccAddressFromBech32(authority); err != nil {
		panic(fmt.Sprintf("x/oracle authority %q: %s", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		authority:    authority,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Pairs:        collections.NewMap(sb, types.PairsKey, "pairs", collections.StringKey, codec.CollValue[types.Pair](cdc)),
		Prices:       collections.NewMap(sb, types.PricesKey, "prices", collections.StringKey, codec.CollValue[types.Price](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority is the account that manages pairs and params.
func (k Keeper) Authority() string { return k.authority }

// Logger returns the module's logger.
func (k Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// GetParams returns the params.
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// GetPair returns a registered pair, or ErrPairNotFound.
func (k Keeper) GetPair(ctx context.Context, name string) (types.Pair, error) {
	p, err := k.Pairs.Get(ctx, name)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Pair{}, errorsmod.Wrapf(types.ErrPairNotFound, "%q", name)
	}
	return p, err
}

// GetPairs returns every registered pair by name.
func (k Keeper) GetPairs(ctx context.Context) (map[string]types.Pair, error) {
	pairs := make(map[string]types.Pair)
	err := k.Pairs.Walk(ctx, nil, func(name string, p types.Pair) (bool, error) {
		pairs[name] = p
		return false, nil
	})
	return pairs, err
}

// GetPrice is the price API for other modules (x/collateral): the price of
// pair and the time it was stored, at the context's block time. It returns
// ErrPairNotFound for a pair that is not registered, ErrPriceNotFound when
// the pair has no price yet, and ErrPriceStale when the price is older than
// the pair's max_age; a caller must not use a price with an error.
func (k Keeper) GetPrice(ctx context.Context, pair string) (math.LegacyDec, time.Time, error) {
	p, err := k.GetPair(ctx, pair)
	if err != nil {
		return math.LegacyDec{}, time.Time{}, err
	}
	stored, err := k.Prices.Get(ctx, pair)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return math.LegacyDec{}, time.Time{}, errorsmod.Wrapf(types.ErrPriceNotFound, "%s", pair)
	}
	if err != nil {
		return math.LegacyDec{}, time.Time{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if p.IsStale(stored, now) {
		return math.LegacyDec{}, time.Time{}, errorsmod.Wrapf(types.ErrPriceStale,
			"%s was last updated at %s (height %d), %s before block time %s; max age %s",
			pair, stored.UpdatedAt.Format(time.RFC3339Nano), stored.UpdatedHeight, now.Sub(stored.UpdatedAt), now.Format(time.RFC3339Nano), p.MaxAge)
	}
	return stored.Price, stored.UpdatedAt, nil
}

// Update is a price proposed for a pair by one of the sources.
type Update struct {
	Price  math.LegacyDec
	Source types.PriceSource
	// ReportingPower and TotalPower describe a vote-extension median.
	ReportingPower int64
	TotalPower     int64
}

// ApplyPrice stores u as pair's price at the block's time and height, unless
// it moves more than the pair's max_move from the stored price: then the
// stored price is kept, EventPriceRefused is emitted and ErrMoveTooLarge is
// returned. A pair's first price is not limited.
func (k Keeper) ApplyPrice(ctx context.Context, pair types.Pair, u Update) error {
	if err := types.ValidatePrice(u.Price); err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	previous := ""
	stored, err := k.Prices.Get(ctx, pair.Name)
	switch {
	case err == nil:
		previous = stored.Price.String()
		if pair.ExceedsMove(stored.Price, u.Price) {
			if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventPriceRefused{
				Pair:        pair.Name,
				Price:       u.Price.String(),
				StoredPrice: stored.Price.String(),
				MaxMove:     pair.MaxMove.String(),
				Source:      u.Source,
				Height:      sdkCtx.BlockHeight(),
			}); err != nil {
				return err
			}
			return errorsmod.Wrapf(types.ErrMoveTooLarge, "%s: %s -> %s moves more than %s of the stored price",
				pair.Name, stored.Price, u.Price, pair.MaxMove)
		}
	case errorsmod.IsOf(err, collections.ErrNotFound):
	default:
		return err
	}
	if err := k.Prices.Set(ctx, pair.Name, types.Price{
		Pair:          pair.Name,
		Price:         u.Price,
		UpdatedAt:     sdkCtx.BlockTime(),
		UpdatedHeight: sdkCtx.BlockHeight(),
		Source:        u.Source,
	}); err != nil {
		return err
	}
	return sdkCtx.EventManager().EmitTypedEvent(&types.EventPriceUpdated{
		Pair:           pair.Name,
		Price:          u.Price.String(),
		PreviousPrice:  previous,
		Source:         u.Source,
		Height:         sdkCtx.BlockHeight(),
		ReportingPower: u.ReportingPower,
		TotalPower:     u.TotalPower,
	})
}

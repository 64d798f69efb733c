package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/oracle/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

func (k Keeper) requireAuthority(authority string) error {
	if authority != k.authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "%s is not the authority (%s)", authority, k.authority)
	}
	return nil
}

// SetPair adds a pair or updates its limits and publisher; its stored price,
// if any, is kept.
func (m msgServer) SetPair(ctx context.Context, msg *types.MsgSetPair) (*types.MsgSetPairResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAuthority(msg.Authority); err != nil {
		return nil, err
	}
	pair := msg.ToPair()
	exists, err := m.Pairs.Has(ctx, pair.Name)
	if err != nil {
		return nil, err
	}
	if err := m.Pairs.Set(ctx, pair.Name, pair); err != nil {
		return nil, err
	}
	return &types.MsgSetPairResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPairSet{
		Pair:      pair.Name,
		MaxAge:    pair.MaxAge,
		MaxMove:   pair.MaxMove.String(),
		MinPower:  pair.MinPower.String(),
		Publisher: pair.Publisher,
		Created:   !exists,
	})
}

// RemovePair removes a pair and its stored price. Re-adding the pair later
// starts without a price, so its next update is not move-limited: this is
// also how the authority re-anchors a pair whose market moved more than its
// max_move while updates were refused.
func (m msgServer) RemovePair(ctx context.Context, msg *types.MsgRemovePair) (*types.MsgRemovePairResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if _, err := m.GetPair(ctx, msg.Pair); err != nil {
		return nil, err
	}
	if err := m.Pairs.Remove(ctx, msg.Pair); err != nil {
		return nil, err
	}
	if err := m.Prices.Remove(ctx, msg.Pair); err != nil {
		return nil, err
	}
	return &types.MsgRemovePairResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPairRemoved{Pair: msg.Pair})
}

// SetPrice lets a pair's publisher set its price while the publisher
// fallback is on, within the pair's max_move.
func (m msgServer) SetPrice(ctx context.Context, msg *types.MsgSetPrice) (*types.MsgSetPriceResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !params.PublisherFallback {
		return nil, errorsmod.Wrap(types.ErrFallbackDisabled, "set params.publisher_fallback to true to let publishers set prices")
	}
	pair, err := m.GetPair(ctx, msg.Pair)
	if err != nil {
		return nil, err
	}
	if pair.Publisher == "" {
		return nil, errorsmod.Wrapf(types.ErrNotPublisher, "pair %s has no publisher", pair.Name)
	}
	if msg.Publisher != pair.Publisher {
		return nil, errorsmod.Wrapf(types.ErrNotPublisher, "%s is not the publisher of %s (%s)", msg.Publisher, pair.Name, pair.Publisher)
	}
	if err := m.ApplyPrice(ctx, pair, Update{Price: msg.Price, Source: types.PRICE_SOURCE_PUBLISHER}); err != nil {
		return nil, err
	}
	return &types.MsgSetPriceResponse{}, nil
}

// UpdateParams replaces the params.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	if err := m.requireAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{
		PublisherFallback: msg.Params.PublisherFallback,
	})
}

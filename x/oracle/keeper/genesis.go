package keeper

import (
	"context"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// InitGenesis loads the state; pairs without min_power get the default.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pairs {
		if err := k.Pairs.Set(ctx, p.Name, p.WithDefaults()); err != nil {
			return err
		}
	}
	for _, pr := range gs.Prices {
		if err := k.Prices.Set(ctx, pr.Pair, pr); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes the state out.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, Pairs: []types.Pair{}, Prices: []types.Price{}}
	if err := k.Pairs.Walk(ctx, nil, func(_ string, p types.Pair) (bool, error) {
		gs.Pairs = append(gs.Pairs, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Prices.Walk(ctx, nil, func(_ string, p types.Price) (bool, error) {
		gs.Prices = append(gs.Prices, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}

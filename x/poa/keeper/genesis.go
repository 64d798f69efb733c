package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// InitGenesis loads the state and returns the genesis validator set: every
// validator with power > 0, without gentxs.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) ([]abci.ValidatorUpdate, error) {
	if err := gs.Validate(); err != nil {
		return nil, err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return nil, err
	}
	for _, c := range gs.Tombstoned {
		consAddr, err := sdk.ConsAddressFromBech32(c)
		if err != nil {
			return nil, err
		}
		if err := k.Tombstoned.Set(ctx, consAddr); err != nil {
			return nil, err
		}
	}
	for _, v := range gs.Validators {
		if err := k.setValidator(ctx, v); err != nil {
			return nil, err
		}
	}
	for _, f := range gs.Fees {
		operator, err := sdk.ValAddressFromBech32(f.OperatorAddress)
		if err != nil {
			return nil, err
		}
		if err := k.OutstandingFees.Set(ctx, operator, f); err != nil {
			return nil, err
		}
	}
	updates, err := k.ApplyPendingUpdates(ctx)
	if err != nil {
		return nil, err
	}
	if len(updates) == 0 {
		return nil, types.ErrInvalidGenesis.Wrap("no validator has power > 0; add one with `ampd genesis add-poa-validator`")
	}
	return updates, nil
}

// ExportGenesis writes the state out.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if err := k.Validators.Walk(ctx, nil, func(_ sdk.ValAddress, v types.Validator) (bool, error) {
		gs.Validators = append(gs.Validators, v)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.OutstandingFees.Walk(ctx, nil, func(_ sdk.ValAddress, f types.ValidatorFees) (bool, error) {
		gs.Fees = append(gs.Fees, f)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Tombstoned.Walk(ctx, nil, func(c sdk.ConsAddress) (bool, error) {
		gs.Tombstoned = append(gs.Tombstoned, c.String())
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}

package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis has the default params and no pairs.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state without a store: valid params, unique
// valid pairs (after defaults), and at most one valid price per registered
// pair.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	pairs := make(map[string]bool, len(gs.Pairs))
	for _, p := range gs.Pairs {
		if err := p.WithDefaults().Validate(); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if pairs[p.Name] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate pair %s", p.Name)
		}
		pairs[p.Name] = true
	}
	prices := make(map[string]bool, len(gs.Prices))
	for _, pr := range gs.Prices {
		if !pairs[pr.Pair] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price for unregistered pair %q", pr.Pair)
		}
		if prices[pr.Pair] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate price for %s", pr.Pair)
		}
		prices[pr.Pair] = true
		if err := ValidatePrice(pr.Price); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price of %s: %s", pr.Pair, err)
		}
		if pr.UpdatedHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price of %s: negative updated_height %d", pr.Pair, pr.UpdatedHeight)
		}
		if pr.Source != PRICE_SOURCE_VOTE_EXTENSIONS && pr.Source != PRICE_SOURCE_PUBLISHER {
			return errorsmod.Wrapf(ErrInvalidGenesis, "price of %s: unknown source %s", pr.Pair, pr.Source)
		}
	}
	return nil
}

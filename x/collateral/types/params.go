package types

import errorsmod "cosmossdk.io/errors"

// DefaultParams bounds expiry work per block.
func DefaultParams() Params { return Params{MaxExpiriesPerBlock: DefaultMaxExpiriesPerBlock} }

// Validate checks the params.
func (p Params) Validate() error {
	if p.MaxExpiriesPerBlock == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_expiries_per_block must be positive")
	}
	return nil
}

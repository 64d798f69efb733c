package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// NewParams returns params with the given admin.
func NewParams(admin string) Params { return Params{Admin: admin} }

// Validate checks that the admin is a well-formed account address.
func (p Params) Validate() error {
	if _, err := sdk.AccAddressFromBech32(p.Admin); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "admin %q: %s", p.Admin, err)
	}
	return nil
}

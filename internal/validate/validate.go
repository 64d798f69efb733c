// Package validate holds the stateless checks every module's messages share.
package validate

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Address checks that addr is a bech32 account address, naming the field
// in the error.
func Address(field, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q: %s", field, addr, err)
	}
	return nil
}

// Addresses checks two named account addresses.
func Addresses(field1, addr1, field2, addr2 string) error {
	if err := Address(field1, addr1); err != nil {
		return err
	}
	return Address(field2, addr2)
}

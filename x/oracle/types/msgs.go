package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

var (
	_ sdk.HasValidateBasic = (*MsgSetPair)(nil)
	_ sdk.HasValidateBasic = (*MsgRemovePair)(nil)
	_ sdk.HasValidateBasic = (*MsgSetPrice)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
)

// ToPair is the pair the message describes, with defaults filled in.
func (m *MsgSetPair) ToPair() Pair {
	return Pair{Name: m.Pair, MaxAge: m.MaxAge, MaxMove: m.MaxMove, MinPower: m.MinPower, Publisher: m.Publisher}.WithDefaults()
}

// ValidateBasic checks the message without state.
func (m *MsgSetPair) ValidateBasic() error {
	if err := validateAccAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.ToPair().Validate()
}

// ValidateBasic checks the message without state.
func (m *MsgRemovePair) ValidateBasic() error {
	if err := validateAccAddress("authority", m.Authority); err != nil {
		return err
	}
	return ValidatePairName(m.Pair)
}

// ValidateBasic checks the message without state.
func (m *MsgSetPrice) ValidateBasic() error {
	if err := validateAccAddress("publisher", m.Publisher); err != nil {
		return err
	}
	if err := ValidatePairName(m.Pair); err != nil {
		return err
	}
	return ValidatePrice(m.Price)
}

// ValidateBasic checks the message without state.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validateAccAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

func validateAccAddress(field, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q: %s", field, addr, err)
	}
	return nil
}

package types

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/internal/validate"
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
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return m.ToPair().Validate()
}

// ValidateBasic checks the message without state.
func (m *MsgRemovePair) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return ValidatePairName(m.Pair)
}

// ValidateBasic checks the message without state.
func (m *MsgSetPrice) ValidateBasic() error {
	if err := validate.Address("publisher", m.Publisher); err != nil {
		return err
	}
	if err := ValidatePairName(m.Pair); err != nil {
		return err
	}
	return ValidatePrice(m.Price)
}

// ValidateBasic checks the message without state.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

package types

import (
	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/internal/validate"
)

var (
	_ sdk.HasValidateBasic               = (*MsgCreateValidator)(nil)
	_ sdk.HasValidateBasic               = (*MsgSetValidatorPower)(nil)
	_ sdk.HasValidateBasic               = (*MsgRemoveValidator)(nil)
	_ sdk.HasValidateBasic               = (*MsgUpdateParams)(nil)
	_ sdk.HasValidateBasic               = (*MsgWithdrawFees)(nil)
	_ codectypes.UnpackInterfacesMessage = (*MsgCreateValidator)(nil)
)

// NewMsgCreateValidator builds a candidate registration.
func NewMsgCreateValidator(operator sdk.AccAddress, pubKey cryptotypes.PubKey, moniker string) (*MsgCreateValidator, error) {
	pkAny, err := codectypes.NewAnyWithValue(pubKey)
	if err != nil {
		return nil, err
	}
	return &MsgCreateValidator{Operator: operator.String(), ConsensusPubkey: pkAny, Moniker: moniker}, nil
}

// ValidateBasic checks the message without state.
func (m *MsgCreateValidator) ValidateBasic() error {
	if err := validate.Address("operator", m.Operator); err != nil {
		return err
	}
	if err := ValidateMoniker(m.Moniker); err != nil {
		return err
	}
	_, err := ConsensusPubKeyFromAny(m.ConsensusPubkey)
	return err
}

// UnpackInterfaces resolves the consensus key's Any.
func (m *MsgCreateValidator) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	var pk cryptotypes.PubKey
	return unpacker.UnpackAny(m.ConsensusPubkey, &pk)
}

// ValidateBasic checks the message without state.
func (m *MsgSetValidatorPower) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	if err := validateValAddress(m.ValidatorAddress); err != nil {
		return err
	}
	return ValidatePower(m.Power)
}

// ValidateBasic checks the message without state.
func (m *MsgRemoveValidator) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return validateValAddress(m.ValidatorAddress)
}

// ValidateBasic checks the message without state.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

// ValidateBasic checks the message without state.
func (m *MsgWithdrawFees) ValidateBasic() error {
	return validate.Address("operator", m.Operator)
}

// ValidateMoniker requires a non-empty moniker of bounded length.
func ValidateMoniker(moniker string) error {
	if moniker == "" || len(moniker) > MaxMonikerLength {
		return errorsmod.Wrapf(ErrInvalidMoniker, "moniker must have 1 to %d bytes, got %d", MaxMonikerLength, len(moniker))
	}
	return nil
}

// ValidatePower bounds a validator's voting power.
func ValidatePower(power int64) error {
	if power < 0 || power > MaxValidatorPower {
		return errorsmod.Wrapf(ErrInvalidPower, "power must be between 0 and %d, got %d", MaxValidatorPower, power)
	}
	return nil
}

func validateValAddress(addr string) error {
	if _, err := sdk.ValAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "validator_address %q: %s", addr, err)
	}
	return nil
}

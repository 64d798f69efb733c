package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/internal/validate"
)

var (
	_ sdk.HasValidateBasic = (*MsgTransferByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgTransferFrom)(nil)
	_ sdk.HasValidateBasic = (*MsgAuthorizeOperator)(nil)
	_ sdk.HasValidateBasic = (*MsgRevokeOperator)(nil)
	_ sdk.HasValidateBasic = (*MsgAuthorizeOperatorByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgRevokeOperatorByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgApprove)(nil)
	_ sdk.HasValidateBasic = (*MsgIncreaseAllowance)(nil)
	_ sdk.HasValidateBasic = (*MsgDecreaseAllowance)(nil)
	_ sdk.HasValidateBasic = (*MsgApproveByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgIncreaseAllowanceByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgDecreaseAllowanceByPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgRegisterCollateralManager)(nil)
	_ sdk.HasValidateBasic = (*MsgSetPartitionStrategy)(nil)
)

// ValidateBasic checks the message without state.
func (m *MsgTransferByPartition) ValidateBasic() error {
	if err := validate.Addresses("operator", m.Operator, "from", m.From); err != nil {
		return err
	}
	if err := validateReceiver(m.To); err != nil {
		return err
	}
	from, err := ParsePartition(m.Partition)
	if err != nil {
		return err
	}
	if err := validatePositive("amount", m.Amount); err != nil {
		return err
	}
	if err := validateData("data", m.Data); err != nil {
		return err
	}
	if err := validateData("operator_data", m.OperatorData); err != nil {
		return err
	}
	_, err = ResolveDestination(from, m.ToPartition, m.Data)
	return err
}

// ValidateBasic checks the message without state.
func (m *MsgTransferFrom) ValidateBasic() error {
	if err := validate.Addresses("spender", m.Spender, "from", m.From); err != nil {
		return err
	}
	if err := validateReceiver(m.To); err != nil {
		return err
	}
	return validatePositive("amount", m.Amount)
}

// ValidateBasic checks the message without state.
func (m *MsgAuthorizeOperator) ValidateBasic() error {
	return validateOperatorPair(m.Holder, m.Operator)
}

// ValidateBasic checks the message without state.
func (m *MsgRevokeOperator) ValidateBasic() error {
	return validateOperatorPair(m.Holder, m.Operator)
}

// ValidateBasic checks the message without state.
func (m *MsgAuthorizeOperatorByPartition) ValidateBasic() error {
	if err := validate.Addresses("holder", m.Holder, "operator", m.Operator); err != nil {
		return err
	}
	_, err := ParsePartition(m.Partition)
	return err
}

// ValidateBasic checks the message without state.
func (m *MsgRevokeOperatorByPartition) ValidateBasic() error {
	if err := validate.Addresses("holder", m.Holder, "operator", m.Operator); err != nil {
		return err
	}
	_, err := ParsePartition(m.Partition)
	return err
}

// ValidateBasic checks the message without state.
func (m *MsgApprove) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	return validateNonNegative("amount", m.Amount)
}

// ValidateBasic checks the message without state.
func (m *MsgIncreaseAllowance) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	return validatePositive("added_value", m.AddedValue)
}

// ValidateBasic checks the message without state.
func (m *MsgDecreaseAllowance) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	return validatePositive("subtracted_value", m.SubtractedValue)
}

// ValidateBasic checks the message without state.
func (m *MsgApproveByPartition) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	if _, err := ParsePartition(m.Partition); err != nil {
		return err
	}
	return validateNonNegative("amount", m.Amount)
}

// ValidateBasic checks the message without state.
func (m *MsgIncreaseAllowanceByPartition) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	if _, err := ParsePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("added_value", m.AddedValue)
}

// ValidateBasic checks the message without state.
func (m *MsgDecreaseAllowanceByPartition) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "spender", m.Spender); err != nil {
		return err
	}
	if _, err := ParsePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("subtracted_value", m.SubtractedValue)
}

// ValidateBasic checks the message without state.
func (m *MsgRegisterCollateralManager) ValidateBasic() error {
	return validate.Address("manager", m.Manager)
}

// ValidateBasic checks the message without state.
func (m *MsgSetPartitionStrategy) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return ValidateStrategyBinding(m.Prefix, m.Strategy)
}

// ValidateStrategyBinding checks a prefix → strategy pair without state.
func ValidateStrategyBinding(prefix, strategy string) error {
	p, err := ParsePrefix(prefix)
	if err != nil {
		return err
	}
	if p.IsZero() {
		return errorsmod.Wrap(ErrInvalidPrefix, "the zero prefix is the default partition's and cannot have a strategy")
	}
	if strategy == "" || len(strategy) > MaxStrategyNameLength {
		return errorsmod.Wrapf(ErrUnknownStrategy, "strategy name must have 1 to %d bytes", MaxStrategyNameLength)
	}
	return nil
}

// validateReceiver refuses a malformed or all-zero recipient, the
// contract's address(0).
func validateReceiver(to string) error {
	addr, err := sdk.AccAddressFromBech32(to)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidReceiver, "to %q: %s", to, err)
	}
	for _, b := range addr {
		if b != 0 {
			return nil
		}
	}
	return errorsmod.Wrap(ErrInvalidReceiver, "to is the zero address")
}

func validateOperatorPair(holder, operator string) error {
	if err := validate.Addresses("holder", holder, "operator", operator); err != nil {
		return err
	}
	if holder == operator {
		return errorsmod.Wrapf(ErrSelfOperator, "%s", holder)
	}
	return nil
}

func validatePositive(field string, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s must be positive", field)
	}
	return nil
}

func validateNonNegative(field string, amount math.Int) error {
	if amount.IsNil() || amount.IsNegative() {
		return errorsmod.Wrapf(ErrInvalidAmount, "%s must not be negative", field)
	}
	return nil
}

func validateData(field string, data []byte) error {
	if len(data) > MaxDataLength {
		return errorsmod.Wrapf(ErrDataTooLong, "%s has %d bytes, at most %d", field, len(data), MaxDataLength)
	}
	return nil
}

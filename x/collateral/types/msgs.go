package types

import (
	"math/big"
	"regexp"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"

	"github.com/ampchain/ampchain/internal/validate"
)

var (
	_ sdk.HasValidateBasic = (*MsgCreateManager)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateManagerRules)(nil)
	_ sdk.HasValidateBasic = (*MsgTransferOwnership)(nil)
	_ sdk.HasValidateBasic = (*MsgSetRole)(nil)
	_ sdk.HasValidateBasic = (*MsgRemoveRole)(nil)
	_ sdk.HasValidateBasic = (*MsgAddPartition)(nil)
	_ sdk.HasValidateBasic = (*MsgRemovePartition)(nil)
	_ sdk.HasValidateBasic = (*MsgSupply)(nil)
	_ sdk.HasValidateBasic = (*MsgRequestWithdrawal)(nil)
	_ sdk.HasValidateBasic = (*MsgClaimWithdrawals)(nil)
	_ sdk.HasValidateBasic = (*MsgClaimRewards)(nil)
	_ sdk.HasValidateBasic = (*MsgOpenGuarantee)(nil)
	_ sdk.HasValidateBasic = (*MsgAttestSettlement)(nil)
	_ sdk.HasValidateBasic = (*MsgLiquidateExpired)(nil)
	_ sdk.HasValidateBasic = (*MsgModifyWithdrawalLimit)(nil)
	_ sdk.HasValidateBasic = (*MsgDirectTransfer)(nil)
	_ sdk.HasValidateBasic = (*MsgRequestRelease)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
)

func (m *MsgCreateManager) ValidateBasic() error {
	if err := validate.Address("owner", m.Owner); err != nil {
		return err
	}
	if err := m.Rules.Validate(); err != nil {
		return err
	}
	return validateNonNegative("withdrawal_limit", m.WithdrawalLimit)
}

func (m *MsgUpdateManagerRules) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "manager", m.Manager); err != nil {
		return err
	}
	return m.Rules.Validate()
}

func (m *MsgTransferOwnership) ValidateBasic() error {
	if err := validate.Addresses("owner", m.Owner, "manager", m.Manager); err != nil {
		return err
	}
	return validate.Address("new_owner", m.NewOwner)
}

func (m *MsgSetRole) ValidateBasic() error {
	return validateRoleMsg(m.Owner, m.Manager, m.Role, m.Address)
}

func (m *MsgRemoveRole) ValidateBasic() error {
	return validateRoleMsg(m.Owner, m.Manager, m.Role, m.Address)
}

func validateRoleMsg(owner, manager string, role Role, addr string) error {
	if err := validate.Addresses("owner", owner, "manager", manager); err != nil {
		return err
	}
	if err := ValidateRole(role); err != nil {
		return err
	}
	return validate.Address("address", addr)
}

// ValidateRole accepts the defined roles only.
func ValidateRole(role Role) error {
	if _, ok := Role_name[int32(role)]; !ok || role == ROLE_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidRole, "%d", role)
	}
	return nil
}

func (m *MsgAddPartition) ValidateBasic() error {
	if err := validate.Addresses("authority", m.Authority, "manager", m.Manager); err != nil {
		return err
	}
	_, err := PoolPartition(m.Partition, sdk.MustAccAddressFromBech32(m.Manager))
	return err
}

func (m *MsgRemovePartition) ValidateBasic() error {
	if err := validate.Addresses("authority", m.Authority, "manager", m.Manager); err != nil {
		return err
	}
	_, err := amptypes.ParsePartition(m.Partition)
	return err
}

// PoolPartition parses a pool partition and checks it is a collateral-pool
// partition (0xCCCCCCCC) owned by manager.
func PoolPartition(s string, manager sdk.AccAddress) (amptypes.Partition, error) {
	p, err := amptypes.ParsePartition(s)
	if err != nil {
		return p, err
	}
	if p.Prefix() != amptypes.CollateralPoolPrefix {
		return p, errorsmod.Wrapf(ErrInvalidPartition, "%s: a pool partition starts with %s", p, amptypes.CollateralPoolPrefix)
	}
	if !p.Owner().Equals(manager) {
		return p, errorsmod.Wrapf(ErrInvalidPartition, "%s is owned by %s, not manager %s", p, p.Owner(), manager)
	}
	return p, nil
}

// StakePartition parses the partition of a supply: a pool partition or the
// holder-collateral partition with the same sub-partition and owner.
func StakePartition(s string) (stake, pool amptypes.Partition, err error) {
	stake, err = amptypes.ParsePartition(s)
	if err != nil {
		return stake, pool, err
	}
	pool = PoolPartitionOf(stake)
	switch stake.Prefix() {
	case amptypes.CollateralPoolPrefix, amptypes.HolderCollateralPrefix:
	default:
		return stake, pool, errorsmod.Wrapf(ErrInvalidPartition, "%s: stake into a %s pool or its %s holder-collateral partition",
			stake, amptypes.CollateralPoolPrefix, amptypes.HolderCollateralPrefix)
	}
	return stake, pool, nil
}

func (m *MsgSupply) ValidateBasic() error {
	if err := validate.Address("staker", m.Staker); err != nil {
		return err
	}
	if _, _, err := StakePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("amount", m.Amount)
}

func (m *MsgRequestWithdrawal) ValidateBasic() error {
	if err := validate.Address("staker", m.Staker); err != nil {
		return err
	}
	if _, err := amptypes.ParsePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("amount", m.Amount)
}

func (m *MsgClaimWithdrawals) ValidateBasic() error { return validate.Address("staker", m.Staker) }

func (m *MsgClaimRewards) ValidateBasic() error {
	if err := validate.Address("staker", m.Staker); err != nil {
		return err
	}
	_, err := amptypes.ParsePartition(m.Partition)
	return err
}

func (m *MsgOpenGuarantee) ValidateBasic() error {
	if err := validate.Addresses("processor", m.Processor, "merchant", m.Merchant); err != nil {
		return err
	}
	if _, err := amptypes.ParsePartition(m.Partition); err != nil {
		return err
	}
	if m.Value.IsNil() || !m.Value.IsPositive() || m.Value.GT(MaxGuaranteeValue) {
		return errorsmod.Wrapf(ErrInvalidGuarantee, "value must be positive and at most %s", MaxGuaranteeValue)
	}
	if err := ValidateQuote(m.Quote); err != nil {
		return err
	}
	for field, v := range map[string]string{"source_chain": m.Payment.SourceChain, "asset": m.Payment.Asset, "payment_ref": m.Payment.Reference} {
		if v == "" || len(v) > MaxReferenceLength {
			return errorsmod.Wrapf(ErrInvalidGuarantee, "%s must have 1 to %d bytes", field, MaxReferenceLength)
		}
	}
	if m.Deadline.IsZero() {
		return errorsmod.Wrap(ErrInvalidDeadline, "deadline is required")
	}
	return nil
}

// ValidateQuote accepts a currency code of 1 to 12 upper-case letters or digits.
func ValidateQuote(quote string) error {
	if quote == "" || len(quote) > 12 || strings.ToUpper(quote) != quote || strings.ContainsAny(quote, "/ ") {
		return errorsmod.Wrapf(ErrInvalidGuarantee, "quote %q must be an upper-case currency code such as USD", quote)
	}
	return nil
}

func (m *MsgAttestSettlement) ValidateBasic() error {
	if err := validate.Address("attester", m.Attester); err != nil {
		return err
	}
	if m.Outcome != SETTLEMENT_OUTCOME_CONFIRMED && m.Outcome != SETTLEMENT_OUTCOME_FAILED {
		return errorsmod.Wrap(ErrInvalidOutcome, "outcome must be confirmed or failed")
	}
	return nil
}

func (m *MsgLiquidateExpired) ValidateBasic() error { return validate.Address("sender", m.Sender) }

func (m *MsgModifyWithdrawalLimit) ValidateBasic() error {
	if err := validate.Addresses("publisher", m.Publisher, "manager", m.Manager); err != nil {
		return err
	}
	_, err := ParseSignedAmount(m.Amount)
	return err
}

// signedAmount is a decimal integer with an optional sign.
var signedAmount = regexp.MustCompile(`^[+-]?[0-9]+$`)

// ParseSignedAmount reads a signed decimal integer such as "+1000" or "-500".
func ParseSignedAmount(s string) (math.Int, error) {
	if !signedAmount.MatchString(s) || len(s) > 80 {
		return math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "amount %q must be a signed decimal integer", s)
	}
	parsed, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
	if !ok || parsed.Sign() == 0 || parsed.BitLen() > math.MaxBitLen {
		return math.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "amount %q must be a non-zero signed integer", s)
	}
	return math.NewIntFromBigInt(parsed), nil
}

func (m *MsgDirectTransfer) ValidateBasic() error {
	if err := validate.Addresses("transferer", m.Transferer, "to", m.To); err != nil {
		return err
	}
	if _, err := amptypes.ParsePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("amount", m.Amount)
}

func (m *MsgRequestRelease) ValidateBasic() error {
	if err := validate.Address("staker", m.Staker); err != nil {
		return err
	}
	if _, err := amptypes.ParsePartition(m.Partition); err != nil {
		return err
	}
	return validatePositive("amount", m.Amount)
}

func (m *MsgUpdateParams) ValidateBasic() error {
	if err := validate.Address("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
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

// PoolPartitionOf maps a partition to the pool partition (0xCCCCCCCC) with
// the same sub-partition and owner.
func PoolPartitionOf(p amptypes.Partition) amptypes.Partition {
	return withPrefix(p, amptypes.CollateralPoolPrefix)
}

// HolderPartitionOf maps a partition to the holder-collateral partition
// (0xAAAAAAAA) with the same sub-partition and owner.
func HolderPartitionOf(p amptypes.Partition) amptypes.Partition {
	return withPrefix(p, amptypes.HolderCollateralPrefix)
}

func withPrefix(p amptypes.Partition, prefix amptypes.Prefix) amptypes.Partition {
	copy(p[:amptypes.PrefixLength], prefix[:])
	return p
}

package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MaxFeeBps is 100 %.
const MaxFeeBps = 10_000

// MaxCollateralRatio and MaxGuaranteeValue keep lock arithmetic far from
// math.Int's 256-bit limit.
var (
	MaxCollateralRatio = math.LegacyNewDec(100)
	MaxGuaranteeValue  = math.LegacyNewDecFromInt(math.NewIntWithDecimal(1, 30))
)

// Validate checks a manager's rules.
func (r ManagerRules) Validate() error {
	if r.CollateralRatio.IsNil() || r.CollateralRatio.LT(math.LegacyOneDec()) || r.CollateralRatio.GT(MaxCollateralRatio) {
		return errorsmod.Wrapf(ErrInvalidRules, "collateral_ratio must be between 1 and %s", MaxCollateralRatio)
	}
	if r.FeeBps > MaxFeeBps {
		return errorsmod.Wrapf(ErrInvalidRules, "fee_bps must be at most %d", MaxFeeBps)
	}
	if r.Commission.IsNil() || r.Commission.IsNegative() || r.Commission.GT(math.LegacyOneDec()) {
		return errorsmod.Wrap(ErrInvalidRules, "commission must be between 0 and 1")
	}
	if r.MaxGuaranteeDuration <= 0 {
		return errorsmod.Wrap(ErrInvalidRules, "max_guarantee_duration must be positive")
	}
	// A withdrawal must stay exposed to every guarantee open when it was
	// requested; those are all resolved once max_guarantee_duration has passed.
	if r.UnbondingPeriod < r.MaxGuaranteeDuration {
		return errorsmod.Wrapf(ErrInvalidRules, "unbonding_period (%s) must be at least max_guarantee_duration (%s)",
			r.UnbondingPeriod, r.MaxGuaranteeDuration)
	}
	if r.FallbackDelay < 0 {
		return errorsmod.Wrap(ErrInvalidRules, "fallback_delay must not be negative")
	}
	if r.AttesterThreshold == 0 {
		return errorsmod.Wrap(ErrInvalidRules, "attester_threshold must be at least 1")
	}
	return nil
}

// DefaultRules are sensible terms for a local network.
func DefaultRules() ManagerRules {
	return ManagerRules{
		CollateralRatio:      math.LegacyMustNewDecFromStr("1.25"),
		FeeBps:               30,
		Commission:           math.LegacyMustNewDecFromStr("0.10"),
		UnbondingPeriod:      10 * time.Minute,
		MaxGuaranteeDuration: 10 * time.Minute,
		FallbackDelay:        24 * time.Hour,
		AttesterThreshold:    1,
	}
}

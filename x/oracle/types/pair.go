package types

import (
	"regexp"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultMinPower is the reporting power a pair needs unless it says
// otherwise: 2/3 of the validator set's power. The fraction is compared as
// reporting/total >= min_power with the same 18-decimal division, so exactly
// two thirds qualifies.
var DefaultMinPower = math.LegacyNewDec(2).QuoInt64(3)

// MaxPrice bounds every price the module accepts, far above any real quote,
// so that consumers can multiply prices without overflowing.
var MaxPrice = math.LegacyNewDec(10).Power(30)

// MaxPriceLength bounds a price's canonical decimal string in a vote extension.
const MaxPriceLength = 64

// pairNameRe: BASE/QUOTE, each 1 to 16 upper-case letters, digits, '.', '-'
// or '_', starting with a letter or digit.
var pairNameRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{0,15}/[A-Z0-9][A-Z0-9._-]{0,15}$`)

// ValidatePairName checks a pair's name, e.g. "AMP/USD".
func ValidatePairName(name string) error {
	if !pairNameRe.MatchString(name) {
		return errorsmod.Wrapf(ErrInvalidPair, "pair %q: want BASE/QUOTE in upper case, e.g. AMP/USD", name)
	}
	return nil
}

// ValidatePrice requires a positive price no larger than MaxPrice.
func ValidatePrice(price math.LegacyDec) error {
	if price.IsNil() || !price.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidPrice, "price must be positive, got %s", decString(price))
	}
	if price.GT(MaxPrice) {
		return errorsmod.Wrapf(ErrInvalidPrice, "price %s exceeds the maximum %s", price, MaxPrice)
	}
	return nil
}

// NewPair builds a pair; a nil or zero minPower means DefaultMinPower.
func NewPair(name string, maxAge time.Duration, maxMove, minPower math.LegacyDec, publisher string) Pair {
	return Pair{Name: name, MaxAge: maxAge, MaxMove: maxMove, MinPower: minPower, Publisher: publisher}.WithDefaults()
}

// WithDefaults fills a missing min_power with DefaultMinPower.
func (p Pair) WithDefaults() Pair {
	if p.MinPower.IsNil() || p.MinPower.IsZero() {
		p.MinPower = DefaultMinPower
	}
	return p
}

// Validate checks a pair's name and limits (after WithDefaults).
func (p Pair) Validate() error {
	if err := ValidatePairName(p.Name); err != nil {
		return err
	}
	if p.MaxAge <= 0 {
		return errorsmod.Wrapf(ErrInvalidPair, "pair %s: max_age must be positive, got %s", p.Name, p.MaxAge)
	}
	if p.MaxMove.IsNil() || !p.MaxMove.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidPair, "pair %s: max_move must be a positive fraction (0.10 = 10 %%), got %s", p.Name, decString(p.MaxMove))
	}
	if p.MinPower.IsNil() || !p.MinPower.IsPositive() || p.MinPower.GT(math.LegacyOneDec()) {
		return errorsmod.Wrapf(ErrInvalidPair, "pair %s: min_power must be in (0, 1], got %s", p.Name, decString(p.MinPower))
	}
	if p.Publisher != "" {
		if _, err := sdk.AccAddressFromBech32(p.Publisher); err != nil {
			return errorsmod.Wrapf(ErrInvalidPair, "pair %s: publisher %q: %s", p.Name, p.Publisher, err)
		}
	}
	return nil
}

// ExceedsMove reports whether moving from stored to next changes the price
// by more than max_move of the stored price: |next - stored| > max_move * stored.
func (p Pair) ExceedsMove(stored, next math.LegacyDec) bool {
	return next.Sub(stored).Abs().GT(stored.Mul(p.MaxMove))
}

// HasReportingPower reports whether reporting out of total power reaches
// the pair's min_power.
func (p Pair) HasReportingPower(reporting, total int64) bool {
	if total <= 0 || reporting <= 0 {
		return false
	}
	return math.LegacyNewDec(reporting).QuoInt64(total).GTE(p.MinPower)
}

// IsStale reports whether price is older than the pair's max_age at now.
func (p Pair) IsStale(price Price, now time.Time) bool {
	return now.Sub(price.UpdatedAt) > p.MaxAge
}

func decString(d math.LegacyDec) string {
	if d.IsNil() {
		return "nothing"
	}
	return d.String()
}

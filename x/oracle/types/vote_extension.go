package types

import (
	"bytes"
	"sort"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MaxVoteExtensionBytes bounds an oracle vote extension; VerifyVoteExtension
// rejects anything larger. At about 100 bytes a price this is room for
// hundreds of pairs.
const MaxVoteExtensionBytes = 64 * 1024

// ReportedPrice is one decoded entry of a vote extension.
type ReportedPrice struct {
	Pair  string
	Price math.LegacyDec
}

// EncodeVoteExtension encodes prices (pair -> price) as a vote extension in
// canonical form: sorted by pair, prices as math.LegacyDec.String(). No
// prices encode as no bytes.
func EncodeVoteExtension(prices map[string]math.LegacyDec) ([]byte, error) {
	if len(prices) == 0 {
		return []byte{}, nil
	}
	ext := OracleVoteExtension{Prices: make([]PriceReport, 0, len(prices))}
	for pair, price := range prices {
		ext.Prices = append(ext.Prices, PriceReport{Pair: pair, Price: price.String()})
	}
	sort.Slice(ext.Prices, func(i, j int) bool { return ext.Prices[i].Pair < ext.Prices[j].Pair })
	bz, err := ext.Marshal()
	if err != nil {
		return nil, err
	}
	if len(bz) > MaxVoteExtensionBytes {
		return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "%d bytes for %d prices exceeds the limit of %d", len(bz), len(prices), MaxVoteExtensionBytes)
	}
	return bz, nil
}

// DecodeVoteExtension decodes and checks a vote extension against the
// registered pairs. It is the single definition of a valid extension, used
// by VerifyVoteExtension and by the aggregation in PrepareProposal and
// ProcessProposal: at most MaxVoteExtensionBytes; canonical protobuf (no
// unknown fields); pairs registered and strictly ascending (so no more
// entries than pairs and no duplicates); prices canonical decimals, positive
// and at most MaxPrice. Empty bytes are a valid extension without prices.
func DecodeVoteExtension(bz []byte, pairs map[string]Pair) ([]ReportedPrice, error) {
	if len(bz) == 0 {
		return nil, nil
	}
	if len(bz) > MaxVoteExtensionBytes {
		return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "%d bytes exceeds the limit of %d", len(bz), MaxVoteExtensionBytes)
	}
	var ext OracleVoteExtension
	if err := ext.Unmarshal(bz); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "undecodable: %s", err)
	}
	if canonical, err := ext.Marshal(); err != nil || !bytes.Equal(canonical, bz) {
		return nil, errorsmod.Wrap(ErrInvalidVoteExtension, "not in canonical encoding (unknown or repeated fields)")
	}
	if len(ext.Prices) > len(pairs) {
		return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "%d prices but only %d registered pairs", len(ext.Prices), len(pairs))
	}
	out := make([]ReportedPrice, 0, len(ext.Prices))
	for i, r := range ext.Prices {
		if _, ok := pairs[r.Pair]; !ok {
			return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "unknown pair %q", r.Pair)
		}
		if i > 0 && r.Pair <= ext.Prices[i-1].Pair {
			return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "pairs not strictly ascending at %q", r.Pair)
		}
		price, err := ParseCanonicalPrice(r.Price)
		if err != nil {
			return nil, errorsmod.Wrapf(ErrInvalidVoteExtension, "pair %s: %s", r.Pair, err)
		}
		out = append(out, ReportedPrice{Pair: r.Pair, Price: price})
	}
	return out, nil
}

// ParseCanonicalPrice parses a price written as math.LegacyDec.String()
// writes it and checks it with ValidatePrice.
func ParseCanonicalPrice(s string) (math.LegacyDec, error) {
	if len(s) > MaxPriceLength {
		return math.LegacyDec{}, errorsmod.Wrapf(ErrInvalidPrice, "price of %d characters exceeds %d", len(s), MaxPriceLength)
	}
	price, err := math.LegacyNewDecFromStr(s)
	if err != nil {
		return math.LegacyDec{}, errorsmod.Wrapf(ErrInvalidPrice, "price %q: %s", s, err)
	}
	if price.String() != s {
		return math.LegacyDec{}, errorsmod.Wrapf(ErrInvalidPrice, "price %q is not in canonical form %q", s, price.String())
	}
	if err := ValidatePrice(price); err != nil {
		return math.LegacyDec{}, err
	}
	return price, nil
}

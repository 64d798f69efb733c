package types

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
)

// InjectedPricesPrefix starts the proposer's price payload, the first entry
// of every block once vote extensions are on. Its first byte, 0x00, is a
// protobuf tag with field number 0, which is invalid: no SDK transaction (a
// TxRaw, whose encoding starts with 0x0a) can begin with it, so the SDK's
// tx decoder refuses these bytes and nobody can submit them through
// CheckTx. Only a proposer puts them in a block, only at index 0, and every
// validator checks them in ProcessProposal.
var InjectedPricesPrefix = []byte("\x00ampchain/oracle/v1/injected-prices\x00")

// IsInjectedPrices reports whether a block entry is the proposer's price payload.
func IsInjectedPrices(tx []byte) bool { return bytes.HasPrefix(tx, InjectedPricesPrefix) }

// EncodeInjectedPrices is the block entry carrying ip.
func EncodeInjectedPrices(ip InjectedPrices) ([]byte, error) {
	bz, err := ip.Marshal()
	if err != nil {
		return nil, err
	}
	return append(append(make([]byte, 0, len(InjectedPricesPrefix)+len(bz)), InjectedPricesPrefix...), bz...), nil
}

// DecodeInjectedPrices decodes a block entry written by EncodeInjectedPrices;
// the encoding must be canonical.
func DecodeInjectedPrices(tx []byte) (InjectedPrices, error) {
	if !IsInjectedPrices(tx) {
		return InjectedPrices{}, errorsmod.Wrap(ErrInvalidInjectedPrices, "missing prefix")
	}
	bz := tx[len(InjectedPricesPrefix):]
	var ip InjectedPrices
	if err := ip.Unmarshal(bz); err != nil {
		return InjectedPrices{}, errorsmod.Wrapf(ErrInvalidInjectedPrices, "undecodable: %s", err)
	}
	if canonical, err := ip.Marshal(); err != nil || !bytes.Equal(canonical, bz) {
		return InjectedPrices{}, errorsmod.Wrap(ErrInvalidInjectedPrices, "not in canonical encoding")
	}
	return ip, nil
}

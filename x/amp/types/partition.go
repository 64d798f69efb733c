package types

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// PartitionLength and PrefixLength are the contract's bytes32 and bytes4.
const (
	PartitionLength = 32
	PrefixLength    = 4
	subLength       = 8
)

// Partition is a 32-byte partition: 4-byte prefix (the strategy) | 8-byte
// sub-partition (free for the manager) | 20-byte owner (the collateral
// manager that owns the range).
type Partition [PartitionLength]byte

// Prefix selects a partition strategy.
type Prefix [PrefixLength]byte

// DefaultPartition is all zero bytes: the holder's bank balance.
var DefaultPartition Partition

// changePartitionFlag, 32 bytes of 0xff at the start of data, announces a
// destination partition in the next 32 bytes, as in the contract.
var changePartitionFlag = bytes.Repeat([]byte{0xff}, PartitionLength)

// ParsePartition reads 0x-prefixed hex of 32 bytes.
func ParsePartition(s string) (Partition, error) {
	var p Partition
	raw, err := parseHex(s, PartitionLength)
	if err != nil {
		return p, errorsmod.Wrapf(ErrInvalidPartition, "%q: %s", s, err)
	}
	copy(p[:], raw)
	return p, nil
}

// PartitionFromBytes accepts exactly 32 bytes.
func PartitionFromBytes(b []byte) (Partition, error) {
	var p Partition
	if len(b) != PartitionLength {
		return p, errorsmod.Wrapf(ErrInvalidPartition, "want %d bytes, got %d", PartitionLength, len(b))
	}
	copy(p[:], b)
	return p, nil
}

// NewPartition assembles a partition from its three parts.
func NewPartition(prefix Prefix, sub [subLength]byte, owner sdk.AccAddress) Partition {
	var p Partition
	copy(p[:PrefixLength], prefix[:])
	copy(p[PrefixLength:PrefixLength+subLength], sub[:])
	copy(p[PrefixLength+subLength:], owner)
	return p
}

// ParsePrefix reads 0x-prefixed hex of 4 bytes.
func ParsePrefix(s string) (Prefix, error) {
	var p Prefix
	raw, err := parseHex(s, PrefixLength)
	if err != nil {
		return p, errorsmod.Wrapf(ErrInvalidPrefix, "%q: %s", s, err)
	}
	copy(p[:], raw)
	return p, nil
}

func parseHex(s string, length int) ([]byte, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return nil, errors.New("must be 0x-prefixed hex")
	}
	raw, err := hex.DecodeString(s[2:])
	if err != nil {
		return nil, err
	}
	if len(raw) != length {
		return nil, fmt.Errorf("want %d bytes, got %d", length, len(raw))
	}
	return raw, nil
}

// String is 0x-prefixed lower-case hex.
func (p Partition) String() string { return "0x" + hex.EncodeToString(p[:]) }

// Bytes returns a copy of the partition's bytes.
func (p Partition) Bytes() []byte { return append([]byte(nil), p[:]...) }

// IsDefault reports whether p is the default partition.
func (p Partition) IsDefault() bool { return p == DefaultPartition }

// Prefix is the first 4 bytes.
func (p Partition) Prefix() Prefix {
	var pre Prefix
	copy(pre[:], p[:PrefixLength])
	return pre
}

// Owner is the last 20 bytes: the collateral manager owning the range.
func (p Partition) Owner() sdk.AccAddress {
	return sdk.AccAddress(append([]byte(nil), p[PrefixLength+subLength:]...))
}

// String is 0x-prefixed lower-case hex.
func (p Prefix) String() string { return "0x" + hex.EncodeToString(p[:]) }

// Bytes returns a copy of the prefix's bytes.
func (p Prefix) Bytes() []byte { return append([]byte(nil), p[:]...) }

// IsZero reports whether p is the default partition's prefix.
func (p Prefix) IsZero() bool { return p == Prefix{} }

// PrefixFromBytes accepts exactly 4 bytes.
func PrefixFromBytes(b []byte) (Prefix, error) {
	var p Prefix
	if len(b) != PrefixLength {
		return p, errorsmod.Wrapf(ErrInvalidPrefix, "want %d bytes, got %d", PrefixLength, len(b))
	}
	copy(p[:], b)
	return p, nil
}

// DestinationInData decodes the contract's partition-change flag: data of at
// least 64 bytes starting with 32 bytes of 0xff names the destination in
// its next 32 bytes.
func DestinationInData(data []byte) (Partition, bool) {
	var p Partition
	if len(data) < 2*PartitionLength || !bytes.Equal(data[:PartitionLength], changePartitionFlag) {
		return p, false
	}
	copy(p[:], data[PartitionLength:2*PartitionLength])
	return p, true
}

// EncodeDestinationInData builds data that carries the partition-change flag.
func EncodeDestinationInData(to Partition) []byte {
	return append(append([]byte(nil), changePartitionFlag...), to[:]...)
}

// ResolveDestination picks the destination partition of a transfer: the
// explicit one, the one flagged in data, or the source partition. Both given
// and different is an error.
func ResolveDestination(from Partition, explicit string, data []byte) (Partition, error) {
	flagged, hasFlag := DestinationInData(data)
	if explicit == "" {
		if hasFlag {
			return flagged, nil
		}
		return from, nil
	}
	to, err := ParsePartition(explicit)
	if err != nil {
		return to, err
	}
	if hasFlag && flagged != to {
		return to, errorsmod.Wrapf(ErrConflictingDestination, "--to-partition %s but data flags %s", to, flagged)
	}
	return to, nil
}

package types_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

var owner = sdk.AccAddress(bytes.Repeat([]byte{0xab}, 20))

func TestPartitionLayout(t *testing.T) {
	p := types.NewPartition(types.HolderCollateralPrefix, [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, owner)
	require.Equal(t, "0xaaaaaaaa0102030405060708abababababababababababababababababababab", p.String())
	require.Equal(t, types.HolderCollateralPrefix, p.Prefix())
	require.Equal(t, owner, p.Owner())
	require.False(t, p.IsDefault())
	require.Equal(t, p[:], p.Bytes())
	require.True(t, types.DefaultPartition.IsDefault())
	require.True(t, types.DefaultPartition.Prefix().IsZero())
	require.Equal(t, "0x"+strings.Repeat("00", 32), types.DefaultPartition.String())
	require.Equal(t, "0xcccccccc", types.CollateralPoolPrefix.String())

	parsed, err := types.ParsePartition(strings.ToUpper("0x" + p.String()[2:]))
	require.NoError(t, err)
	require.Equal(t, p, parsed, "hex digits in either case")
	parsed, err = types.ParsePartition("0X" + p.String()[2:])
	require.NoError(t, err)
	require.Equal(t, p, parsed)

	// Mutating Bytes() or Owner() does not touch the partition.
	b := p.Bytes()
	b[0] = 0
	o := p.Owner()
	o[0] = 0
	require.Equal(t, types.HolderCollateralPrefix, p.Prefix())
	require.Equal(t, owner, p.Owner())
}

func TestParsePartitionRefuses(t *testing.T) {
	for _, s := range []string{
		"",
		"0x",
		strings.Repeat("00", 32), // no 0x
		"0x" + strings.Repeat("00", 31),
		"0x" + strings.Repeat("00", 33),
		"0x" + strings.Repeat("0", 63),
		"0x" + strings.Repeat("zz", 32),
		" 0x" + strings.Repeat("00", 32),
		"0x" + strings.Repeat("00", 32) + " ",
	} {
		_, err := types.ParsePartition(s)
		require.ErrorIs(t, err, types.ErrInvalidPartition, "%q", s)
	}
	_, err := types.PartitionFromBytes(make([]byte, 31))
	require.ErrorIs(t, err, types.ErrInvalidPartition)
	for _, s := range []string{"", "0x", "cccccccc", "0xcccccc", "0xcccccccccc", "0xgggggggg"} {
		_, err := types.ParsePrefix(s)
		require.ErrorIs(t, err, types.ErrInvalidPrefix, "%q", s)
	}
	_, err = types.PrefixFromBytes([]byte{1, 2, 3})
	require.ErrorIs(t, err, types.ErrInvalidPrefix)
}

func TestDestinationInData(t *testing.T) {
	to := types.NewPartition(types.CollateralPoolPrefix, [8]byte{9}, owner)
	data := types.EncodeDestinationInData(to)
	require.Len(t, data, 64)
	require.Equal(t, bytes.Repeat([]byte{0xff}, 32), data[:32])

	got, ok := types.DestinationInData(data)
	require.True(t, ok)
	require.Equal(t, to, got)
	got, ok = types.DestinationInData(append(data, []byte("trailing bytes are the rest of data")...))
	require.True(t, ok)
	require.Equal(t, to, got)

	for _, d := range [][]byte{nil, data[:63], data[32:], append([]byte{0xfe}, data[1:]...)} {
		_, ok := types.DestinationInData(d)
		require.False(t, ok, "%x", d)
	}
}

func TestResolveDestination(t *testing.T) {
	from := types.NewPartition(types.HolderCollateralPrefix, [8]byte{1}, owner)
	to := types.NewPartition(types.CollateralPoolPrefix, [8]byte{2}, owner)
	other := types.NewPartition(types.CollateralPoolPrefix, [8]byte{3}, owner)
	flag := types.EncodeDestinationInData(to)

	tests := []struct {
		name     string
		explicit string
		data     []byte
		want     types.Partition
		wantErr  error
	}{
		{"neither: the source", "", nil, from, nil},
		{"plain data: the source", "", []byte("hello"), from, nil},
		{"explicit", to.String(), nil, to, nil},
		{"flag in data", "", flag, to, nil},
		{"both agreeing", to.String(), flag, to, nil},
		{"explicit default", types.DefaultPartition.String(), nil, types.DefaultPartition, nil},
		{"both disagreeing", other.String(), flag, types.Partition{}, types.ErrConflictingDestination},
		{"explicit equal to the source but data flags another", from.String(), flag, types.Partition{}, types.ErrConflictingDestination},
		{"malformed explicit", "0x1234", nil, types.Partition{}, types.ErrInvalidPartition},
		{"malformed explicit with flag", "nope", flag, types.Partition{}, types.ErrInvalidPartition},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := types.ResolveDestination(from, tc.explicit, tc.data)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

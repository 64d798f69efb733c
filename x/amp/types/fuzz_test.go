package types_test

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/x/amp/types"
)

// Seeds shared by the fuzzers. CI runs only these (plain go test); run a
// fuzzer with e.g. go test -run '^$' -fuzz FuzzParsePartition ./x/amp/types/
var partitionSeeds = []string{
	"0x" + strings.Repeat("00", 32),
	"0x" + strings.Repeat("ff", 32),
	"0xaaaaaaaa0000000000000000abababababababababababababababababababab",
	"0XCCCCCCCC0102030405060708ABABABABABABABABABABABABABABABABABABABAB",
	"0x" + strings.Repeat("00", 31),
	"0x" + strings.Repeat("00", 33),
	"0x" + strings.Repeat("0", 63),
	"0x" + strings.Repeat("g", 64),
	"",
	"0x",
	"aaaaaaaa0000000000000000abababababababababababababababababababab",
	"0x+0000000000000000000000000000000000000000000000000000000000000",
}

func FuzzParsePartition(f *testing.F) {
	for _, s := range partitionSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := types.ParsePartition(s)
		if err != nil {
			if !errorsmod.IsOf(err, types.ErrInvalidPartition) {
				t.Fatalf("ParsePartition(%q): unregistered error %v", s, err)
			}
			return
		}
		if len(s) != 2+2*types.PartitionLength || !strings.EqualFold(s[:2], "0x") {
			t.Fatalf("ParsePartition(%q) accepted a string of the wrong shape", s)
		}
		if !strings.EqualFold(s[2:], hex.EncodeToString(p[:])) {
			t.Fatalf("ParsePartition(%q) = %s", s, p)
		}
		back, err := types.ParsePartition(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip of %s: %s, %v", p, back, err)
		}
		fromBytes, err := types.PartitionFromBytes(p.Bytes())
		if err != nil || fromBytes != p {
			t.Fatalf("PartitionFromBytes(%x): %s, %v", p.Bytes(), fromBytes, err)
		}
		var sub [8]byte
		copy(sub[:], p[types.PrefixLength:types.PrefixLength+8])
		if types.NewPartition(p.Prefix(), sub, p.Owner()) != p {
			t.Fatalf("prefix|sub|owner of %s does not reassemble", p)
		}
		if p.IsDefault() != (p == types.DefaultPartition) || p.IsDefault() && !p.Prefix().IsZero() {
			t.Fatalf("IsDefault of %s", p)
		}
	})
}

func FuzzParsePrefix(f *testing.F) {
	for _, s := range []string{"0xcccccccc", "0xAAAAAAAA", "0x00000000", "0x1234", "0x1234567890", "cccccccc", "0xzzzzzzzz", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := types.ParsePrefix(s)
		if err != nil {
			if !errorsmod.IsOf(err, types.ErrInvalidPrefix) {
				t.Fatalf("ParsePrefix(%q): unregistered error %v", s, err)
			}
			return
		}
		back, err := types.ParsePrefix(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip of %s: %s, %v", p, back, err)
		}
		if len(s) != 10 {
			t.Fatalf("ParsePrefix(%q) accepted a string of the wrong length", s)
		}
	})
}

func FuzzDestinationInData(f *testing.F) {
	to, _ := types.ParsePartition(partitionSeeds[2])
	flag := types.EncodeDestinationInData(to)
	f.Add([]byte(nil))
	f.Add([]byte("plain data"))
	f.Add(flag)
	f.Add(append(append([]byte(nil), flag...), "and more"...))
	f.Add(flag[:63])
	f.Add(bytes.Repeat([]byte{0xff}, 64))
	f.Add(append([]byte{0xfe}, flag[1:]...))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, ok := types.DestinationInData(data)
		flagged := len(data) >= 64 && bytes.Equal(data[:32], bytes.Repeat([]byte{0xff}, 32))
		if ok != flagged {
			t.Fatalf("DestinationInData(%x) = %v, want %v", data, ok, flagged)
		}
		if !ok {
			if p != (types.Partition{}) {
				t.Fatalf("no flag but partition %s", p)
			}
			return
		}
		if !bytes.Equal(p[:], data[32:64]) {
			t.Fatalf("DestinationInData(%x) = %s", data, p)
		}
		again, ok := types.DestinationInData(types.EncodeDestinationInData(p))
		if !ok || again != p {
			t.Fatalf("encode/decode of %s: %s %v", p, again, ok)
		}
	})
}

func FuzzResolveDestination(f *testing.F) {
	from, _ := types.ParsePartition(partitionSeeds[2])
	to, _ := types.ParsePartition(partitionSeeds[3])
	f.Add(from[:], "", []byte(nil))
	f.Add(from[:], to.String(), []byte(nil))
	f.Add(from[:], "", types.EncodeDestinationInData(to))
	f.Add(from[:], to.String(), types.EncodeDestinationInData(to))
	f.Add(from[:], from.String(), types.EncodeDestinationInData(to))
	f.Add(from[:], "0x12", types.EncodeDestinationInData(to))
	f.Fuzz(func(t *testing.T, fromBytes []byte, explicit string, data []byte) {
		var src types.Partition
		copy(src[:], fromBytes)
		got, err := types.ResolveDestination(src, explicit, data)
		flagged, hasFlag := types.DestinationInData(data)
		if err != nil {
			if !errorsmod.IsOf(err, types.ErrInvalidPartition) && !errorsmod.IsOf(err, types.ErrConflictingDestination) {
				t.Fatalf("unregistered error %v", err)
			}
			if errorsmod.IsOf(err, types.ErrConflictingDestination) {
				want, perr := types.ParsePartition(explicit)
				if perr != nil || !hasFlag || flagged == want {
					t.Fatalf("conflict reported for explicit %q, flag %v %s", explicit, hasFlag, flagged)
				}
			}
			return
		}
		switch {
		case explicit != "":
			want, perr := types.ParsePartition(explicit)
			if perr != nil || got != want {
				t.Fatalf("explicit %q resolved to %s", explicit, got)
			}
			if hasFlag && flagged != got {
				t.Fatalf("explicit %s and flag %s disagree without an error", got, flagged)
			}
		case hasFlag:
			if got != flagged {
				t.Fatalf("flag %s resolved to %s", flagged, got)
			}
		default:
			if got != src {
				t.Fatalf("no destination given but resolved %s, not the source %s", got, src)
			}
		}
	})
}

// FuzzValidateBasic builds every x/amp message from the same fuzzed fields;
// ValidateBasic must never panic and must refuse only with registered
// errors; what it accepts must be usable by the message server.
func FuzzValidateBasic(f *testing.F) {
	a := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String()
	b := sdk.AccAddress(bytes.Repeat([]byte{2}, 20)).String()
	zero := sdk.AccAddress(make([]byte, 20)).String()
	to, _ := types.ParsePartition(partitionSeeds[3])
	for kind := uint8(0); kind < 14; kind++ {
		f.Add(kind, a, b, a, partitionSeeds[2], "", "1", []byte(nil), []byte(nil))
	}
	f.Add(uint8(0), a, a, b, partitionSeeds[2], to.String(), "1000", types.EncodeDestinationInData(to), []byte("op"))
	f.Add(uint8(0), a, a, b, partitionSeeds[2], partitionSeeds[2], "1", types.EncodeDestinationInData(to), []byte(nil))
	f.Add(uint8(0), a, a, zero, partitionSeeds[0], "", "1", []byte(nil), []byte(nil))
	f.Add(uint8(1), a, b, zero, "", "", "-1", []byte(nil), []byte(nil))
	f.Add(uint8(2), a, a, a, "", "", "", []byte(nil), []byte(nil))
	f.Add(uint8(6), a, b, a, "", "", "0", []byte(nil), []byte(nil))
	f.Add(uint8(7), a, b, a, "", "", "0", []byte(nil), []byte(nil))
	f.Add(uint8(12), "amp1", "", "", "", "", "", []byte(nil), []byte(nil))
	f.Add(uint8(13), a, "", "", "0x00000000", "collateral-pool", "", []byte(nil), []byte(nil))
	f.Add(uint8(13), a, "", "", "0xcccccccc", strings.Repeat("x", 65), "", []byte(nil), []byte(nil))
	f.Add(uint8(0), a, a, b, partitionSeeds[2], "", "1", make([]byte, types.MaxDataLength+1), []byte(nil))
	f.Add(uint8(0), a, a, b, partitionSeeds[2], "", "115792089237316195423570985008687907853269984665640564039457584007913129639936", []byte(nil), []byte(nil))

	f.Fuzz(func(t *testing.T, kind uint8, addr1, addr2, addr3, partition, extra, amount string, data, operatorData []byte) {
		amt, ok := math.NewIntFromString(amount)
		if !ok {
			amt = math.Int{} // a nil Int, as a message decoded without the field has
		}
		var msg sdk.HasValidateBasic
		switch kind % 14 {
		case 0:
			msg = &types.MsgTransferByPartition{Operator: addr1, Partition: partition, From: addr2, To: addr3, Amount: amt, ToPartition: extra, Data: data, OperatorData: operatorData}
		case 1:
			msg = &types.MsgTransferFrom{Spender: addr1, From: addr2, To: addr3, Amount: amt}
		case 2:
			msg = &types.MsgAuthorizeOperator{Holder: addr1, Operator: addr2}
		case 3:
			msg = &types.MsgRevokeOperator{Holder: addr1, Operator: addr2}
		case 4:
			msg = &types.MsgAuthorizeOperatorByPartition{Holder: addr1, Partition: partition, Operator: addr2}
		case 5:
			msg = &types.MsgRevokeOperatorByPartition{Holder: addr1, Partition: partition, Operator: addr2}
		case 6:
			msg = &types.MsgApprove{Owner: addr1, Spender: addr2, Amount: amt}
		case 7:
			msg = &types.MsgIncreaseAllowance{Owner: addr1, Spender: addr2, AddedValue: amt}
		case 8:
			msg = &types.MsgDecreaseAllowance{Owner: addr1, Spender: addr2, SubtractedValue: amt}
		case 9:
			msg = &types.MsgApproveByPartition{Owner: addr1, Partition: partition, Spender: addr2, Amount: amt}
		case 10:
			msg = &types.MsgIncreaseAllowanceByPartition{Owner: addr1, Partition: partition, Spender: addr2, AddedValue: amt}
		case 11:
			msg = &types.MsgDecreaseAllowanceByPartition{Owner: addr1, Partition: partition, Spender: addr2, SubtractedValue: amt}
		case 12:
			msg = &types.MsgRegisterCollateralManager{Manager: addr1}
		case 13:
			msg = &types.MsgSetPartitionStrategy{Authority: addr1, Prefix: partition, Strategy: extra}
		}
		err := msg.ValidateBasic()
		if err != nil {
			for _, known := range []error{
				sdkerrors.ErrInvalidAddress, types.ErrInvalidPartition, types.ErrInvalidPrefix, types.ErrInvalidAmount,
				types.ErrInvalidReceiver, types.ErrConflictingDestination, types.ErrSelfOperator, types.ErrDataTooLong,
				types.ErrUnknownStrategy,
			} {
				if errorsmod.IsOf(err, known) {
					return
				}
			}
			t.Fatalf("%T: unregistered error %v", msg, err)
		}
		// Accepted: the message server's parsing cannot fail.
		switch m := msg.(type) {
		case *types.MsgTransferByPartition:
			src, perr := types.ParsePartition(m.Partition)
			if perr != nil {
				t.Fatalf("accepted partition %q", m.Partition)
			}
			if _, rerr := types.ResolveDestination(src, m.ToPartition, m.Data); rerr != nil {
				t.Fatalf("accepted destination: %v", rerr)
			}
			if !m.Amount.IsPositive() || len(m.Data) > types.MaxDataLength || len(m.OperatorData) > types.MaxDataLength {
				t.Fatalf("accepted %+v", m)
			}
			mustAddr(t, m.Operator, m.From, m.To)
			if sdk.MustAccAddressFromBech32(m.To).Equals(sdk.AccAddress(make([]byte, len(sdk.MustAccAddressFromBech32(m.To))))) {
				t.Fatalf("accepted the zero recipient")
			}
		case *types.MsgTransferFrom:
			mustAddr(t, m.Spender, m.From, m.To)
			if !m.Amount.IsPositive() {
				t.Fatalf("accepted amount %s", m.Amount)
			}
		case *types.MsgAuthorizeOperator:
			mustAddr(t, m.Holder, m.Operator)
			if m.Holder == m.Operator {
				t.Fatal("accepted a self operator")
			}
		case *types.MsgApprove:
			mustAddr(t, m.Owner, m.Spender)
			if m.Amount.IsNil() || m.Amount.IsNegative() {
				t.Fatalf("accepted amount %v", m.Amount)
			}
		case *types.MsgSetPartitionStrategy:
			p, perr := types.ParsePrefix(m.Prefix)
			if perr != nil || p.IsZero() || m.Strategy == "" || len(m.Strategy) > types.MaxStrategyNameLength {
				t.Fatalf("accepted %+v", m)
			}
		}
	})
}

func mustAddr(t *testing.T, addrs ...string) {
	t.Helper()
	for _, a := range addrs {
		if _, err := sdk.AccAddressFromBech32(a); err != nil {
			t.Fatalf("accepted address %q: %v", a, err)
		}
	}
}

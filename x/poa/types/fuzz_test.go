package types_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/x/poa/types"
)

// The fuzz targets check that ValidateBasic never panics, that it only
// refuses with the registered errors, and that what it accepts really is
// well-formed, down to a consensus key CometBFT can read. `go test` runs the seeds; `go test -fuzz FuzzX ./x/poa/types`
// explores further.

var validateBasicErrors = []error{
	sdkerrors.ErrInvalidAddress, types.ErrInvalidPubKey, types.ErrInvalidMoniker, types.ErrInvalidPower, types.ErrInvalidParams,
}

func checkRefusal(t *testing.T, err error) {
	t.Helper()
	for _, known := range validateBasicErrors {
		if errors.Is(err, known) {
			return
		}
	}
	t.Fatalf("ValidateBasic refused with an unregistered error: %v", err)
}

func requireAccAddress(t *testing.T, field, addr string) {
	t.Helper()
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		t.Fatalf("accepted %s %q: %v", field, addr, err)
	}
}

func requireValAddress(t *testing.T, addr string) {
	t.Helper()
	if _, err := sdk.ValAddressFromBech32(addr); err != nil {
		t.Fatalf("accepted validator address %q: %v", addr, err)
	}
}

const (
	keyEd25519 uint8 = iota
	keySecp256k1
	keyRawAny
	keyNone
	keyKinds
)

func FuzzMsgCreateValidatorValidateBasic(f *testing.F) {
	registry := newRegistry()
	op := account("op").String()
	good := consKey("op").Bytes()
	f.Add(op, keyEd25519, "", good, "op")
	f.Add(op, keyEd25519, "", good[:31], "op")
	f.Add(op, keyEd25519, "", []byte{}, "op")
	f.Add(op, keySecp256k1, "", secp256k1.GenPrivKeyFromSecret([]byte("s")).PubKey().Bytes(), "op")
	f.Add(op, keyRawAny, "/cosmos.crypto.ed25519.PubKey", mustMarshal(&ed25519.PubKey{Key: good}), "op")
	f.Add(op, keyRawAny, "/cosmos.crypto.ed25519.PubKey", []byte{0x0a, 0xff}, "op")
	f.Add(op, keyRawAny, "/ampchain.poa.v1.Params", mustMarshal(&types.Params{Admin: op}), "op")
	f.Add(op, keyRawAny, "/unknown.Type", []byte("junk"), "op")
	f.Add(op, keyRawAny, "", []byte(nil), "op")
	f.Add(op, keyNone, "", []byte(nil), "op")
	f.Add("", keyEd25519, "", good, "op")
	f.Add(sdk.ValAddress(account("op")).String(), keyEd25519, "", good, "op")
	f.Add(op, keyEd25519, "", good, "")
	f.Add(op, keyEd25519, "", good, strings.Repeat("é", 36))
	f.Add(op, keyEd25519, "", good, "\x00\xff")
	f.Add("amp1\x00", keyEd25519, "", good, "op")

	f.Fuzz(func(t *testing.T, operator string, kind uint8, typeURL string, key []byte, moniker string) {
		msg := &types.MsgCreateValidator{Operator: operator, Moniker: moniker}
		switch kind % keyKinds {
		case keyEd25519:
			msg.ConsensusPubkey = anyOf(t, &ed25519.PubKey{Key: key})
		case keySecp256k1:
			msg.ConsensusPubkey = anyOf(t, &secp256k1.PubKey{Key: key})
		case keyRawAny:
			msg.ConsensusPubkey = &codectypes.Any{TypeUrl: typeURL, Value: key}
			// A refused unpack is how a node rejects such a transaction;
			// ValidateBasic must still cope with whatever is left.
			_ = msg.UnpackInterfaces(registry)
		case keyNone:
		}
		err := msg.ValidateBasic()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		requireAccAddress(t, "operator", operator)
		if len(moniker) == 0 || len(moniker) > types.MaxMonikerLength {
			t.Fatalf("accepted moniker of %d bytes", len(moniker))
		}
		pk, ok := msg.ConsensusPubkey.GetCachedValue().(cryptotypes.PubKey)
		if !ok {
			t.Fatalf("accepted a consensus key that is not a key: %s", msg.ConsensusPubkey.TypeUrl)
		}
		// The handler derives the consensus address and CometBFT's key
		// from it; neither may panic or fail for an accepted key.
		_ = pk.Address()
		if _, err := cryptocodec.ToCmtProtoPublicKey(pk); err != nil {
			t.Fatalf("accepted a %s key CometBFT cannot take: %v", pk.Type(), err)
		}
	})
}

func FuzzMsgSetValidatorPowerValidateBasic(f *testing.F) {
	admin := account("admin").String()
	valoper := sdk.ValAddress(account("op")).String()
	f.Add(admin, valoper, int64(10))
	f.Add(admin, valoper, int64(0))
	f.Add(admin, valoper, int64(-1))
	f.Add(admin, valoper, types.MaxValidatorPower)
	f.Add(admin, valoper, types.MaxValidatorPower+1)
	f.Add(admin, valoper, int64(-1<<63))
	f.Add(admin, valoper, int64(1<<63-1))
	f.Add("", valoper, int64(1))
	f.Add(admin, account("op").String(), int64(1))
	f.Add(valoper, admin, int64(1))
	f.Fuzz(func(t *testing.T, authority, validator string, power int64) {
		msg := &types.MsgSetValidatorPower{Authority: authority, ValidatorAddress: validator, Power: power}
		err := msg.ValidateBasic()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		requireAccAddress(t, "authority", authority)
		requireValAddress(t, validator)
		if power < 0 || power > types.MaxValidatorPower {
			t.Fatalf("accepted power %d", power)
		}
	})
}

func FuzzMsgRemoveValidatorValidateBasic(f *testing.F) {
	admin := account("admin").String()
	valoper := sdk.ValAddress(account("op")).String()
	f.Add(admin, valoper)
	f.Add("", valoper)
	f.Add(admin, "")
	f.Add(valoper, admin)
	f.Add(strings.ToUpper(admin), strings.ToUpper(valoper))
	f.Fuzz(func(t *testing.T, authority, validator string) {
		msg := &types.MsgRemoveValidator{Authority: authority, ValidatorAddress: validator}
		err := msg.ValidateBasic()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		requireAccAddress(t, "authority", authority)
		requireValAddress(t, validator)
	})
}

func FuzzMsgUpdateParamsValidateBasic(f *testing.F) {
	admin := account("admin").String()
	next := account("next").String()
	f.Add(admin, next)
	f.Add(admin, "")
	f.Add("", next)
	f.Add(admin, sdk.ValAddress(account("next")).String())
	f.Add(admin, admin[:len(admin)-1]+"x")
	f.Fuzz(func(t *testing.T, authority, newAdmin string) {
		msg := &types.MsgUpdateParams{Authority: authority, Params: types.NewParams(newAdmin)}
		err := msg.ValidateBasic()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		requireAccAddress(t, "authority", authority)
		requireAccAddress(t, "admin", newAdmin)
	})
}

func FuzzMsgWithdrawFeesValidateBasic(f *testing.F) {
	f.Add(account("op").String())
	f.Add("")
	f.Add(sdk.ValAddress(account("op")).String())
	f.Add("amp1")
	f.Add(strings.Repeat("1", 200))
	f.Fuzz(func(t *testing.T, operator string) {
		msg := &types.MsgWithdrawFees{Operator: operator}
		err := msg.ValidateBasic()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		requireAccAddress(t, "operator", operator)
	})
}

// FuzzMsgDecodeValidateBasic feeds raw protobuf bytes, as a transaction
// carries them, through decoding, unpacking and ValidateBasic of every
// x/poa message.
func FuzzMsgDecodeValidateBasic(f *testing.F) {
	registry := newRegistry()
	admin := account("admin").String()
	valoper := sdk.ValAddress(account("op")).String()
	create, err := types.NewMsgCreateValidator(account("op"), consKey("op"), "op")
	if err != nil {
		f.Fatal(err)
	}
	seeds := []proto.Message{
		create,
		&types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: 7},
		&types.MsgRemoveValidator{Authority: admin, ValidatorAddress: valoper},
		&types.MsgUpdateParams{Authority: admin, Params: types.NewParams(admin)},
		&types.MsgWithdrawFees{Operator: account("op").String()},
	}
	for i, m := range seeds {
		bz := mustMarshal(m)
		f.Add(uint8(i), bz)
		f.Add(uint8(i), bz[:len(bz)/2])
	}
	f.Add(uint8(0), []byte{0x12, 0x05, 0x0a, 0x01, 0x2f, 0x12, 0x00})
	f.Add(uint8(0), []byte{})

	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		var msg interface {
			proto.Message
			sdk.HasValidateBasic
		}
		switch kind % 5 {
		case 0:
			msg = &types.MsgCreateValidator{}
		case 1:
			msg = &types.MsgSetValidatorPower{}
		case 2:
			msg = &types.MsgRemoveValidator{}
		case 3:
			msg = &types.MsgUpdateParams{}
		case 4:
			msg = &types.MsgWithdrawFees{}
		}
		if err := proto.Unmarshal(data, msg); err != nil {
			return
		}
		if u, ok := msg.(codectypes.UnpackInterfacesMessage); ok {
			if err := u.UnpackInterfaces(registry); err != nil {
				return // the tx decoder refuses the transaction here
			}
		}
		if err := msg.ValidateBasic(); err != nil {
			checkRefusal(t, err)
		}
	})
}

func anyOf(t *testing.T, m proto.Message) *codectypes.Any {
	t.Helper()
	a, err := codectypes.NewAnyWithValue(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustMarshal(m proto.Message) []byte {
	bz, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	return bz
}

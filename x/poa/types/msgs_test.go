package types_test

import (
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/x/poa/types"
)

func TestMsgValidateBasic(t *testing.T) {
	admin := account("admin").String()
	operator := account("op")
	valoper := sdk.ValAddress(operator).String()
	create := func(mutate func(m *types.MsgCreateValidator)) sdk.HasValidateBasic {
		m, err := types.NewMsgCreateValidator(operator, consKey("op"), "op")
		require.NoError(t, err)
		if mutate != nil {
			mutate(m)
		}
		return m
	}

	tests := []struct {
		name    string
		msg     sdk.HasValidateBasic
		wantErr error
	}{
		{"create: valid", create(nil), nil},
		{"create: secp256k1 key passes the stateless check", create(func(m *types.MsgCreateValidator) {
			pk, err := codectypes.NewAnyWithValue(secp256k1.GenPrivKey().PubKey())
			require.NoError(t, err)
			m.ConsensusPubkey = pk
		}), nil},
		{"create: 70-byte moniker", create(func(m *types.MsgCreateValidator) { m.Moniker = strings.Repeat("x", 70) }), nil},
		{"create: empty operator", create(func(m *types.MsgCreateValidator) { m.Operator = "" }), sdkerrors.ErrInvalidAddress},
		{"create: operator as valoper", create(func(m *types.MsgCreateValidator) { m.Operator = valoper }), sdkerrors.ErrInvalidAddress},
		{"create: empty moniker", create(func(m *types.MsgCreateValidator) { m.Moniker = "" }), types.ErrInvalidMoniker},
		{"create: 71-byte moniker", create(func(m *types.MsgCreateValidator) { m.Moniker = strings.Repeat("x", 71) }), types.ErrInvalidMoniker},
		{"create: no key", create(func(m *types.MsgCreateValidator) { m.ConsensusPubkey = nil }), types.ErrInvalidPubKey},
		{"create: key Any never unpacked", create(func(m *types.MsgCreateValidator) {
			m.ConsensusPubkey = &codectypes.Any{TypeUrl: "/cosmos.crypto.ed25519.PubKey", Value: []byte{1, 2, 3}}
		}), types.ErrInvalidPubKey},
		{"create: Any holding a non-key", create(func(m *types.MsgCreateValidator) {
			a, err := codectypes.NewAnyWithValue(&types.Params{Admin: admin})
			require.NoError(t, err)
			m.ConsensusPubkey = a
		}), types.ErrInvalidPubKey},

		{"set power: valid", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: 5}, nil},
		{"set power: zero", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: 0}, nil},
		{"set power: maximum", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: types.MaxValidatorPower}, nil},
		{"set power: negative", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: -1}, types.ErrInvalidPower},
		{"set power: above maximum", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: valoper, Power: types.MaxValidatorPower + 1}, types.ErrInvalidPower},
		{"set power: bad authority", &types.MsgSetValidatorPower{Authority: "x", ValidatorAddress: valoper, Power: 1}, sdkerrors.ErrInvalidAddress},
		{"set power: account instead of valoper", &types.MsgSetValidatorPower{Authority: admin, ValidatorAddress: operator.String(), Power: 1}, sdkerrors.ErrInvalidAddress},

		{"remove: valid", &types.MsgRemoveValidator{Authority: admin, ValidatorAddress: valoper}, nil},
		{"remove: bad authority", &types.MsgRemoveValidator{Authority: "", ValidatorAddress: valoper}, sdkerrors.ErrInvalidAddress},
		{"remove: bad validator", &types.MsgRemoveValidator{Authority: admin, ValidatorAddress: ""}, sdkerrors.ErrInvalidAddress},

		{"update params: valid", &types.MsgUpdateParams{Authority: admin, Params: types.NewParams(account("next").String())}, nil},
		{"update params: bad authority", &types.MsgUpdateParams{Authority: "nope", Params: types.NewParams(admin)}, sdkerrors.ErrInvalidAddress},
		{"update params: bad new admin", &types.MsgUpdateParams{Authority: admin, Params: types.NewParams("nope")}, types.ErrInvalidParams},
		{"update params: empty new admin", &types.MsgUpdateParams{Authority: admin}, types.ErrInvalidParams},

		{"withdraw: valid", &types.MsgWithdrawFees{Operator: operator.String()}, nil},
		{"withdraw: valoper instead of account", &types.MsgWithdrawFees{Operator: valoper}, sdkerrors.ErrInvalidAddress},
		{"withdraw: empty", &types.MsgWithdrawFees{}, sdkerrors.ErrInvalidAddress},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

// A consensus key decoded from the wire keeps its bytes as sent. One of the
// wrong length must be refused by the stateless check with ErrInvalidPubKey.
//
// Regression test: such a key used to pass ValidateBasic and then panic in
// the handler (PubKey.Address() panics on a bad size).
func TestMsgCreateValidatorRejectsMalformedKey(t *testing.T) {
	for name, pk := range map[string]*codectypes.Any{
		"ed25519, 31 bytes":   mustAny(t, &ed25519.PubKey{Key: make([]byte, 31)}),
		"ed25519, empty":      mustAny(t, &ed25519.PubKey{}),
		"secp256k1, 32 bytes": mustAny(t, &secp256k1.PubKey{Key: make([]byte, 32)}),
	} {
		t.Run(name, func(t *testing.T) {
			msg := &types.MsgCreateValidator{Operator: account("op").String(), ConsensusPubkey: pk, Moniker: "op"}
			require.ErrorIs(t, msg.ValidateBasic(), types.ErrInvalidPubKey)
		})
	}
}

func mustAny(t *testing.T, v proto.Message) *codectypes.Any {
	t.Helper()
	a, err := codectypes.NewAnyWithValue(v)
	require.NoError(t, err)
	return a
}

// UnpackInterfaces is what lets a decoded transaction's key be seen.
func TestMsgCreateValidatorUnpack(t *testing.T) {
	cdc := newCodec()
	msg, err := types.NewMsgCreateValidator(account("op"), consKey("op"), "op")
	require.NoError(t, err)
	bz, err := cdc.Marshal(msg)
	require.NoError(t, err)

	var decoded types.MsgCreateValidator
	require.NoError(t, decoded.Unmarshal(bz))
	require.ErrorIs(t, decoded.ValidateBasic(), types.ErrInvalidPubKey, "the key is not visible before unpacking")
	require.NoError(t, decoded.UnpackInterfaces(cdc.InterfaceRegistry()))
	require.NoError(t, decoded.ValidateBasic())

	var viaCodec types.MsgCreateValidator
	require.NoError(t, cdc.Unmarshal(bz, &viaCodec))
	require.NoError(t, viaCodec.ValidateBasic())
}

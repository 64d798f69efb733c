package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// These tests do not link the app: addresses use whatever bech32 prefixes
// the process has, which is all the checks compare against.

func account(seed string) sdk.AccAddress {
	return sdk.AccAddress(secp256k1.GenPrivKeyFromSecret([]byte("account/" + seed)).PubKey().Address())
}

func consKey(seed string) cryptotypes.PubKey {
	return ed25519.GenPrivKeyFromSecret([]byte("consensus/" + seed)).PubKey()
}

func validator(t testing.TB, seed string, power int64) types.Validator {
	t.Helper()
	v, err := types.NewValidator(sdk.ValAddress(account(seed)), consKey(seed), seed, power)
	require.NoError(t, err)
	return v
}

func newRegistry() codectypes.InterfaceRegistry {
	registry := codectypes.NewInterfaceRegistry()
	cryptocodec.RegisterInterfaces(registry)
	types.RegisterInterfaces(registry)
	return registry
}

func newCodec() codec.Codec { return codec.NewProtoCodec(newRegistry()) }

package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

func validGenesis(t *testing.T) types.GenesisState {
	t.Helper()
	return types.GenesisState{
		Params:     types.NewParams(account("admin").String()),
		Validators: []types.Validator{validator(t, "a", 10), validator(t, "b", 20), validator(t, "idle", 0)},
		Fees: []types.ValidatorFees{{
			OperatorAddress: sdk.ValAddress(account("a")).String(),
			Outstanding:     sdk.NewDecCoins(sdk.NewDecCoinFromDec("aamp", math.LegacyMustNewDecFromStr("1.5"))),
		}},
		Tombstoned: []string{sdk.ConsAddress(consKey("cheater").Address()).String()},
	}
}

func TestGenesisValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(t *testing.T, gs *types.GenesisState)
		wantErr error
	}{
		{"valid", func(*testing.T, *types.GenesisState) {}, nil},
		{"default genesis", func(_ *testing.T, gs *types.GenesisState) {
			*gs = *types.DefaultGenesis(account("admin").String())
		}, nil},
		{"power at the maximum", func(t *testing.T, gs *types.GenesisState) {
			gs.Validators[0].Power = types.MaxValidatorPower
		}, nil},
		{"empty admin", func(_ *testing.T, gs *types.GenesisState) { gs.Params.Admin = "" }, types.ErrInvalidParams},
		{"malformed admin", func(_ *testing.T, gs *types.GenesisState) { gs.Params.Admin = "admin" }, types.ErrInvalidParams},
		{"admin as an operator address", func(_ *testing.T, gs *types.GenesisState) {
			gs.Params.Admin = sdk.ValAddress(account("admin")).String()
		}, types.ErrInvalidParams},
		{"duplicate operator", func(t *testing.T, gs *types.GenesisState) {
			dup := validator(t, "other", 5)
			dup.OperatorAddress = gs.Validators[0].OperatorAddress
			gs.Validators = append(gs.Validators, dup)
		}, types.ErrInvalidGenesis},
		{"duplicate consensus key", func(t *testing.T, gs *types.GenesisState) {
			dup := validator(t, "other", 5)
			dup.ConsensusPubkey = gs.Validators[1].ConsensusPubkey
			gs.Validators = append(gs.Validators, dup)
		}, types.ErrInvalidGenesis},
		{"duplicate consensus key on a candidate", func(t *testing.T, gs *types.GenesisState) {
			dup := validator(t, "other", 0)
			dup.ConsensusPubkey = gs.Validators[2].ConsensusPubkey
			gs.Validators = append(gs.Validators, dup)
		}, types.ErrInvalidGenesis},
		{"tombstoned key reused", func(t *testing.T, gs *types.GenesisState) {
			cheater := validator(t, "cheater", 5)
			gs.Validators = append(gs.Validators, cheater)
		}, types.ErrInvalidGenesis},
		{"tombstoned key reused by a candidate", func(t *testing.T, gs *types.GenesisState) {
			gs.Validators = append(gs.Validators, validator(t, "cheater", 0))
		}, types.ErrInvalidGenesis},
		{"malformed tombstoned address", func(_ *testing.T, gs *types.GenesisState) {
			gs.Tombstoned = append(gs.Tombstoned, "nonsense")
		}, types.ErrInvalidGenesis},
		{"tombstoned account address", func(_ *testing.T, gs *types.GenesisState) {
			gs.Tombstoned = append(gs.Tombstoned, account("x").String())
		}, types.ErrInvalidGenesis},
		{"negative power", func(_ *testing.T, gs *types.GenesisState) { gs.Validators[0].Power = -1 }, types.ErrInvalidGenesis},
		{"power above the maximum", func(_ *testing.T, gs *types.GenesisState) {
			gs.Validators[0].Power = types.MaxValidatorPower + 1
		}, types.ErrInvalidGenesis},
		{"empty moniker", func(_ *testing.T, gs *types.GenesisState) { gs.Validators[1].Moniker = "" }, types.ErrInvalidGenesis},
		{"malformed operator", func(_ *testing.T, gs *types.GenesisState) { gs.Validators[1].OperatorAddress = "bogus" }, types.ErrInvalidGenesis},
		{"operator as an account address", func(_ *testing.T, gs *types.GenesisState) {
			gs.Validators[1].OperatorAddress = account("b").String()
		}, types.ErrInvalidGenesis},
		{"no consensus key", func(_ *testing.T, gs *types.GenesisState) { gs.Validators[1].ConsensusPubkey = nil }, types.ErrInvalidGenesis},
		{"consensus key that is not a key", func(t *testing.T, gs *types.GenesisState) {
			notAKey, err := codectypes.NewAnyWithValue(&types.Params{Admin: "x"})
			require.NoError(t, err)
			gs.Validators[1].ConsensusPubkey = notAKey
		}, types.ErrInvalidGenesis},
		{"duplicate fee record", func(_ *testing.T, gs *types.GenesisState) {
			gs.Fees = append(gs.Fees, gs.Fees[0])
		}, types.ErrInvalidGenesis},
		{"fee record for a malformed operator", func(_ *testing.T, gs *types.GenesisState) {
			gs.Fees[0].OperatorAddress = "bogus"
		}, types.ErrInvalidGenesis},
		{"negative fees", func(_ *testing.T, gs *types.GenesisState) {
			gs.Fees[0].Outstanding = sdk.DecCoins{{Denom: "aamp", Amount: math.LegacyNewDec(-1)}}
		}, types.ErrInvalidGenesis},
		{"unsorted fees", func(_ *testing.T, gs *types.GenesisState) {
			gs.Fees[0].Outstanding = sdk.DecCoins{
				{Denom: "zzz", Amount: math.LegacyOneDec()}, {Denom: "aamp", Amount: math.LegacyOneDec()},
			}
		}, types.ErrInvalidGenesis},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis(t)
			tc.mutate(t, &gs)
			err := gs.Validate()
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

// The genesis file carries consensus keys as Anys: after JSON decoding
// UnpackInterfaces must resolve them or Validate cannot see the keys.
func TestGenesisJSONRoundTrip(t *testing.T) {
	cdc := newCodec()
	gs := validGenesis(t)
	bz, err := cdc.MarshalJSON(&gs)
	require.NoError(t, err)

	var decoded types.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(bz, &decoded))
	require.NoError(t, decoded.Validate())
	for i, v := range decoded.Validators {
		pk, err := v.ConsPubKey()
		require.NoError(t, err)
		want, err := gs.Validators[i].ConsPubKey()
		require.NoError(t, err)
		require.True(t, want.Equals(pk))
	}
	again, err := cdc.MarshalJSON(&decoded)
	require.NoError(t, err)
	require.Equal(t, string(bz), string(again))
}

func TestValidatorHelpers(t *testing.T) {
	v := validator(t, "v", 7)
	require.True(t, v.IsActive())
	v.Power = 0
	require.False(t, v.IsActive())

	consAddr, err := v.ConsAddress()
	require.NoError(t, err)
	require.Equal(t, sdk.ConsAddress(consKey("v").Address()), consAddr)
	op, err := v.OperatorBytes()
	require.NoError(t, err)
	require.Equal(t, sdk.ValAddress(account("v")), op)

	u, err := v.ABCIUpdate(42)
	require.NoError(t, err)
	require.Equal(t, int64(42), u.Power)
	require.Equal(t, consKey("v").Bytes(), u.PubKey.GetEd25519())

	v.ConsensusPubkey = nil
	_, err = v.ConsPubKey()
	require.ErrorIs(t, err, types.ErrInvalidPubKey)
	_, err = v.ABCIUpdate(1)
	require.ErrorIs(t, err, types.ErrInvalidPubKey)
}

// A consensus key of the wrong length must be an error, not a panic:
// `ampd genesis validate` runs Validate on files people edit by hand.
//
// Regression test: Validate calls v.ConsAddress() → PubKey.Address(), which
// panicked ("pubkey is incorrect size") for an ed25519 key that is not 32
// bytes until ConsPubKey checked the length.
func TestGenesisValidateMalformedConsensusKey(t *testing.T) {
	gs := validGenesis(t)
	short, err := codectypes.NewAnyWithValue(&ed25519.PubKey{Key: make([]byte, 31)})
	require.NoError(t, err)
	gs.Validators[1].ConsensusPubkey = short
	var validateErr error
	require.NotPanics(t, func() { validateErr = gs.Validate() })
	require.ErrorIs(t, validateErr, types.ErrInvalidGenesis)
}

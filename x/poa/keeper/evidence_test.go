package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/types"
)

func TestEvidenceAdapterView(t *testing.T) {
	vals := threeOfTen()
	f := newFixture(t, vals...)
	ev := f.k.EvidenceAdapter()
	a := vals[0]
	unknown := apptesting.NewValidator("unknown", 0)

	got, err := ev.ValidatorByConsAddr(f.ctx, unknown.ConsAddress())
	require.NoError(t, err)
	require.Nil(t, got, "x/evidence ignores unknown addresses")

	got, err = ev.ValidatorByConsAddr(f.ctx, a.ConsAddress())
	require.NoError(t, err)
	require.NotNil(t, got)
	require.Equal(t, a.ValAddress().String(), got.GetOperator())
	require.True(t, got.IsBonded())
	require.False(t, got.IsJailed())
	require.Equal(t, math.NewInt(10), got.GetTokens())
	consAddr, err := got.GetConsAddr()
	require.NoError(t, err)
	require.Equal(t, []byte(a.ConsAddress()), consAddr)

	pk, err := ev.GetPubkey(f.ctx, a.ConsAddress().Bytes())
	require.NoError(t, err)
	require.True(t, pk.Equals(a.ConsKey.PubKey()))
	_, err = ev.GetPubkey(f.ctx, unknown.ConsAddress().Bytes())
	require.ErrorIs(t, err, types.ErrValidatorNotFound)

	require.True(t, ev.HasValidatorSigningInfo(f.ctx, a.ConsAddress()))
	require.False(t, ev.HasValidatorSigningInfo(f.ctx, unknown.ConsAddress()))

	fraction, err := ev.SlashFractionDoubleSign(f.ctx)
	require.NoError(t, err)
	require.Equal(t, math.LegacyOneDec(), fraction)
	params, err := ev.GetParams(f.ctx)
	require.NoError(t, err)
	require.Equal(t, stakingtypes.DefaultParams(), params)
	require.NotNil(t, ev.ConsensusAddressCodec())
	s, err := ev.ConsensusAddressCodec().BytesToString(a.ConsAddress())
	require.NoError(t, err)
	require.Equal(t, a.ConsAddress().String(), s)

	// Jailing is a no-op: nothing changes.
	require.NoError(t, ev.Jail(f.ctx, a.ConsAddress()))
	require.NoError(t, ev.JailUntil(f.ctx, a.ConsAddress(), f.ctx.BlockTime()))
	require.Equal(t, map[string]int64{
		vals[0].ValAddress().String(): 10, vals[1].ValAddress().String(): 10, vals[2].ValAddress().String(): 10,
	}, powers(t, f.ctx, f.k))
}

func TestEvidenceAdapterSlashRemoves(t *testing.T) {
	tests := []struct {
		name  string
		slash func(f *fixture, consAddr sdk.ConsAddress) error
	}{
		{"Slash", func(f *fixture, c sdk.ConsAddress) error {
			return f.k.EvidenceAdapter().Slash(f.ctx, c, math.LegacyOneDec(), 10, 1)
		}},
		{"SlashWithInfractionReason", func(f *fixture, c sdk.ConsAddress) error {
			return f.k.EvidenceAdapter().SlashWithInfractionReason(f.ctx, c, math.LegacyOneDec(), 10, 1, stakingtypes.Infraction_INFRACTION_DOUBLE_SIGN)
		}},
		{"RemoveForDoubleSign", func(f *fixture, c sdk.ConsAddress) error {
			return f.k.RemoveForDoubleSign(f.ctx, c)
		}},
	}
	// Half the power: beyond the admin's 1/3 budget, but evidence is not
	// bound by it.
	big := apptesting.NewValidator("big", 20)
	shared := newFixture(t, big, apptesting.NewValidator("x", 10), apptesting.NewValidator("y", 10))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := shared.branch()
			require.NoError(t, tc.slash(f, big.ConsAddress()))

			_, err := f.k.GetValidator(f.ctx, big.ValAddress())
			require.ErrorIs(t, err, types.ErrValidatorNotFound)
			require.Equal(t, []*types.EventValidatorRemoved{{
				OperatorAddress: big.ValAddress().String(), ConsensusAddress: big.ConsAddress().String(), Reason: types.RemovalReasonDoubleSign,
			}}, typedEvents[*types.EventValidatorRemoved](t, f.ctx.EventManager().ABCIEvents()))
			updates, err := f.k.EndBlocker(f.ctx)
			require.NoError(t, err)
			require.Equal(t, []abci.ValidatorUpdate{update(t, big, 0)}, updates)
			requireInvariants(t, f.ctx, f.k)

			// A second report about the same address does nothing.
			require.NoError(t, tc.slash(f, big.ConsAddress()))
			updates, err = f.k.EndBlocker(f.ctx)
			require.NoError(t, err)
			require.Empty(t, updates)
		})
	}
}

func TestEvidenceAdapterKeepsLastValidator(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	f := newFixture(t, solo, apptesting.NewValidator("idle", 0))
	require.NoError(t, f.k.RemoveForDoubleSign(f.ctx, solo.ConsAddress()))
	v, err := f.k.GetValidator(f.ctx, solo.ValAddress())
	require.NoError(t, err)
	require.Equal(t, int64(10), v.Power)
	require.Empty(t, typedEvents[*types.EventValidatorRemoved](t, f.ctx.EventManager().ABCIEvents()))
	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates)
	requireInvariants(t, f.ctx, f.k)
}

func TestEvidenceAdapterTombstone(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	ev := f.k.EvidenceAdapter()
	c := apptesting.NewValidator("tomb", 0).ConsAddress()
	require.False(t, ev.IsTombstoned(f.ctx, c))
	require.NoError(t, ev.Tombstone(f.ctx, c))
	require.True(t, ev.IsTombstoned(f.ctx, c))
	has, err := f.k.Tombstoned.Has(f.ctx, c)
	require.NoError(t, err)
	require.True(t, has)
}

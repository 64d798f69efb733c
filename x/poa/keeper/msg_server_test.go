package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/types"
)

func TestCreateValidator(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	erin := apptesting.NewValidator("erin", 0)

	resp, err := f.msgs.CreateValidator(f.ctx, f.createMsg(t, erin.Address, erin.ConsKey.PubKey(), erin.Moniker))
	require.NoError(t, err)
	require.NotNil(t, resp)

	v, err := f.k.GetValidator(f.ctx, erin.ValAddress())
	require.NoError(t, err)
	require.Equal(t, erin.ValAddress().String(), v.OperatorAddress)
	require.Equal(t, "erin", v.Moniker)
	require.Zero(t, v.Power, "a candidate starts with power 0")
	require.False(t, v.IsActive())
	pk, err := v.ConsPubKey()
	require.NoError(t, err)
	require.True(t, pk.Equals(erin.ConsKey.PubKey()))

	byCons, err := f.k.GetValidatorByConsAddr(f.ctx, erin.ConsAddress())
	require.NoError(t, err)
	require.Equal(t, v.OperatorAddress, byCons.OperatorAddress, "indexed by consensus address")
	indexed, err := f.k.ValidatorsByCons.Get(f.ctx, erin.ConsAddress())
	require.NoError(t, err)
	require.Equal(t, []byte(erin.ValAddress()), indexed)

	events := typedEvents[*types.EventValidatorCreated](t, f.ctx.EventManager().ABCIEvents())
	require.Equal(t, []*types.EventValidatorCreated{{
		OperatorAddress:  erin.ValAddress().String(),
		ConsensusAddress: erin.ConsAddress().String(),
		Moniker:          "erin",
	}}, events)

	active, err := f.k.IsActiveValidatorAccount(f.ctx, erin.Address)
	require.NoError(t, err)
	require.False(t, active)
	total, err := f.k.TotalPower(f.ctx)
	require.NoError(t, err)
	require.Equal(t, int64(30), total, "a candidate adds no power")

	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates, "a candidate is not sent to CometBFT")
	require.Empty(t, pending(t, f.ctx, f.k))
	require.NotContains(t, lastSet(t, f.ctx, f.k), erin.ConsAddress().String())
	requireInvariants(t, f.ctx, f.k)
}

func TestCreateValidatorRefused(t *testing.T) {
	vals := threeOfTen()
	fresh := apptesting.NewValidator("fresh", 0)
	tombstonedKey := ed25519.GenPrivKeyFromSecret([]byte("tombstoned")).PubKey()

	tests := []struct {
		name     string
		operator sdk.AccAddress
		pubKey   cryptotypes.PubKey
		moniker  string
		mutate   func(msg *types.MsgCreateValidator)
		wantErr  error
	}{
		{
			name:     "operator already registered",
			operator: vals[0].Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  "again",
			wantErr:  types.ErrValidatorExists,
		},
		{
			name:     "consensus key in use by another operator",
			operator: fresh.Address,
			pubKey:   vals[1].ConsKey.PubKey(),
			moniker:  "copycat",
			wantErr:  types.ErrConsensusKeyInUse,
		},
		{
			name:     "tombstoned consensus key",
			operator: fresh.Address,
			pubKey:   tombstonedKey,
			moniker:  "returning",
			wantErr:  types.ErrConsensusKeyTombstone,
		},
		{
			name:     "secp256k1 consensus key",
			operator: fresh.Address,
			pubKey:   secp256k1.GenPrivKeyFromSecret([]byte("secp")).PubKey(),
			moniker:  "secp",
			wantErr:  types.ErrInvalidPubKey,
		},
		{
			name:     "empty moniker",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  "",
			wantErr:  types.ErrInvalidMoniker,
		},
		{
			name:     "moniker one byte too long",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  strings.Repeat("m", types.MaxMonikerLength+1),
			wantErr:  types.ErrInvalidMoniker,
		},
		{
			name:     "moniker too long in bytes though not in runes",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  strings.Repeat("é", types.MaxMonikerLength/2+1),
			wantErr:  types.ErrInvalidMoniker,
		},
		{
			name:     "malformed operator",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  "fresh",
			mutate:   func(msg *types.MsgCreateValidator) { msg.Operator = "amp1notanaddress" },
			wantErr:  sdkerrors.ErrInvalidAddress,
		},
		{
			name:     "no consensus key",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  "fresh",
			mutate:   func(msg *types.MsgCreateValidator) { msg.ConsensusPubkey = nil },
			wantErr:  types.ErrInvalidPubKey,
		},
		{
			name:     "consensus key Any that is not a key",
			operator: fresh.Address,
			pubKey:   fresh.ConsKey.PubKey(),
			moniker:  "fresh",
			mutate: func(msg *types.MsgCreateValidator) {
				notAKey, err := codectypes.NewAnyWithValue(&types.Params{Admin: "x"})
				if err != nil {
					panic(err)
				}
				msg.ConsensusPubkey = notAKey
			},
			wantErr: types.ErrInvalidPubKey,
		},
	}
	shared := newFixture(t, vals...)
	require.NoError(t, shared.k.EvidenceAdapter().Tombstone(shared.ctx, sdk.ConsAddress(tombstonedKey.Address())))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := shared.branch()
			before := powers(t, f.ctx, f.k)
			pendingBefore := pending(t, f.ctx, f.k)

			msg := f.createMsg(t, tc.operator, tc.pubKey, tc.moniker)
			if tc.mutate != nil {
				tc.mutate(msg)
			}
			// CreateValidator checks everything before it writes, so even
			// a direct call on f.ctx must leave the state untouched.
			_, err := f.msgs.CreateValidator(f.ctx, msg)
			require.ErrorIs(t, err, tc.wantErr)
			require.Equal(t, before, powers(t, f.ctx, f.k))
			require.Equal(t, pendingBefore, pending(t, f.ctx, f.k))
			require.Empty(t, typedEvents[*types.EventValidatorCreated](t, f.ctx.EventManager().ABCIEvents()))
			requireInvariants(t, f.ctx, f.k)
		})
	}
}

func TestCreateValidatorMonikerBoundary(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	erin := apptesting.NewValidator("erin", 0)
	moniker := strings.Repeat("é", types.MaxMonikerLength/2) // exactly 70 bytes
	require.Len(t, moniker, types.MaxMonikerLength)
	_, err := f.msgs.CreateValidator(f.ctx, f.createMsg(t, erin.Address, erin.ConsKey.PubKey(), moniker))
	require.NoError(t, err)
	v, err := f.k.GetValidator(f.ctx, erin.ValAddress())
	require.NoError(t, err)
	require.Equal(t, moniker, v.Moniker)
}

// The allowed key types come from CometBFT's consensus params when the
// block carries them.
func TestCreateValidatorFollowsConsensusParamsKeyTypes(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	ctx := f.ctx.WithConsensusParams(cmtproto.ConsensusParams{
		Validator: &cmtproto.ValidatorParams{PubKeyTypes: []string{"secp256k1"}},
	})
	edOperator := apptesting.NewAccount("ed-operator")
	_, err := f.msgs.CreateValidator(ctx, f.createMsg(t, edOperator.Address, ed25519.GenPrivKeyFromSecret([]byte("ed")).PubKey(), "ed"))
	require.ErrorIs(t, err, types.ErrInvalidPubKey)

	secpOperator := apptesting.NewAccount("secp-operator")
	secpKey := secp256k1.GenPrivKeyFromSecret([]byte("secp")).PubKey()
	_, err = f.msgs.CreateValidator(ctx, f.createMsg(t, secpOperator.Address, secpKey, "secp"))
	require.NoError(t, err)
	v, err := f.k.GetValidatorByConsAddr(ctx, sdk.ConsAddress(secpKey.Address()))
	require.NoError(t, err)
	require.Equal(t, sdk.ValAddress(secpOperator.Address).String(), v.OperatorAddress)
}

// A key removed for double-signing can never come back, under any operator.
func TestCreateValidatorAfterDoubleSignRemoval(t *testing.T) {
	vals := append(threeOfTen(), apptesting.NewValidator("d", 10))
	f := newFixture(t, vals...)
	b := vals[1]
	ev := f.k.EvidenceAdapter()
	require.NoError(t, ev.Slash(f.ctx, b.ConsAddress(), math.LegacyOneDec(), 10, 1))
	require.NoError(t, ev.Tombstone(f.ctx, b.ConsAddress()))
	require.True(t, ev.IsTombstoned(f.ctx, b.ConsAddress()))

	_, err := f.msgs.CreateValidator(f.ctx, f.createMsg(t, b.Address, b.ConsKey.PubKey(), "b-again"))
	require.ErrorIs(t, err, types.ErrConsensusKeyTombstone)
	other := apptesting.NewAccount("other")
	_, err = f.msgs.CreateValidator(f.ctx, f.createMsg(t, other.Address, b.ConsKey.PubKey(), "other"))
	require.ErrorIs(t, err, types.ErrConsensusKeyTombstone)

	// The operator itself may come back with a fresh key.
	_, err = f.msgs.CreateValidator(f.ctx, f.createMsg(t, b.Address, ed25519.GenPrivKeyFromSecret([]byte("b2")).PubKey(), "b-new-key"))
	require.NoError(t, err)
	requireInvariants(t, f.ctx, f.k)
}

func TestSetValidatorPowerAuthorization(t *testing.T) {
	vals := threeOfTen()
	erin := apptesting.NewValidator("erin", 0)
	f := newFixture(t, vals...)
	f.register(t, f.ctx, erin)
	_, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)

	tests := []struct {
		name      string
		authority string
		validator string
		power     int64
		wantErr   error
	}{
		{"stranger", f.stranger.Address.String(), erin.ValAddress().String(), 5, types.ErrUnauthorized},
		{"a validator that is not the admin", vals[0].Address.String(), erin.ValAddress().String(), 5, types.ErrUnauthorized},
		{"the candidate itself", erin.Address.String(), erin.ValAddress().String(), 5, types.ErrUnauthorized},
		{"malformed authority", "amp1bogus", erin.ValAddress().String(), 5, sdkerrors.ErrInvalidAddress},
		{"unknown validator", f.admin.Address.String(), sdk.ValAddress(f.stranger.Address).String(), 5, types.ErrValidatorNotFound},
		{"account address instead of operator address", f.admin.Address.String(), erin.Address.String(), 5, sdkerrors.ErrInvalidAddress},
		{"negative power", f.admin.Address.String(), erin.ValAddress().String(), -1, types.ErrInvalidPower},
		{"power above the maximum", f.admin.Address.String(), erin.ValAddress().String(), types.MaxValidatorPower + 1, types.ErrInvalidPower},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := powers(t, f.ctx, f.k)
			ctx := f.ctx.WithEventManager(sdk.NewEventManager())
			// These checks all come before the first write, so the state
			// is unchanged even without a branch.
			_, err := f.msgs.SetValidatorPower(ctx, &types.MsgSetValidatorPower{
				Authority: tc.authority, ValidatorAddress: tc.validator, Power: tc.power,
			})
			require.ErrorIs(t, err, tc.wantErr)
			require.Equal(t, before, powers(t, f.ctx, f.k))
			require.Empty(t, pending(t, f.ctx, f.k))
			require.Empty(t, ctx.EventManager().ABCIEvents())
		})
	}
	requireInvariants(t, f.ctx, f.k)
}

func TestSetValidatorPowerOneThirdBoundary(t *testing.T) {
	vals := threeOfTen() // total 30: at most 10 may change per block
	erin := apptesting.NewValidator("erin", 0)
	tests := []struct {
		name    string
		target  func() apptesting.Validator
		power   int64
		wantErr error
	}{
		{"activate a candidate with exactly 1/3", func() apptesting.Validator { return erin }, 10, nil},
		{"activate a candidate with one more than 1/3", func() apptesting.Validator { return erin }, 11, types.ErrPowerChangeTooLarge},
		{"raise a validator by exactly 1/3", func() apptesting.Validator { return vals[0] }, 20, nil},
		{"raise a validator by one more than 1/3", func() apptesting.Validator { return vals[0] }, 21, types.ErrPowerChangeTooLarge},
		{"lower a validator to 0 (change of exactly 1/3)", func() apptesting.Validator { return vals[1] }, 0, nil},
		{"lower a validator by 9", func() apptesting.Validator { return vals[1] }, 1, nil},
		{"set the same power", func() apptesting.Validator { return vals[2] }, 10, nil},
	}
	shared := newFixture(t, vals...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := shared.branch()
			f.register(t, f.ctx, erin)
			target := tc.target()
			oldPower := powers(t, f.ctx, f.k)[target.ValAddress().String()]
			ctx := f.ctx.WithEventManager(sdk.NewEventManager())

			err := f.setPower(ctx, f.admin.Address, target, tc.power)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.Equal(t, oldPower, powers(t, f.ctx, f.k)[target.ValAddress().String()])
				require.Empty(t, typedEvents[*types.EventValidatorPowerChanged](t, ctx.EventManager().ABCIEvents()))
				updates, err := f.k.EndBlocker(f.ctx)
				require.NoError(t, err)
				require.Empty(t, updates)
			} else {
				require.NoError(t, err)
				require.Equal(t, tc.power, powers(t, f.ctx, f.k)[target.ValAddress().String()])
				require.Equal(t, []*types.EventValidatorPowerChanged{{
					OperatorAddress: target.ValAddress().String(), OldPower: oldPower, NewPower: tc.power,
				}}, typedEvents[*types.EventValidatorPowerChanged](t, ctx.EventManager().ABCIEvents()))
				updates, err := f.k.EndBlocker(f.ctx)
				require.NoError(t, err)
				if tc.power == oldPower {
					require.Empty(t, updates)
				} else {
					require.Equal(t, []abci.ValidatorUpdate{update(t, target, tc.power)}, updates)
				}
			}
			requireInvariants(t, f.ctx, f.k)
		})
	}
}

// Changes queued in one block count together against the 1/3 budget, and
// the budget is measured against the set CometBFT last saw.
func TestSetValidatorPowerCumulativeBudget(t *testing.T) {
	vals := threeOfTen()
	a, b := vals[0], vals[1]
	erin := apptesting.NewValidator("erin", 0)
	f := newFixture(t, vals...)
	f.register(t, f.ctx, erin)

	require.NoError(t, f.setPower(f.ctx, f.admin.Address, erin, 6)) // 6 of 10 used
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, a, 13))   // 9 of 10
	err := f.setPower(f.ctx, f.admin.Address, b, 8)                 // 11 > 10
	require.ErrorIs(t, err, types.ErrPowerChangeTooLarge)
	require.Equal(t, int64(10), powers(t, f.ctx, f.k)[b.ValAddress().String()], "the refused change is not kept")
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, b, 9)) // exactly 10

	// Undoing a change frees its budget again: the queue compares with what
	// CometBFT last saw, not with the intermediate value.
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, a, 10)) // 7 of 10
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, a, 13)) // 10 of 10 again
	require.ErrorIs(t, f.setPower(f.ctx, f.admin.Address, a, 14), types.ErrPowerChangeTooLarge)

	// A direct call outside a branch is not rolled back: the guard runs
	// after the write. This documents why every refusal above goes through
	// deliver, as a real transaction would.
	cacheCtx, _ := f.ctx.CacheContext()
	_, err = f.msgs.SetValidatorPower(cacheCtx, &types.MsgSetValidatorPower{
		Authority: f.admin.Address.String(), ValidatorAddress: a.ValAddress().String(), Power: 20,
	})
	require.ErrorIs(t, err, types.ErrPowerChangeTooLarge)
	v, err := f.k.GetValidator(cacheCtx, a.ValAddress())
	require.NoError(t, err)
	require.Equal(t, int64(20), v.Power, "written before the guard refused it")
	v, err = f.k.GetValidator(f.ctx, a.ValAddress())
	require.NoError(t, err)
	require.Equal(t, int64(13), v.Power, "the discarded branch left the block state alone")

	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Equal(t, sortedUpdates(t, update(t, a, 13), update(t, b, 9), update(t, erin, 6)), updates)

	// The next block has a fresh budget against the new total of 38: 12
	// (36 <= 38) is fine, 13 (39 > 38) is not.
	require.Equal(t, map[string]int64{
		a.ConsAddress().String(): 13, b.ConsAddress().String(): 9,
		vals[2].ConsAddress().String(): 10, erin.ConsAddress().String(): 6,
	}, lastSet(t, f.ctx, f.k))
	require.ErrorIs(t, f.setPower(f.ctx, f.admin.Address, erin, 19), types.ErrPowerChangeTooLarge)
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, erin, 18))
	updates, err = f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Equal(t, []abci.ValidatorUpdate{update(t, erin, 18)}, updates)
	requireInvariants(t, f.ctx, f.k)
}

func TestSetLastValidatorPowerToZero(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	f := newFixture(t, solo)
	err := f.setPower(f.ctx, f.admin.Address, solo, 0)
	require.ErrorIs(t, err, types.ErrLastValidator)
	require.Equal(t, int64(10), powers(t, f.ctx, f.k)[solo.ValAddress().String()])

	// Swapping the only validator for a candidate in one block would also
	// leave CometBFT without the set it trusts; the power guard refuses it.
	erin := apptesting.NewValidator("erin", 0)
	f.register(t, f.ctx, erin)
	err = deliver(f.ctx, func(ctx sdk.Context) error {
		if _, err := f.msgs.SetValidatorPower(ctx, &types.MsgSetValidatorPower{
			Authority: f.admin.Address.String(), ValidatorAddress: erin.ValAddress().String(), Power: 3,
		}); err != nil {
			return err
		}
		_, err := f.msgs.SetValidatorPower(ctx, &types.MsgSetValidatorPower{
			Authority: f.admin.Address.String(), ValidatorAddress: solo.ValAddress().String(), Power: 0,
		})
		return err
	})
	require.ErrorIs(t, err, types.ErrPowerChangeTooLarge)
	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates)
	requireInvariants(t, f.ctx, f.k)
}

func TestRemoveValidator(t *testing.T) {
	vals := threeOfTen()
	c := vals[2]
	f := newFixture(t, vals...)

	t.Run("refused for non-admins and unknown validators", func(t *testing.T) {
		for _, who := range []sdk.AccAddress{f.stranger.Address, vals[0].Address, c.Address} {
			require.ErrorIs(t, f.remove(f.ctx, who, c), types.ErrUnauthorized)
		}
		unknown := apptesting.NewValidator("unknown", 0)
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, unknown), types.ErrValidatorNotFound)
		_, err := f.msgs.RemoveValidator(f.ctx, &types.MsgRemoveValidator{Authority: f.admin.Address.String(), ValidatorAddress: "ampvaloper1bogus"})
		require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
		require.Len(t, powers(t, f.ctx, f.k), 3)
		require.Empty(t, pending(t, f.ctx, f.k))
	})

	t.Run("the admin removes a validator", func(t *testing.T) {
		ctx := f.ctx.WithEventManager(sdk.NewEventManager())
		require.NoError(t, f.remove(ctx, f.admin.Address, c))
		_, err := f.k.GetValidator(f.ctx, c.ValAddress())
		require.ErrorIs(t, err, types.ErrValidatorNotFound)
		has, err := f.k.ValidatorsByCons.Has(f.ctx, c.ConsAddress())
		require.NoError(t, err)
		require.False(t, has, "the consensus index is cleared")
		require.Equal(t, []*types.EventValidatorRemoved{{
			OperatorAddress: c.ValAddress().String(), ConsensusAddress: c.ConsAddress().String(), Reason: types.RemovalReasonAdmin,
		}}, typedEvents[*types.EventValidatorRemoved](t, ctx.EventManager().ABCIEvents()))
		// Not tombstoned: an admin removal is no punishment.
		tomb, err := f.k.Tombstoned.Has(f.ctx, c.ConsAddress())
		require.NoError(t, err)
		require.False(t, tomb)

		updates, err := f.k.EndBlocker(f.ctx)
		require.NoError(t, err)
		require.Equal(t, []abci.ValidatorUpdate{update(t, c, 0)}, updates)
		require.NotContains(t, lastSet(t, f.ctx, f.k), c.ConsAddress().String())
		requireInvariants(t, f.ctx, f.k)

		// Vote extensions of the removed validator still verify for the
		// heights CometBFT keeps it signing.
		pk, err := f.k.GetPubKeyByConsAddr(f.ctx, c.ConsAddress())
		require.NoError(t, err)
		require.Equal(t, cmtKey(t, c), pk)

		// Not tombstoned, so it may register again.
		f.register(t, f.ctx, c)
	})
}

func TestRemoveCandidateSendsNoUpdate(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	erin := apptesting.NewValidator("erin", 0)
	f.register(t, f.ctx, erin)
	_, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.NoError(t, f.remove(f.ctx, f.admin.Address, erin))
	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates)
	requireInvariants(t, f.ctx, f.k)
}

func TestRemoveValidatorGuards(t *testing.T) {
	t.Run("the last validator stays", func(t *testing.T) {
		solo := apptesting.NewValidator("solo", 10)
		f := newFixture(t, solo)
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, solo), types.ErrLastValidator)
		require.Equal(t, map[string]int64{solo.ValAddress().String(): 10}, powers(t, f.ctx, f.k))
		require.Empty(t, pending(t, f.ctx, f.k))
		requireInvariants(t, f.ctx, f.k)
	})
	t.Run("the last active validator stays even with candidates around", func(t *testing.T) {
		solo := apptesting.NewValidator("solo", 10)
		f := newFixture(t, solo, apptesting.NewValidator("idle", 0))
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, solo), types.ErrLastValidator)
	})
	t.Run("more than 1/3 of the power", func(t *testing.T) {
		big := apptesting.NewValidator("big", 20)
		f := newFixture(t, big, apptesting.NewValidator("x", 10), apptesting.NewValidator("y", 10))
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, big), types.ErrPowerChangeTooLarge)
		require.Len(t, powers(t, f.ctx, f.k), 3)
	})
	t.Run("one of two equal validators is half the power", func(t *testing.T) {
		x := apptesting.NewValidator("x", 10)
		f := newFixture(t, x, apptesting.NewValidator("y", 10))
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, x), types.ErrPowerChangeTooLarge)
	})
	t.Run("two removals in one block count together", func(t *testing.T) {
		vals := append(threeOfTen(), apptesting.NewValidator("d", 10)) // 40: 13 per block
		f := newFixture(t, vals...)
		require.NoError(t, f.remove(f.ctx, f.admin.Address, vals[0]))
		require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, vals[1]), types.ErrPowerChangeTooLarge)
		updates, err := f.k.EndBlocker(f.ctx)
		require.NoError(t, err)
		require.Equal(t, []abci.ValidatorUpdate{update(t, vals[0], 0)}, updates)
		// 30 left: the next block may remove another 10.
		require.NoError(t, f.remove(f.ctx, f.admin.Address, vals[1]))
		requireInvariants(t, f.ctx, f.k)
	})
}

func TestUpdateParams(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	newAdmin := apptesting.NewAccount("new-admin")
	erin := apptesting.NewValidator("erin", 0)
	f.register(t, f.ctx, erin)

	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.stranger.Address.String(), Params: types.NewParams(f.stranger.Address.String())})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.admin.Address.String(), Params: types.NewParams("not-an-address")})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.admin.Address.String(), Params: types.Params{}})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	params, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, f.admin.Address.String(), params.Admin)

	ctx := f.ctx.WithEventManager(sdk.NewEventManager())
	_, err = f.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: f.admin.Address.String(), Params: types.NewParams(newAdmin.Address.String())})
	require.NoError(t, err)
	params, err = f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, newAdmin.Address.String(), params.Admin)
	require.Equal(t, []*types.EventParamsUpdated{{Admin: newAdmin.Address.String()}},
		typedEvents[*types.EventParamsUpdated](t, ctx.EventManager().ABCIEvents()))

	// The old admin has lost every power.
	require.ErrorIs(t, f.setPower(f.ctx, f.admin.Address, erin, 1), types.ErrUnauthorized)
	require.ErrorIs(t, f.remove(f.ctx, f.admin.Address, erin), types.ErrUnauthorized)
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.admin.Address.String(), Params: types.NewParams(f.admin.Address.String())})
	require.ErrorIs(t, err, types.ErrUnauthorized)

	// The new one has them.
	require.NoError(t, f.setPower(f.ctx, newAdmin.Address, erin, 1))
	require.Equal(t, int64(1), powers(t, f.ctx, f.k)[erin.ValAddress().String()])
	require.NoError(t, f.remove(f.ctx, newAdmin.Address, erin))
	requireInvariants(t, f.ctx, f.k)
}

func TestWithdrawFeesNothingOwed(t *testing.T) {
	vals := threeOfTen()
	f := newFixture(t, vals...)

	_, err := f.msgs.WithdrawFees(f.ctx, &types.MsgWithdrawFees{Operator: vals[0].Address.String()})
	require.ErrorIs(t, err, types.ErrNoFees)
	_, err = f.msgs.WithdrawFees(f.ctx, &types.MsgWithdrawFees{Operator: f.stranger.Address.String()})
	require.ErrorIs(t, err, types.ErrNoFees)
	_, err = f.msgs.WithdrawFees(f.ctx, &types.MsgWithdrawFees{Operator: "amp1bogus"})
	require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)

	// Less than one whole coin is not paid out and stays owed.
	half := sdk.NewDecCoinsFromCoins(sdk.NewInt64Coin("aamp", 1)).MulDec(math.LegacyMustNewDecFromStr("0.5"))
	require.NoError(t, f.k.OutstandingFees.Set(f.ctx, vals[0].ValAddress(), types.ValidatorFees{
		OperatorAddress: vals[0].ValAddress().String(), Outstanding: half,
	}))
	_, err = f.msgs.WithdrawFees(f.ctx, &types.MsgWithdrawFees{Operator: vals[0].Address.String()})
	require.ErrorIs(t, err, types.ErrNoFees)
	rec, err := f.k.OutstandingFees.Get(f.ctx, vals[0].ValAddress())
	require.NoError(t, err)
	require.Equal(t, half, rec.Outstanding)
}

// A consensus key of the wrong length must be refused with
// ErrInvalidPubKey. Regression test: ValidateBasic and checkPubKeyType used
// to accept any length, and sdk.ConsAddress(pk.Address()) then panicked
// ("pubkey is incorrect size"); in a real block baseapp turned the panic
// into a generic ErrPanic failure instead of the registered error.
func TestCreateValidatorMalformedKeyIsRefusedNotPanicking(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	operator := apptesting.NewAccount("short-key")
	pkAny, err := codectypes.NewAnyWithValue(&ed25519.PubKey{Key: make([]byte, 31)})
	require.NoError(t, err)
	msg := &types.MsgCreateValidator{Operator: operator.Address.String(), ConsensusPubkey: pkAny, Moniker: "short"}
	var createErr error
	require.NotPanics(t, func() { _, createErr = f.msgs.CreateValidator(f.ctx, msg) })
	require.ErrorIs(t, createErr, types.ErrInvalidPubKey)
	_, err = f.k.GetValidator(f.ctx, sdk.ValAddress(operator.Address))
	require.ErrorIs(t, err, types.ErrValidatorNotFound)
}

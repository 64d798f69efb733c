package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app/apptesting"
)

// requireLastSetIsActiveSet checks that what CometBFT was last told equals
// the active validators with their powers.
func requireLastSetIsActiveSet(t *testing.T, f *fixture, ctx sdk.Context) {
	t.Helper()
	active, err := f.k.ActiveValidators(ctx)
	require.NoError(t, err)
	want := map[string]int64{}
	for _, v := range active {
		c, err := v.ConsAddress()
		require.NoError(t, err)
		want[c.String()] = v.Power
	}
	require.Equal(t, want, lastSet(t, ctx, f.k))
}

func TestGenesisFillsLastValidatorSet(t *testing.T) {
	vals := threeOfTen()
	f := newFixture(t, append(vals, apptesting.NewValidator("idle", 0))...)
	require.Equal(t, map[string]int64{
		vals[0].ConsAddress().String(): 10, vals[1].ConsAddress().String(): 10, vals[2].ConsAddress().String(): 10,
	}, lastSet(t, f.ctx, f.k))
	require.Empty(t, pending(t, f.ctx, f.k))
	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates, "genesis validators went out with InitChain")
}

func TestEndBlockerUpdates(t *testing.T) {
	vals := threeOfTen()
	a, b, c := vals[0], vals[1], vals[2]
	erin := apptesting.NewValidator("erin", 0)

	steps := []struct {
		name  string
		apply func(t *testing.T, f *fixture, ctx sdk.Context)
		want  func(t *testing.T) []abci.ValidatorUpdate
	}{
		{
			name: "activation sends the candidate's key and power",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				f.register(t, ctx, erin)
				require.NoError(t, f.setPower(ctx, f.admin.Address, erin, 7))
			},
			want: func(t *testing.T) []abci.ValidatorUpdate { return []abci.ValidatorUpdate{update(t, erin, 7)} },
		},
		{
			name: "re-weighting sends the new power",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				require.NoError(t, f.setPower(ctx, f.admin.Address, a, 15))
				require.NoError(t, f.setPower(ctx, f.admin.Address, b, 6))
			},
			want: func(t *testing.T) []abci.ValidatorUpdate {
				return sortedUpdates(t, update(t, a, 15), update(t, b, 6))
			},
		},
		{
			name: "power back to its last value within the block sends nothing",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				require.NoError(t, f.setPower(ctx, f.admin.Address, c, 13))
				require.NoError(t, f.setPower(ctx, f.admin.Address, c, 10))
			},
			want: func(*testing.T) []abci.ValidatorUpdate { return nil },
		},
		{
			name: "removal sends power 0 for the removed key",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				require.NoError(t, f.remove(ctx, f.admin.Address, b))
			},
			want: func(t *testing.T) []abci.ValidatorUpdate { return []abci.ValidatorUpdate{update(t, b, 0)} },
		},
		{
			name: "deactivation to power 0 sends power 0 and keeps the candidate",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				require.NoError(t, f.setPower(ctx, f.admin.Address, erin, 0))
			},
			want: func(t *testing.T) []abci.ValidatorUpdate { return []abci.ValidatorUpdate{update(t, erin, 0)} },
		},
		{
			name: "a candidate registered and removed in one block sends nothing",
			apply: func(t *testing.T, f *fixture, ctx sdk.Context) {
				ghost := apptesting.NewValidator("ghost", 0)
				f.register(t, ctx, ghost)
				require.NoError(t, f.remove(ctx, f.admin.Address, ghost))
			},
			want: func(*testing.T) []abci.ValidatorUpdate { return nil },
		},
		{
			name:  "a block without changes sends nothing",
			apply: func(*testing.T, *fixture, sdk.Context) {},
			want:  func(*testing.T) []abci.ValidatorUpdate { return nil },
		},
	}

	// The steps run in order on one chain: each is one block.
	f := newFixture(t, vals...)
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.apply(t, f, f.ctx)
			updates, err := f.k.EndBlocker(f.ctx)
			require.NoError(t, err)
			want := step.want(t)
			if want == nil {
				require.Empty(t, updates)
			} else {
				require.Equal(t, want, updates)
			}
			require.Empty(t, pending(t, f.ctx, f.k), "the end blocker clears the queue")
			requireLastSetIsActiveSet(t, f, f.ctx)
			requireInvariants(t, f.ctx, f.k)

			again, err := f.k.EndBlocker(f.ctx)
			require.NoError(t, err)
			require.Empty(t, again, "updates go out once")
		})
	}

	// erin is still a registered candidate after the deactivation.
	v, err := f.k.GetValidator(f.ctx, erin.ValAddress())
	require.NoError(t, err)
	require.Zero(t, v.Power)
}

// A key that leaves and comes back under another operator within one block
// keeps the power CometBFT knows: nothing to send.
func TestEndBlockerKeyChangesHandsWithinBlock(t *testing.T) {
	vals := append(threeOfTen(), apptesting.NewValidator("d", 10))
	d := vals[3]
	f := newFixture(t, vals...)
	heir := apptesting.NewValidator("heir", 0)
	heir.ConsKey = d.ConsKey

	require.NoError(t, f.remove(f.ctx, f.admin.Address, d))
	f.register(t, f.ctx, heir)
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, heir, 10))

	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Empty(t, updates)
	last, err := f.k.LastValidatorSet.Get(f.ctx, d.ConsAddress())
	require.NoError(t, err)
	require.Equal(t, heir.ValAddress().String(), last.OperatorAddress, "the last set records the new operator")
	requireLastSetIsActiveSet(t, f, f.ctx)
	requireInvariants(t, f.ctx, f.k)
}

func TestEndBlockerOrdersByConsensusAddress(t *testing.T) {
	vals := []apptesting.Validator{
		apptesting.NewValidator("a", 100), apptesting.NewValidator("b", 100), apptesting.NewValidator("c", 100),
	}
	f := newFixture(t, vals...)
	var newcomers []apptesting.Validator
	for _, seed := range []string{"n1", "n2", "n3", "n4", "n5"} {
		n := apptesting.NewValidator(seed, 0)
		newcomers = append(newcomers, n)
		f.register(t, f.ctx, n)
	}
	var want []abci.ValidatorUpdate
	for i, n := range newcomers {
		require.NoError(t, f.setPower(f.ctx, f.admin.Address, n, int64(i+1)))
		want = append(want, update(t, n, int64(i+1)))
	}
	updates, err := f.k.EndBlocker(f.ctx)
	require.NoError(t, err)
	require.Equal(t, sortedUpdates(t, want...), updates)
}

func TestApplyPendingUpdatesIsEndBlocker(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	require.NoError(t, f.setPower(f.ctx, f.admin.Address, f.vals[0], 12))
	cacheCtx, _ := f.ctx.CacheContext()
	viaEndBlocker, err := f.k.EndBlocker(cacheCtx)
	require.NoError(t, err)
	direct, err := f.k.ApplyPendingUpdates(f.ctx)
	require.NoError(t, err)
	require.Equal(t, viaEndBlocker, direct)
	require.Equal(t, []abci.ValidatorUpdate{update(t, f.vals[0], 12)}, direct)
}

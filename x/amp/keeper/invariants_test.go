package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/x/amp/keeper"
	"github.com/ampchain/ampchain/x/amp/types"
)

func TestInvariantsHoldOnGenesisAndAfterTraffic(t *testing.T) {
	f := newFixture(t)
	requireInvariants(t, f.ctx, f.k)
	f.fund(t, f.alice.Address, holderPartition(f.manager.Address, 1), amt(10))
	f.fund(t, f.bob.Address, poolPartition(f.manager.Address, 1), amt(20), f.manager.Address)
	requireInvariants(t, f.ctx, f.k)
}

// Each deliberate corruption of the state breaks the invariant that guards
// it (and AllInvariants), and leaves the ones it does not touch intact.
func TestInvariantsCatchCorruption(t *testing.T) {
	type broken struct{ escrow, partitionSupply, totalSupply bool }
	tests := []struct {
		name    string
		corrupt func(t *testing.T, f *fixture, ctx sdk.Context, p types.Partition)
		want    broken
	}{
		{
			name: "aamp sent into the escrow behind x/amp's back",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, _ types.Partition) {
				require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(ctx, f.bob.Address, types.ModuleName, coins(5)))
			},
			want: broken{escrow: true, totalSupply: true},
		},
		{
			name: "partition balance without escrow or supply",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, p types.Partition) {
				require.NoError(t, f.k.Balances.Set(ctx, balanceKey(f.carol.Address, p), amt(3)))
			},
			want: broken{escrow: true, partitionSupply: true, totalSupply: true},
		},
		{
			name: "partition supply off its balances",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, p types.Partition) {
				require.NoError(t, f.k.PartitionSupply.Set(ctx, p.Bytes(), amt(999)))
			},
			want: broken{partitionSupply: true},
		},
		{
			name: "supply record for a partition nobody holds",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, _ types.Partition) {
				require.NoError(t, f.k.PartitionSupply.Set(ctx, holderPartition(f.manager2.Address, 9).Bytes(), amt(1)))
			},
			want: broken{partitionSupply: true},
		},
		{
			name: "zero balance record (a ghost)",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, _ types.Partition) {
				ghost := holderPartition(f.manager2.Address, 8)
				require.NoError(t, f.k.Balances.Set(ctx, balanceKey(f.carol.Address, ghost), math.ZeroInt()))
				require.NoError(t, f.k.PartitionSupply.Set(ctx, ghost.Bytes(), math.ZeroInt()))
			},
			want: broken{partitionSupply: true},
		},
		{
			name: "bank balance without supply",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, _ types.Partition) {
				key := collections.Join(f.carol.Address, app.BondDenom)
				require.NoError(t, f.app.BankKeeper.Balances.Set(ctx, key, genesisFund.AddRaw(1)))
			},
			want: broken{totalSupply: true},
		},
		{
			name: "bank supply without holders",
			corrupt: func(t *testing.T, f *fixture, ctx sdk.Context, _ types.Partition) {
				supply := f.app.BankKeeper.GetSupply(ctx, app.BondDenom).Amount
				require.NoError(t, f.app.BankKeeper.Supply.Set(ctx, app.BondDenom, supply.SubRaw(1)))
			},
			want: broken{totalSupply: true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			p := holderPartition(f.manager.Address, 1)
			f.fund(t, f.alice.Address, p, amt(100))
			requireInvariants(t, f.ctx, f.k)

			ctx, _ := f.ctx.CacheContext()
			tc.corrupt(t, f, ctx, p)
			for name, c := range map[string]struct {
				inv  sdk.Invariant
				want bool
			}{
				"escrow-backs-partitions": {keeper.EscrowInvariant(f.k), tc.want.escrow},
				"partition-supply":        {keeper.PartitionSupplyInvariant(f.k), tc.want.partitionSupply},
				"total-supply":            {keeper.TotalSupplyInvariant(f.k), tc.want.totalSupply},
				"all":                     {keeper.AllInvariants(f.k), true},
			} {
				msg, isBroken := c.inv(ctx)
				require.Equalf(t, c.want, isBroken, "%s: %s", name, msg)
				if isBroken {
					require.Contains(t, msg, types.ModuleName)
				}
			}
			requireInvariants(t, f.ctx, f.k) // the branch was discarded
		})
	}
}

func TestInvariantsRegistered(t *testing.T) {
	f := newFixture(t)
	reg := &routeRecorder{}
	keeper.RegisterInvariants(reg, f.k)
	require.ElementsMatch(t, []string{
		"amp/escrow-backs-partitions", "amp/partition-supply", "amp/total-supply",
	}, reg.routes)
}

type routeRecorder struct{ routes []string }

func (r *routeRecorder) RegisterRoute(module, route string, _ sdk.Invariant) {
	r.routes = append(r.routes, module+"/"+route)
}

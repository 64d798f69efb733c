package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/x/amp/types"
)

func (f *fixture) partitionsOf(t *testing.T, holder sdk.AccAddress) []string {
	t.Helper()
	resp, err := f.query.PartitionsOf(f.ctx, &types.QueryPartitionsOfRequest{Holder: holder.String()})
	require.NoError(t, err)
	return resp.Partitions
}

func (f *fixture) totalPartitions(t *testing.T) []string {
	t.Helper()
	resp, err := f.query.TotalPartitions(f.ctx, &types.QueryTotalPartitionsRequest{})
	require.NoError(t, err)
	return resp.Partitions
}

func strs(ps ...types.Partition) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// TestPartitionsStayExact follows partitions-of and total-partitions as
// balances drop to zero and come back: no ghosts, no duplicates.
func TestPartitionsStayExact(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.alice.Address, f.bob.Address
	d := types.DefaultPartition
	// Partitions sort by their bytes: p1 < p2.
	p1, p2 := holderPartition(f.manager.Address, 1), holderPartition(f.manager.Address, 2)

	require.Equal(t, strs(d), f.partitionsOf(t, alice))
	require.Equal(t, strs(d), f.totalPartitions(t), "the default partition is always listed")

	f.fund(t, alice, p2, amt(50))
	f.fund(t, alice, p1, amt(100))
	f.fund(t, alice, p1, amt(1))
	require.Equal(t, strs(d, p1, p2), f.partitionsOf(t, alice))
	require.Equal(t, strs(d, p1, p2), f.totalPartitions(t))

	f.mustTransfer(t, transferMsg(alice, alice, bob, p1, amt(31)))
	require.Equal(t, strs(d, p1), f.partitionsOf(t, bob))
	require.Equal(t, strs(d, p1, p2), f.totalPartitions(t), "two holders, one entry")

	// alice empties p1: gone from her list, still in the total (bob).
	f.mustTransfer(t, withTo(transferMsg(alice, alice, alice, p1, amt(70)), d))
	require.Equal(t, strs(d, p2), f.partitionsOf(t, alice))
	require.Equal(t, strs(d, p1, p2), f.totalPartitions(t))
	has, err := f.k.Balances.Has(f.ctx, balanceKey(alice, p1))
	require.NoError(t, err)
	require.False(t, has, "no zero record left behind")

	// bob empties p1 into p2: p1 is gone everywhere.
	f.mustTransfer(t, withTo(transferMsg(bob, bob, bob, p1, amt(31)), p2))
	require.Equal(t, strs(d, p2), f.partitionsOf(t, bob))
	require.Equal(t, strs(d, p2), f.totalPartitions(t))
	supply, err := f.query.TotalSupplyByPartition(f.ctx, &types.QueryTotalSupplyByPartitionRequest{Partition: p1.String()})
	require.NoError(t, err)
	require.True(t, supply.Amount.IsZero())
	has, err = f.k.PartitionSupply.Has(f.ctx, p1.Bytes())
	require.NoError(t, err)
	require.False(t, has)

	// p1 comes back, exactly once.
	f.fund(t, alice, p1, amt(5))
	f.fund(t, bob, p1, amt(5))
	require.Equal(t, strs(d, p1, p2), f.partitionsOf(t, alice))
	require.Equal(t, strs(d, p1, p2), f.partitionsOf(t, bob))
	require.Equal(t, strs(d, p1, p2), f.totalPartitions(t))

	// A holder whose bank balance is zero has no default partition.
	stranger := f.stranger.Address
	f.fund(t, stranger, p2, genesisFund)
	require.True(t, f.bank(f.ctx, stranger).IsZero())
	require.Equal(t, strs(p2), f.partitionsOf(t, stranger))
	f.mustTransfer(t, withTo(transferMsg(stranger, stranger, stranger, p2, genesisFund), d))
	require.Equal(t, strs(d), f.partitionsOf(t, stranger))

	// An address that never held anything.
	nobody := sdk.AccAddress([]byte("nobody______________"))
	require.Empty(t, f.partitionsOf(t, nobody))
	bal, err := f.query.BalanceOf(f.ctx, &types.QueryBalanceOfRequest{Holder: nobody.String()})
	require.NoError(t, err)
	require.True(t, bal.Amount.IsZero())
	requireInvariants(t, f.ctx, f.k)
}

// pagedPartitions walks every page of a partitions list by next_key.
func pagedPartitions(t *testing.T, limit uint64, fetch func(*query.PageRequest) ([]string, *query.PageResponse)) (all []string, pages [][]string) {
	t.Helper()
	var key []byte
	for i := 0; ; i++ {
		require.Less(t, i, 100, "pagination does not end")
		items, page := fetch(&query.PageRequest{Key: key, Limit: limit})
		all = append(all, items...)
		pages = append(pages, items)
		if page == nil || len(page.NextKey) == 0 {
			return all, pages
		}
		key = page.NextKey
	}
}

func (f *fixture) fundMany(t *testing.T, holder sdk.AccAddress, n int) []types.Partition {
	t.Helper()
	var ps []types.Partition
	for i := 0; i < n; i++ {
		p := holderPartition(f.manager.Address, byte(i+1))
		f.fund(t, holder, p, amt(int64(i+1)))
		ps = append(ps, p)
	}
	return ps
}

func TestPartitionsPaginationNoGhostsNoDuplicates(t *testing.T) {
	f := newFixture(t)
	alice := f.alice.Address
	ps := f.fundMany(t, alice, 5)
	want := strs(append([]types.Partition{types.DefaultPartition}, ps...)...)

	fetchOf := func(pr *query.PageRequest) ([]string, *query.PageResponse) {
		resp, err := f.query.PartitionsOf(f.ctx, &types.QueryPartitionsOfRequest{Holder: alice.String(), Pagination: pr})
		require.NoError(t, err)
		return resp.Partitions, resp.Pagination
	}
	fetchTotal := func(pr *query.PageRequest) ([]string, *query.PageResponse) {
		resp, err := f.query.TotalPartitions(f.ctx, &types.QueryTotalPartitionsRequest{Pagination: pr})
		require.NoError(t, err)
		return resp.Partitions, resp.Pagination
	}
	for _, limit := range []uint64{1, 2, 3, 10} {
		all, _ := pagedPartitions(t, limit, fetchOf)
		require.Equal(t, want, all, "partitions-of, limit %d", limit)
		all, _ = pagedPartitions(t, limit, fetchTotal)
		require.Equal(t, want, all, "total-partitions, limit %d", limit)
	}

	// Drop two partitions to zero and page again.
	f.mustTransfer(t, withTo(transferMsg(alice, alice, alice, ps[1], amt(2)), types.DefaultPartition))
	f.mustTransfer(t, withTo(transferMsg(alice, alice, alice, ps[3], amt(4)), ps[4]))
	want = strs(types.DefaultPartition, ps[0], ps[2], ps[4])
	for _, limit := range []uint64{1, 2, 10} {
		all, _ := pagedPartitions(t, limit, fetchOf)
		require.Equal(t, want, all, "partitions-of after emptying, limit %d", limit)
		all, _ = pagedPartitions(t, limit, fetchTotal)
		require.Equal(t, want, all, "total-partitions after emptying, limit %d", limit)
	}
	requireInvariants(t, f.ctx, f.k)
}

// A page holds at most `limit` results and count_total counts what the
// pages list (cosmos.base.query.v1beta1.PageRequest). The default
// partition, prepended to the first page, must count against both.
func TestPartitionsPaginationHonoursLimitAndTotal(t *testing.T) {
	f := newFixture(t)
	alice := f.alice.Address
	f.fundMany(t, alice, 4) // + default = 5 partitions

	of, err := f.query.PartitionsOf(f.ctx, &types.QueryPartitionsOfRequest{
		Holder: alice.String(), Pagination: &query.PageRequest{Limit: 2, CountTotal: true},
	})
	require.NoError(t, err)
	assert.LessOrEqual(t, len(of.Partitions), 2, "partitions-of first page: %v", of.Partitions)
	assert.Equal(t, uint64(5), of.Pagination.Total, "partitions-of total")

	total, err := f.query.TotalPartitions(f.ctx, &types.QueryTotalPartitionsRequest{
		Pagination: &query.PageRequest{Limit: 2, CountTotal: true},
	})
	require.NoError(t, err)
	assert.LessOrEqual(t, len(total.Partitions), 2, "total-partitions first page: %v", total.Partitions)
	assert.Equal(t, uint64(5), total.Pagination.Total, "total-partitions total")

	// Offset paging by the number of results received so far sees everything.
	var all []string
	for offset := uint64(0); offset < 10; {
		resp, err := f.query.PartitionsOf(f.ctx, &types.QueryPartitionsOfRequest{
			Holder: alice.String(), Pagination: &query.PageRequest{Offset: offset, Limit: 2},
		})
		require.NoError(t, err)
		if len(resp.Partitions) == 0 {
			break
		}
		all = append(all, resp.Partitions...)
		offset += uint64(len(resp.Partitions))
	}
	assert.Len(t, all, 5, "offset paging: %v", all)
}

func TestQueries(t *testing.T) {
	f := newFixture(t)
	alice := f.alice.Address
	p := holderPartition(f.manager.Address, 1)
	pool := poolPartition(f.manager.Address, 1)
	f.fund(t, alice, p, amt(300))
	f.fund(t, alice, pool, amt(200), f.manager.Address)

	bal, err := f.query.BalanceOf(f.ctx, &types.QueryBalanceOfRequest{Holder: alice.String()})
	require.NoError(t, err)
	require.Equal(t, genesisFund.SubRaw(200), bal.Amount)
	bp, err := f.query.BalanceOfByPartition(f.ctx, &types.QueryBalanceOfByPartitionRequest{Partition: p.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.Equal(t, amt(300), bp.Amount)
	bp, err = f.query.BalanceOfByPartition(f.ctx, &types.QueryBalanceOfByPartitionRequest{Partition: types.DefaultPartition.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.Equal(t, genesisFund.SubRaw(500), bp.Amount)

	supply := f.app.BankKeeper.GetSupply(f.ctx, app.BondDenom).Amount
	ts, err := f.query.TotalSupply(f.ctx, &types.QueryTotalSupplyRequest{})
	require.NoError(t, err)
	require.Equal(t, supply, ts.Amount)
	sum := math.ZeroInt()
	for _, part := range f.totalPartitions(t) {
		s, err := f.query.TotalSupplyByPartition(f.ctx, &types.QueryTotalSupplyByPartitionRequest{Partition: part})
		require.NoError(t, err)
		sum = sum.Add(s.Amount)
	}
	require.Equal(t, supply, sum, "the partitions' supplies add up to the total supply")

	info, err := f.query.TokenInfo(f.ctx, &types.QueryTokenInfoRequest{})
	require.NoError(t, err)
	require.Equal(t, types.TokenInfo{Name: "Amp", Symbol: "AMP", Decimals: 18, Granularity: math.OneInt(), Denom: "aamp"}, info.Info)

	// Bad input is InvalidArgument, never a panic.
	for name, call := range map[string]func() error{
		"balance-of": func() error {
			_, err := f.query.BalanceOf(f.ctx, &types.QueryBalanceOfRequest{Holder: "amp1bad"})
			return err
		},
		"balance-of-by-partition": func() error {
			_, err := f.query.BalanceOfByPartition(f.ctx, &types.QueryBalanceOfByPartitionRequest{Partition: "0x12", Holder: alice.String()})
			return err
		},
		"partitions-of": func() error { _, err := f.query.PartitionsOf(f.ctx, &types.QueryPartitionsOfRequest{}); return err },
		"total-supply-by-partition": func() error {
			_, err := f.query.TotalSupplyByPartition(f.ctx, &types.QueryTotalSupplyByPartitionRequest{Partition: "zz"})
			return err
		},
		"is-operator": func() error {
			_, err := f.query.IsOperator(f.ctx, &types.QueryIsOperatorRequest{Operator: alice.String()})
			return err
		},
		"is-operator-for-partition": func() error {
			_, err := f.query.IsOperatorForPartition(f.ctx, &types.QueryIsOperatorForPartitionRequest{Partition: p.String(), Operator: "x", Holder: alice.String()})
			return err
		},
		"is-operator-for-collateral-manager": func() error {
			_, err := f.query.IsOperatorForCollateralManager(f.ctx, &types.QueryIsOperatorForCollateralManagerRequest{Partition: p.String(), Operator: alice.String()})
			return err
		},
		"allowance": func() error {
			_, err := f.query.Allowance(f.ctx, &types.QueryAllowanceRequest{Owner: alice.String()})
			return err
		},
		"allowance-by-partition": func() error {
			_, err := f.query.AllowanceByPartition(f.ctx, &types.QueryAllowanceByPartitionRequest{Partition: "0x", Owner: alice.String(), Spender: alice.String()})
			return err
		},
		"is-collateral-manager": func() error {
			_, err := f.query.IsCollateralManager(f.ctx, &types.QueryIsCollateralManagerRequest{})
			return err
		},
		"is-partition-strategy": func() error {
			_, err := f.query.IsPartitionStrategy(f.ctx, &types.QueryIsPartitionStrategyRequest{Prefix: "0xcccc"})
			return err
		},
	} {
		err := call()
		require.Error(t, err, name)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%s: %v", name, err)
	}
}

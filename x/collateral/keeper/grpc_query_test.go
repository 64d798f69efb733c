package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/x/collateral/types"
)

func requireCode(t *testing.T, code codes.Code, err error) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, status.Code(err), "%v", err)
}

func guaranteeIDs(gs []types.Guarantee) []uint64 {
	var ids []uint64
	for _, g := range gs {
		ids = append(ids, g.Id)
	}
	return ids
}

func TestQueries(t *testing.T) {
	e := newEnv(t, envOptions{})
	q := e.query
	ctx := e.ctx
	// A second manager (owned by the stranger) with its own pool and processor.
	mgr2, pool2 := e.createManager(e.stranger, types.DefaultRules(), math.ZeroInt())
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	_, err := e.supplyTo(e.s3, pool2, amp(100))
	require.NoError(t, err)
	g1 := e.mustOpen("100", 5*time.Minute)
	g2 := e.mustOpen("100", 5*time.Minute)
	other := e.openMsg("10", 5*time.Minute)
	other.Partition, other.Processor, other.Merchant = pool2.String(), e.stranger.Address.String(), e.s1.Address.String()
	g3, err := e.open(other)
	require.NoError(t, err)
	e.resolve(g1.Id, true)
	e.resolve(g2.Id, false)
	_, err = e.requestWithdrawal(e.s2, amp(40))
	require.NoError(t, err)
	ctx = e.ctx

	// manager / managers
	m, err := q.Manager(ctx, &types.QueryManagerRequest{Address: e.manager.String()})
	require.NoError(t, err)
	require.Equal(t, uint64(1), m.Manager.Id)
	require.Equal(t, e.owner.Address.String(), m.Manager.Owner)
	require.Equal(t, e.rules, m.Manager.Rules)
	_, err = q.Manager(ctx, &types.QueryManagerRequest{Address: types.ManagerAddress(42).String()})
	requireCode(t, codes.NotFound, err)
	_, err = q.Manager(ctx, &types.QueryManagerRequest{Address: "amp1nope"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = q.Manager(ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
	ms, err := q.Managers(ctx, &types.QueryManagersRequest{})
	require.NoError(t, err)
	require.Len(t, ms.Managers, 2)
	page, err := q.Managers(ctx, &types.QueryManagersRequest{Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, page.Managers, 1)
	require.Equal(t, uint64(2), page.Pagination.Total)
	page, err = q.Managers(ctx, &types.QueryManagersRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, mgr2.String(), page.Managers[0].Address)

	// pool / pools
	p, err := q.Pool(ctx, &types.QueryPoolRequest{Partition: e.pool.String()})
	require.NoError(t, err)
	require.Equal(t, e.poolState(), p.Pool)
	require.Equal(t, amp(760), p.Pool.ActiveValue) // 1,000 − 200 loss − 40 withdrawn
	_, err = q.Pool(ctx, &types.QueryPoolRequest{Partition: subPool(e.manager, 8).String()})
	requireCode(t, codes.NotFound, err)
	_, err = q.Pool(ctx, &types.QueryPoolRequest{Partition: "0x1234"})
	requireCode(t, codes.InvalidArgument, err)
	ps, err := q.Pools(ctx, &types.QueryPoolsRequest{})
	require.NoError(t, err)
	require.Len(t, ps.Pools, 2)
	ps, err = q.Pools(ctx, &types.QueryPoolsRequest{Manager: mgr2.String()})
	require.NoError(t, err)
	require.Len(t, ps.Pools, 1)
	require.Equal(t, pool2.String(), ps.Pools[0].Partition)
	_, err = q.Pools(ctx, &types.QueryPoolsRequest{Manager: types.ManagerAddress(42).String()})
	requireCode(t, codes.NotFound, err)

	// position
	pos, err := q.Position(ctx, &types.QueryPositionRequest{Partition: e.pool.String(), Staker: e.s1.Address.String()})
	require.NoError(t, err)
	require.Equal(t, math.LegacyNewDecFromInt(amp(600)), pos.Position.Shares)
	require.Equal(t, amp(480), pos.Value) // 600 of 1,000 shares over 800 AMP
	pos, err = q.Position(ctx, &types.QueryPositionRequest{Partition: e.pool.String(), Staker: e.stranger.Address.String()})
	require.NoError(t, err, "a staker without a position has an empty one")
	require.True(t, pos.Position.Shares.IsZero() && pos.Value.IsZero())
	_, err = q.Position(ctx, &types.QueryPositionRequest{Partition: subPool(e.manager, 8).String(), Staker: e.s1.Address.String()})
	requireCode(t, codes.NotFound, err)
	_, err = q.Position(ctx, &types.QueryPositionRequest{Partition: e.pool.String(), Staker: "bad"})
	requireCode(t, codes.InvalidArgument, err)

	// guarantee / guarantees with each filter
	gr, err := q.Guarantee(ctx, &types.QueryGuaranteeRequest{Id: g1.Id})
	require.NoError(t, err)
	require.Equal(t, types.GUARANTEE_STATUS_SETTLED, gr.Guarantee.Status)
	_, err = q.Guarantee(ctx, &types.QueryGuaranteeRequest{Id: 99})
	requireCode(t, codes.NotFound, err)
	_, err = q.Guarantee(ctx, nil)
	requireCode(t, codes.NotFound, err)
	for name, tc := range map[string]struct {
		req  *types.QueryGuaranteesRequest
		want []uint64
	}{
		"all":                    {&types.QueryGuaranteesRequest{}, []uint64{g1.Id, g2.Id, g3.Id}},
		"nil":                    {nil, []uint64{g1.Id, g2.Id, g3.Id}},
		"pool":                   {&types.QueryGuaranteesRequest{Partition: e.pool.String()}, []uint64{g1.Id, g2.Id}},
		"pool (upper-case hex)":  {&types.QueryGuaranteesRequest{Partition: "0X" + upperHex(pool2.String()[2:])}, []uint64{g3.Id}},
		"status open":            {&types.QueryGuaranteesRequest{Status: types.GUARANTEE_STATUS_OPEN}, []uint64{g3.Id}},
		"status settled":         {&types.QueryGuaranteesRequest{Status: types.GUARANTEE_STATUS_SETTLED}, []uint64{g1.Id}},
		"status liquidated":      {&types.QueryGuaranteesRequest{Status: types.GUARANTEE_STATUS_LIQUIDATED}, []uint64{g2.Id}},
		"merchant":               {&types.QueryGuaranteesRequest{Merchant: e.merchant.Address.String()}, []uint64{g1.Id, g2.Id}},
		"processor":              {&types.QueryGuaranteesRequest{Processor: e.stranger.Address.String()}, []uint64{g3.Id}},
		"merchant and status":    {&types.QueryGuaranteesRequest{Merchant: e.merchant.Address.String(), Status: types.GUARANTEE_STATUS_LIQUIDATED}, []uint64{g2.Id}},
		"no match":               {&types.QueryGuaranteesRequest{Merchant: e.s3.Address.String()}, nil},
		"pool with no guarantee": {&types.QueryGuaranteesRequest{Partition: subPool(e.manager, 8).String()}, nil},
	} {
		res, err := q.Guarantees(ctx, tc.req)
		require.NoError(t, err, name)
		require.Equal(t, tc.want, guaranteeIDs(res.Guarantees), name)
	}
	first, err := q.Guarantees(ctx, &types.QueryGuaranteesRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []uint64{g1.Id, g2.Id}, guaranteeIDs(first.Guarantees))
	rest, err := q.Guarantees(ctx, &types.QueryGuaranteesRequest{Pagination: &query.PageRequest{Key: first.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []uint64{g3.Id}, guaranteeIDs(rest.Guarantees))
	_, err = q.Guarantees(ctx, &types.QueryGuaranteesRequest{Partition: "0xzz"})
	requireCode(t, codes.InvalidArgument, err)

	// capacity in AMP and USD at the oracle price
	c, err := q.Capacity(ctx, &types.QueryCapacityRequest{Partition: e.pool.String()})
	require.NoError(t, err)
	require.Equal(t, amp(760), c.Total)
	require.True(t, c.Locked.IsZero())
	require.Equal(t, amp(40), c.PendingWithdrawals)
	require.Equal(t, amp(760), c.Free)
	require.Equal(t, "USD", c.Quote)
	require.Equal(t, math.LegacyMustNewDecFromStr("0.5"), c.Price)
	require.Equal(t, math.LegacyNewDec(380), c.FreeInQuote) // 760 AMP × 0.5 USD
	c2, err := q.Capacity(ctx, &types.QueryCapacityRequest{Partition: pool2.String(), Quote: "USD"})
	require.NoError(t, err)
	require.Equal(t, amp(75), c2.Free) // 100 − 25 locked
	require.Equal(t, math.LegacyMustNewDecFromStr("37.5"), c2.FreeInQuote)
	noPrice, err := q.Capacity(ctx, &types.QueryCapacityRequest{Partition: e.pool.String(), Quote: "EUR"})
	require.NoError(t, err)
	require.True(t, noPrice.Price.IsZero() && noPrice.FreeInQuote.IsZero(), "no price: zero in the quote currency")
	require.Equal(t, amp(760), noPrice.Free)
	_, err = q.Capacity(ctx, &types.QueryCapacityRequest{Partition: e.pool.String(), Quote: "usd"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = q.Capacity(ctx, &types.QueryCapacityRequest{Partition: subPool(e.manager, 8).String()})
	requireCode(t, codes.NotFound, err)

	// rewards
	commission := g1.Fee.QuoRaw(10)
	toStakers1 := g1.Fee.Sub(commission)
	commission2 := g2.Fee.QuoRaw(10)
	toStakers2 := g2.Fee.Sub(commission2)
	r, err := q.Rewards(ctx, &types.QueryRewardsRequest{Partition: e.pool.String(), Staker: e.s1.Address.String()})
	require.NoError(t, err)
	require.Equal(t, toStakers1.Add(toStakers2).MulRaw(6).QuoRaw(10), r.Rewards.AmountOf(app.BondDenom))
	r, err = q.Rewards(ctx, &types.QueryRewardsRequest{Partition: e.pool.String(), Staker: e.stranger.Address.String()})
	require.NoError(t, err)
	require.True(t, r.Rewards.AmountOf(app.BondDenom).IsZero())
	_, err = q.Rewards(ctx, &types.QueryRewardsRequest{Partition: subPool(e.manager, 8).String(), Staker: e.s1.Address.String()})
	requireCode(t, codes.NotFound, err)
	_, err = q.Rewards(ctx, &types.QueryRewardsRequest{Partition: e.pool.String(), Staker: ""})
	requireCode(t, codes.InvalidArgument, err)

	// withdrawals
	w, err := q.Withdrawals(ctx, &types.QueryWithdrawalsRequest{Staker: e.s2.Address.String()})
	require.NoError(t, err)
	require.Len(t, w.Withdrawals, 1)
	require.Equal(t, amp(40), w.Withdrawals[0].Amount)
	require.Equal(t, e.pool.String(), w.Withdrawals[0].Partition)
	w, err = q.Withdrawals(ctx, &types.QueryWithdrawalsRequest{Staker: e.s1.Address.String()})
	require.NoError(t, err)
	require.Empty(t, w.Withdrawals)
	_, err = q.Withdrawals(ctx, &types.QueryWithdrawalsRequest{Staker: "x"})
	requireCode(t, codes.InvalidArgument, err)

	// params
	params, err := q.Params(ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)
	e.checkInvariants()
}

func upperHex(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

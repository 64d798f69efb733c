package keeper_test

import (
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/collateral/types"
)

func setMaxExpiries(t *testing.T, e *env, n uint32) {
	t.Helper()
	_, err := e.msgs.UpdateParams(e.ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: types.Params{MaxExpiriesPerBlock: n}})
	require.NoError(t, err)
}

// liquidatedIDs are the distinct guarantee ids of the liquidation events in ctx.
func liquidatedIDs(ctx sdk.Context) []uint64 {
	seen := map[uint64]bool{}
	var ids []uint64
	for _, ev := range eventsOf[*types.EventGuaranteeLiquidated](ctx) {
		if !seen[ev.Id] {
			seen[ev.Id] = true
			ids = append(ids, ev.Id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func TestEndBlockerBoundedAndResuming(t *testing.T) {
	rules := types.DefaultRules()
	rules.MaxGuaranteeDuration = time.Hour
	rules.UnbondingPeriod = time.Hour
	e := newEnv(t, envOptions{rules: &rules})
	setMaxExpiries(t, e, 3)
	e.mustSupply(e.s1, amp(10_000))

	// Seven guarantees expiring one minute apart, two that do not expire.
	var expiring, later []uint64
	for i := 1; i <= 7; i++ {
		expiring = append(expiring, e.mustOpen("10", time.Duration(i)*time.Minute).Id) // lock 25, payout 20
	}
	for _, d := range []time.Duration{30 * time.Minute, 50 * time.Minute} {
		later = append(later, e.mustOpen("10", d).Id)
	}
	statusOf := func(id uint64) types.GuaranteeStatus { return e.guarantee(id).Status }
	e.advance(10 * time.Minute)
	merchantBefore := e.balance(e.merchant.Address)

	for round, want := range [][]uint64{expiring[:3], expiring[3:6], expiring[6:], nil} {
		e.resetEvents()
		require.NoError(t, e.k.EndBlocker(e.ctx))
		require.Equal(t, want, liquidatedIDs(e.ctx), "round %d", round)
		for i, id := range expiring {
			wantStatus := types.GUARANTEE_STATUS_OPEN
			if i < 3*(round+1) {
				wantStatus = types.GUARANTEE_STATUS_LIQUIDATED
			}
			require.Equal(t, wantStatus, statusOf(id), "round %d guarantee %d", round, id)
		}
		for _, id := range later {
			require.Equal(t, types.GUARANTEE_STATUS_OPEN, statusOf(id), "not yet expired")
		}
		e.checkInvariants()
		e.advance(time.Second)
	}
	require.Equal(t, amp(7*20), e.balance(e.merchant.Address).Sub(merchantBefore))
	pool := e.poolState()
	require.Equal(t, amp(2*25), pool.Locked, "the two unexpired locks stay")
	require.Equal(t, amp(10_000-7*20), pool.ActiveValue)
	for _, id := range expiring {
		g := e.guarantee(id)
		require.Equal(t, amp(20), g.Payout)
	}

	// The later ones expire in their turn.
	e.advance(25 * time.Minute)
	e.resetEvents()
	require.NoError(t, e.k.EndBlocker(e.ctx))
	require.Equal(t, later[:1], liquidatedIDs(e.ctx))
	e.checkInvariants()
}

func TestUpdateParams(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.owner.Address.String(), Params: types.Params{MaxExpiriesPerBlock: 5}})
		return err
	})
	e.refused(types.ErrInvalidParams, func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: types.Params{}})
		return err
	})
	require.NoError(t, e.deliver(func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: types.Params{MaxExpiriesPerBlock: 5}})
		return err
	}))
	require.Equal(t, []*types.EventParamsUpdated{{MaxExpiriesPerBlock: 5}}, eventsOf[*types.EventParamsUpdated](e.ctx))
	res, err := e.query.Params(e.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, uint32(5), res.Params.MaxExpiriesPerBlock)
}

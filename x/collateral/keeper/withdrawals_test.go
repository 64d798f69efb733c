package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/collateral/types"
)

func TestWithdrawalPaidOnlyAfterUnbonding(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", 5*time.Minute) // lock 250

	e.resetEvents()
	res, err := e.requestWithdrawal(e.s1, amp(300))
	require.NoError(t, err)
	completes := e.ctx.BlockTime().Add(e.rules.UnbondingPeriod)
	requested := eventsOf[*types.EventWithdrawalRequested](e.ctx)
	require.Equal(t, []*types.EventWithdrawalRequested{{
		Id: res.Id, Partition: e.pool.String(), Staker: e.s1.Address.String(), Amount: amp(300).String(),
		Shares: math.LegacyNewDecFromInt(amp(300)).String(), CompletesAt: completes.Format(time.RFC3339),
	}}, requested)

	// It leaves the free capacity at once.
	capRes, err := e.query.Capacity(e.ctx, &types.QueryCapacityRequest{Partition: e.pool.String()})
	require.NoError(t, err)
	require.Equal(t, amp(700), capRes.Total)
	require.Equal(t, amp(250), capRes.Locked)
	require.Equal(t, amp(300), capRes.PendingWithdrawals)
	require.Equal(t, amp(450), capRes.Free)
	require.Equal(t, amp(700), e.value(e.s1))
	ws := e.withdrawals(e.s1)
	require.Len(t, ws, 1)
	require.Equal(t, completes, ws[0].CompletesAt)

	claim := func(ctx sdk.Context) error {
		_, err := e.msgs.ClaimWithdrawals(ctx, &types.MsgClaimWithdrawals{Staker: e.s1.Address.String()})
		return err
	}
	e.refused(types.ErrNoWithdrawals, claim)
	e.advance(e.rules.UnbondingPeriod - time.Second)
	e.refused(types.ErrNoWithdrawals, claim)
	e.resolve(g.Id, true)

	// A second request in a later block matures later.
	second, err := e.requestWithdrawal(e.s1, amp(100))
	require.NoError(t, err)
	e.ctx = e.ctx.WithBlockTime(completes).WithBlockHeight(e.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
	before := e.balance(e.s1.Address)
	paid, err := e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	require.Equal(t, amp(300), paid.Amount, "only the matured withdrawal is paid")
	require.Equal(t, amp(300), e.balance(e.s1.Address).Sub(before))
	require.Equal(t, []*types.EventWithdrawalPaid{{Id: res.Id, Partition: e.pool.String(), Staker: e.s1.Address.String(), Amount: amp(300).String()}},
		eventsOf[*types.EventWithdrawalPaid](e.ctx))
	ws = e.withdrawals(e.s1)
	require.Len(t, ws, 1)
	require.Equal(t, second.Id, ws[0].Id)
	e.refused(types.ErrNoWithdrawals, claim)
	pool := e.poolState()
	require.Equal(t, amp(600), pool.ActiveValue)
	require.Equal(t, amp(100), pool.PendingWithdrawals)
	require.Equal(t, amp(700), e.partitionBalance(e.pool, e.manager))
	e.checkInvariants()

	// Beyond one's position.
	e.refused(types.ErrInsufficientPosition, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: amp(600).AddRaw(1)})
		return err
	})
	e.refused(types.ErrInsufficientPosition, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s2.Address.String(), Partition: e.pool.String(), Amount: math.OneInt()})
		return err
	})
	e.refused(types.ErrPoolNotFound, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: subPool(e.manager, 4).String(), Amount: math.OneInt()})
		return err
	})
	// The whole position can leave (nothing is locked now).
	_, err = e.requestWithdrawal(e.s1, amp(600))
	require.NoError(t, err)
	pos, value := e.position(e.s1)
	require.True(t, pos.Shares.IsZero())
	require.True(t, value.IsZero())
	e.advance(e.rules.UnbondingPeriod)
	paid, err = e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	require.Equal(t, amp(700), paid.Amount)
	pool = e.poolState()
	require.True(t, pool.ActiveValue.IsZero() && pool.PendingWithdrawals.IsZero() && pool.TotalShares.IsZero())
	require.True(t, e.partitionBalance(e.pool, e.manager).IsZero())
	e.checkInvariants()
}

func TestWithdrawalLimitCapsRequestsAndDirectTransfers(t *testing.T) {
	limit := amp(100)
	e := newEnv(t, envOptions{withdrawalLimit: &limit})
	_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: e.owner.Address.String(), Manager: e.manager.String(), Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
	require.NoError(t, err)
	e.mustSupply(e.s1, amp(1000))
	e.mustSupply(e.s2, amp(1000))
	limitOf := func() math.Int {
		m, err := e.k.GetManager(e.ctx, e.manager)
		require.NoError(t, err)
		return m.WithdrawalLimit
	}
	direct := func(signer apptesting.Account, amount math.Int) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.DirectTransfer(ctx, &types.MsgDirectTransfer{Transferer: signer.Address.String(), Partition: e.pool.String(), To: e.merchant.Address.String(), Amount: amount})
			return err
		}
	}

	e.refused(types.ErrWithdrawalLimit, direct(e.stranger, amp(101)))
	e.refused(types.ErrUnauthorized, direct(e.s1, amp(1)))

	// A direct transfer within the limit: every share bears it.
	merchantBefore := e.balance(e.merchant.Address)
	e.resetEvents()
	require.NoError(t, e.deliver(direct(e.stranger, amp(40))))
	require.Equal(t, amp(40), e.balance(e.merchant.Address).Sub(merchantBefore))
	require.Equal(t, amp(60), limitOf(), "a direct transfer spends the limit")
	require.Equal(t, []*types.EventDirectTransfer{{Manager: e.manager.String(), Partition: e.pool.String(), To: e.merchant.Address.String(), Amount: amp(40).String()}},
		eventsOf[*types.EventDirectTransfer](e.ctx))
	require.Equal(t, amp(1960), e.poolState().ActiveValue)
	require.Equal(t, amp(980), e.value(e.s1))
	require.Equal(t, amp(980), e.value(e.s2))

	// Requests spend it too.
	e.refused(types.ErrWithdrawalLimit, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s2.Address.String(), Partition: e.pool.String(), Amount: amp(61)})
		return err
	})
	_, err = e.requestWithdrawal(e.s1, amp(60))
	require.NoError(t, err)
	require.True(t, limitOf().IsZero())
	e.refused(types.ErrWithdrawalLimit, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s2.Address.String(), Partition: e.pool.String(), Amount: math.OneInt()})
		return err
	})
	e.refused(types.ErrWithdrawalLimit, direct(e.stranger, math.OneInt()))
	// Claiming a matured withdrawal does not need the limit again.
	e.advance(e.rules.UnbondingPeriod)
	paid, err := e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	require.Equal(t, amp(60), paid.Amount)
	e.checkInvariants()
}

func TestModifyWithdrawalLimit(t *testing.T) {
	e := newEnv(t, envOptions{withdrawalLimit: &[]math.Int{math.ZeroInt()}[0]})
	mgr := e.manager.String()
	modify := func(signer apptesting.Account, amount string) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.ModifyWithdrawalLimit(ctx, &types.MsgModifyWithdrawalLimit{Publisher: signer.Address.String(), Manager: mgr, Amount: amount})
			return err
		}
	}
	limitOf := func() math.Int {
		m, err := e.k.GetManager(e.ctx, e.manager)
		require.NoError(t, err)
		return m.WithdrawalLimit
	}
	e.mustSupply(e.s1, amp(100))
	e.refused(types.ErrWithdrawalLimit, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: math.OneInt()})
		return err
	})

	// The limit publisher raises it with a signed amount, the owner too.
	require.NoError(t, e.deliver(modify(e.limiter, "+"+amp(100).String())))
	require.Equal(t, amp(100), limitOf())
	require.Equal(t, []*types.EventWithdrawalLimitModified{{Manager: mgr, Change: amp(100).String(), Limit: amp(100).String()}},
		eventsOf[*types.EventWithdrawalLimitModified](e.ctx))
	require.NoError(t, e.deliver(modify(e.owner, amp(20).String())))
	require.Equal(t, amp(120), limitOf())
	e.resetEvents()
	require.NoError(t, e.deliver(modify(e.limiter, "-"+amp(30).String())))
	require.Equal(t, amp(90), limitOf())
	require.Equal(t, "-"+amp(30).String(), eventsOf[*types.EventWithdrawalLimitModified](e.ctx)[0].Change)

	// It cannot go negative; exactly zero is fine.
	e.refused(types.ErrWithdrawalLimit, modify(e.limiter, "-"+amp(90).AddRaw(1).String()))
	require.NoError(t, e.deliver(modify(e.limiter, "-"+amp(90).String())))
	require.True(t, limitOf().IsZero())

	// Only the publisher or the owner; malformed amounts; unknown manager.
	for _, who := range []apptesting.Account{e.stranger, e.processor, e.attester, e.s1} {
		e.refused(types.ErrUnauthorized, modify(who, "+1"))
	}
	for _, bad := range []string{"0", "+0", "-0", "", "abc", "1.5", "1e3", "- 1"} {
		e.refused(types.ErrInvalidAmount, modify(e.limiter, bad))
	}
	e.refused(types.ErrManagerNotFound, func(ctx sdk.Context) error {
		_, err := e.msgs.ModifyWithdrawalLimit(ctx, &types.MsgModifyWithdrawalLimit{Publisher: e.owner.Address.String(), Manager: types.ManagerAddress(9).String(), Amount: "+1"})
		return err
	})
	// A removed publisher loses the right.
	_, err := e.msgs.RemoveRole(e.ctx, &types.MsgRemoveRole{Owner: e.owner.Address.String(), Manager: mgr, Role: types.ROLE_WITHDRAWAL_LIMIT_PUBLISHER, Address: e.limiter.Address.String()})
	require.NoError(t, err)
	e.refused(types.ErrUnauthorized, modify(e.limiter, "+1"))
	e.checkInvariants()
}

func TestRequestRelease(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(10))
	require.NoError(t, e.deliver(func(ctx sdk.Context) error {
		_, err := e.msgs.RequestRelease(ctx, &types.MsgRequestRelease{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: amp(10)})
		return err
	}))
	require.Equal(t, []*types.EventReleaseRequested{{Manager: e.manager.String(), Partition: e.pool.String(), Staker: e.s1.Address.String(), Amount: amp(10).String()}},
		eventsOf[*types.EventReleaseRequested](e.ctx))
	e.refused(types.ErrInsufficientPosition, func(ctx sdk.Context) error {
		_, err := e.msgs.RequestRelease(ctx, &types.MsgRequestRelease{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: amp(10).AddRaw(1)})
		return err
	})
	e.checkInvariants()
}

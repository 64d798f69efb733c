package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

func TestManagerAddressAndRegistration(t *testing.T) {
	e := newEnv(t, envOptions{})

	// The env's manager is id 1; a second one gets id 2 and its own address.
	require.Equal(t, types.ManagerAddress(1), e.manager)
	require.Len(t, e.manager, 20, "a manager's address fits a partition's 20-byte owner field")
	require.Equal(t, authtypes.NewModuleAddress("collateral/manager/1"), e.manager, "module-derived")

	res, err := e.msgs.CreateManager(e.ctx, &types.MsgCreateManager{Owner: e.stranger.Address.String(), Rules: types.DefaultRules(), WithdrawalLimit: math.ZeroInt()})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Id)
	require.Equal(t, types.ManagerAddress(2).String(), res.Address)
	require.NotEqual(t, e.manager.String(), res.Address)
	created := eventsOf[*types.EventManagerCreated](e.ctx)
	require.Len(t, created, 1)
	require.Equal(t, types.EventManagerCreated{Id: 2, Address: res.Address, Owner: e.stranger.Address.String()}, *created[0])

	for _, m := range []sdk.AccAddress{e.manager, types.ManagerAddress(2)} {
		is, err := e.app.AmpKeeper.IsCollateralManager(e.ctx, m)
		require.NoError(t, err)
		require.True(t, is, "%s is registered with x/amp", m)
		_, hooked := e.app.AmpKeeper.RecipientHook(e.ctx, m)
		require.True(t, hooked, "x/collateral answers %s's hooks", m)
		_, hooked = e.app.AmpKeeper.SenderHook(e.ctx, m)
		require.True(t, hooked)
	}
	_, hooked := e.app.AmpKeeper.RecipientHook(e.ctx, types.ManagerAddress(3))
	require.False(t, hooked, "no hook for a manager that does not exist")

	// Invalid rules are refused statelessly.
	bad := types.DefaultRules()
	bad.UnbondingPeriod = bad.MaxGuaranteeDuration - time.Second
	e.refused(types.ErrInvalidRules, func(ctx sdk.Context) error {
		_, err := e.msgs.CreateManager(ctx, &types.MsgCreateManager{Owner: e.owner.Address.String(), Rules: bad, WithdrawalLimit: math.ZeroInt()})
		return err
	})
	e.checkInvariants()
}

func TestPlainBankSendToManagerRefused(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(10))
	bankMsgs := bankkeeper.NewMsgServerImpl(e.app.BankKeeper)
	e.refused(amptypes.ErrPlainSendToHookedAddress, func(ctx sdk.Context) error {
		_, err := bankMsgs.Send(ctx, banktypes.NewMsgSend(e.s1.Address, e.manager, sdk.NewCoins(sdk.NewCoin(app.BondDenom, amp(1)))))
		return err
	})
	e.refused(amptypes.ErrPlainSendToHookedAddress, func(ctx sdk.Context) error {
		return e.app.BankKeeper.SendCoins(ctx, e.s1.Address, e.manager, sdk.NewCoins(sdk.NewCoin(app.BondDenom, math.OneInt())))
	})
	e.checkInvariants()
}

func TestOnlyOwnerChangesRulesOwnershipAndRoles(t *testing.T) {
	e := newEnv(t, envOptions{})
	owner, mgr := e.owner.Address.String(), e.manager.String()
	newRules := types.DefaultRules()
	newRules.FeeBps = 55

	for _, who := range []apptesting.Account{e.stranger, e.processor, e.attester, e.limiter} {
		signer := who.Address.String()
		e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
			_, err := e.msgs.UpdateManagerRules(ctx, &types.MsgUpdateManagerRules{Owner: signer, Manager: mgr, Rules: newRules})
			return err
		})
		e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
			_, err := e.msgs.TransferOwnership(ctx, &types.MsgTransferOwnership{Owner: signer, Manager: mgr, NewOwner: signer})
			return err
		})
		e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
			_, err := e.msgs.SetRole(ctx, &types.MsgSetRole{Owner: signer, Manager: mgr, Role: types.ROLE_PROCESSOR, Address: signer})
			return err
		})
		e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
			_, err := e.msgs.RemoveRole(ctx, &types.MsgRemoveRole{Owner: signer, Manager: mgr, Role: types.ROLE_PROCESSOR, Address: e.processor.Address.String()})
			return err
		})
	}
	// Unknown manager, unknown role, role not held, invalid rules.
	e.refused(types.ErrManagerNotFound, func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateManagerRules(ctx, &types.MsgUpdateManagerRules{Owner: owner, Manager: types.ManagerAddress(99).String(), Rules: newRules})
		return err
	})
	e.refused(types.ErrInvalidRole, func(ctx sdk.Context) error {
		_, err := e.msgs.SetRole(ctx, &types.MsgSetRole{Owner: owner, Manager: mgr, Role: types.Role(42), Address: owner})
		return err
	})
	e.refused(types.ErrInvalidRole, func(ctx sdk.Context) error {
		_, err := e.msgs.RemoveRole(ctx, &types.MsgRemoveRole{Owner: owner, Manager: mgr, Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
		return err
	})
	badRules := newRules
	badRules.CollateralRatio = math.LegacyMustNewDecFromStr("0.99")
	e.refused(types.ErrInvalidRules, func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateManagerRules(ctx, &types.MsgUpdateManagerRules{Owner: owner, Manager: mgr, Rules: badRules})
		return err
	})

	// The owner updates the rules.
	_, err := e.msgs.UpdateManagerRules(e.ctx, &types.MsgUpdateManagerRules{Owner: owner, Manager: mgr, Rules: newRules})
	require.NoError(t, err)
	m, err := e.k.GetManager(e.ctx, e.manager)
	require.NoError(t, err)
	require.Equal(t, uint32(55), m.Rules.FeeBps)
	require.Len(t, eventsOf[*types.EventManagerRulesUpdated](e.ctx), 1)

	// Roles: set, visible through HasRole, removed.
	e.resetEvents()
	_, err = e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: owner, Manager: mgr, Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventRoleSet{{Manager: mgr, Role: "ROLE_DIRECT_TRANSFERER", Address: e.stranger.Address.String()}}, eventsOf[*types.EventRoleSet](e.ctx))
	has, err := e.k.HasRole(e.ctx, m, types.ROLE_DIRECT_TRANSFERER, e.stranger.Address)
	require.NoError(t, err)
	require.True(t, has)
	_, err = e.msgs.RemoveRole(e.ctx, &types.MsgRemoveRole{Owner: owner, Manager: mgr, Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
	require.NoError(t, err)
	require.Len(t, eventsOf[*types.EventRoleRemoved](e.ctx), 1)
	has, err = e.k.HasRole(e.ctx, m, types.ROLE_DIRECT_TRANSFERER, e.stranger.Address)
	require.NoError(t, err)
	require.False(t, has)

	// Ownership moves: the old owner loses every right, the new one has them.
	e.resetEvents()
	newOwner := e.s3.Address.String()
	_, err = e.msgs.TransferOwnership(e.ctx, &types.MsgTransferOwnership{Owner: owner, Manager: mgr, NewOwner: newOwner})
	require.NoError(t, err)
	require.Equal(t, []*types.EventOwnershipTransferred{{Manager: mgr, PreviousOwner: owner, NewOwner: newOwner}}, eventsOf[*types.EventOwnershipTransferred](e.ctx))
	e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
		_, err := e.msgs.UpdateManagerRules(ctx, &types.MsgUpdateManagerRules{Owner: owner, Manager: mgr, Rules: types.DefaultRules()})
		return err
	})
	e.refused(types.ErrUnauthorized, func(ctx sdk.Context) error {
		_, err := e.msgs.AddPartition(ctx, &types.MsgAddPartition{Authority: owner, Manager: mgr, Partition: subPool(e.manager, 1).String()})
		return err
	})
	_, err = e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: newOwner, Manager: mgr, Role: types.ROLE_PROCESSOR, Address: owner})
	require.NoError(t, err)
	e.checkInvariants()
}

func TestPartitionsAddedAndRemovedByOwnerOrPartitionManager(t *testing.T) {
	e := newEnv(t, envOptions{})
	mgr := e.manager.String()
	partitionManager := e.s3
	_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: e.owner.Address.String(), Manager: mgr, Role: types.ROLE_PARTITION_MANAGER, Address: partitionManager.Address.String()})
	require.NoError(t, err)

	add := func(signer apptesting.Account, p string) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.AddPartition(ctx, &types.MsgAddPartition{Authority: signer.Address.String(), Manager: mgr, Partition: p})
			return err
		}
	}
	remove := func(signer apptesting.Account, p string) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := e.msgs.RemovePartition(ctx, &types.MsgRemovePartition{Authority: signer.Address.String(), Manager: mgr, Partition: p})
			return err
		}
	}
	second := subPool(e.manager, 2)
	for _, who := range []apptesting.Account{e.stranger, e.processor, e.attester, e.limiter} {
		e.refused(types.ErrUnauthorized, add(who, second.String()))
		e.refused(types.ErrUnauthorized, remove(who, e.pool.String()))
	}
	// Wrong prefix, another manager's range, the zero partition, a duplicate.
	e.refused(types.ErrInvalidPartition, add(e.owner, types.HolderPartitionOf(second).String()))
	other := types.ManagerAddress(7)
	e.refused(types.ErrInvalidPartition, add(e.owner, subPool(other, 2).String()))
	e.refused(types.ErrInvalidPartition, add(e.owner, amptypes.DefaultPartition.String()))
	e.refused(amptypes.ErrInvalidPartition, add(e.owner, "0xcccc"))
	e.refused(types.ErrPoolExists, add(e.owner, e.pool.String()))

	// The partition manager adds the second pool; it is empty and usable.
	require.NoError(t, e.deliver(add(partitionManager, second.String())))
	require.Equal(t, []*types.EventPartitionAdded{{Manager: mgr, Partition: second.String()}}, eventsOf[*types.EventPartitionAdded](e.ctx))
	pool := e.poolOf(second)
	require.Equal(t, uint64(1), pool.ManagerId)
	require.True(t, pool.ActiveValue.IsZero() && pool.TotalShares.IsZero() && pool.Locked.IsZero())

	// A non-empty pool cannot be removed; an empty one can, by the partition manager.
	_, err = e.supplyTo(e.s1, second, amp(5))
	require.NoError(t, err)
	e.refused(types.ErrPoolNotEmpty, remove(partitionManager, second.String()))
	e.refused(types.ErrPoolNotEmpty, remove(e.owner, second.String()))
	_, err = e.requestWithdrawal(e.s1, amp(5)) // wrong pool: env's pool has no position
	require.ErrorIs(t, err, types.ErrInsufficientPosition)
	require.NoError(t, e.deliver(func(ctx sdk.Context) error {
		_, err := e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: e.s1.Address.String(), Partition: second.String(), Amount: amp(5)})
		return err
	}))
	e.refused(types.ErrPoolNotEmpty, remove(e.owner, second.String())) // pending withdrawal
	e.advance(e.rules.UnbondingPeriod)
	_, err = e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	e.resetEvents()
	require.NoError(t, e.deliver(remove(partitionManager, second.String())))
	require.Equal(t, []*types.EventPartitionRemoved{{Manager: mgr, Partition: second.String()}}, eventsOf[*types.EventPartitionRemoved](e.ctx))
	_, err = e.k.GetPool(e.ctx, second)
	require.ErrorIs(t, err, types.ErrPoolNotFound)
	e.refused(types.ErrPoolNotFound, remove(e.owner, second.String()))

	// Removed: supplying into it is refused by the msg and by the hook.
	_, err = e.supplyTo(e.s1, second, amp(1))
	require.ErrorIs(t, err, types.ErrPoolNotFound)
	e.refusedTx(types.ErrPartitionNotPermitted, func(ctx sdk.Context) error {
		_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: e.s1.Address.String(), Partition: amptypes.DefaultPartition.String(), From: e.s1.Address.String(),
			To: mgr, Amount: amp(1), ToPartition: second.String(),
		})
		return err
	})

	// A pool of another manager cannot be removed through this one.
	otherMgr, otherPool := e.createManager(e.stranger, types.DefaultRules(), math.ZeroInt())
	require.NotEqual(t, e.manager, otherMgr)
	e.refused(types.ErrPoolNotFound, remove(e.owner, otherPool.String()))
	e.checkInvariants()
}

func TestSupplyByMsgAndByTransferMintsSharesWithReceipts(t *testing.T) {
	e := newEnv(t, envOptions{})
	mgr := e.manager.String()

	// 1:1 in an empty pool, receipt 1.
	before := e.balance(e.s1.Address)
	res := e.mustSupply(e.s1, amp(600))
	require.Equal(t, math.LegacyNewDecFromInt(amp(600)), res.Shares)
	require.Equal(t, uint64(1), res.Receipt)
	require.Equal(t, amp(600), before.Sub(e.balance(e.s1.Address)))
	require.Equal(t, amp(600), e.partitionBalance(e.pool, e.manager), "pooled AMP sits at the manager's address")
	supplied := eventsOf[*types.EventSupplied](e.ctx)
	require.Len(t, supplied, 1)
	require.Equal(t, types.EventSupplied{Manager: mgr, Partition: e.pool.String(), Staker: e.s1.Address.String(), Amount: amp(600).String(), Shares: res.Shares.String(), Receipt: 1}, *supplied[0])

	// A direct x/amp transfer into the pool partition: the manager's
	// recipient hook mints the shares and numbers the receipt.
	e.resetEvents()
	require.NoError(t, e.ampTransfer(e.s2.Address, e.s2.Address, e.manager, amptypes.DefaultPartition, e.pool, amp(400)))
	supplied = eventsOf[*types.EventSupplied](e.ctx)
	require.Len(t, supplied, 1)
	require.Equal(t, uint64(2), supplied[0].Receipt)
	require.Equal(t, e.s2.Address.String(), supplied[0].Staker)
	require.Equal(t, amp(400).String(), supplied[0].Amount)
	pos, value := e.position(e.s2)
	require.Equal(t, math.LegacyNewDecFromInt(amp(400)), pos.Shares)
	require.Equal(t, amp(400), value)
	pool := e.poolState()
	require.Equal(t, amp(1000), pool.ActiveValue)
	require.Equal(t, math.LegacyNewDecFromInt(amp(1000)), pool.TotalShares)
	m, err := e.k.GetManager(e.ctx, e.manager)
	require.NoError(t, err)
	require.Equal(t, uint64(2), m.SupplyNonce)

	// Holder collateral: receipt 3, counts toward capacity, stays at the
	// staker's address.
	e.resetEvents()
	res = e.mustSupplyHolder(e.s3, amp(500))
	require.Equal(t, uint64(3), res.Receipt)
	require.Len(t, eventsOf[*types.EventSupplied](e.ctx), 1)
	pool = e.poolState()
	require.Equal(t, amp(1500), pool.ActiveValue)
	require.Equal(t, amp(500), pool.HolderCustody)
	require.Equal(t, amp(500), e.partitionBalance(e.holder(), e.s3.Address))
	require.Equal(t, amp(1000), e.partitionBalance(e.pool, e.manager))
	capRes, err := e.query.Capacity(e.ctx, &types.QueryCapacityRequest{Partition: e.pool.String()})
	require.NoError(t, err)
	require.Equal(t, amp(1500), capRes.Free, "holder collateral counts toward free capacity")
	e.checkInvariants()

	// A guarantee larger than the pooled AMP is backed by holder collateral:
	// 1,400 AMP locked of 1,500.
	g := e.mustOpen("560", 5*time.Minute) // 560 × 1.25 ÷ 0.5 = 1,400 AMP
	require.Equal(t, amp(1400), g.Lock)
	e.checkInvariants()

	// Transfers into a partition the manager has not permitted are refused.
	for _, p := range []amptypes.Partition{subPool(e.manager, 9), amptypes.DefaultPartition} {
		e.refusedTx(types.ErrPartitionNotPermitted, func(ctx sdk.Context) error {
			_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
				Operator: e.s1.Address.String(), Partition: amptypes.DefaultPartition.String(), From: e.s1.Address.String(),
				To: mgr, Amount: amp(1), ToPartition: p.String(),
			})
			return err
		})
	}
	// Supplying more than one holds, or into an unknown pool, or a partition
	// that is neither a pool nor holder collateral.
	e.refused(amptypes.ErrInsufficientBalance, func(ctx sdk.Context) error {
		_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: amp(2_000_000)})
		return err
	})
	e.refused(types.ErrPoolNotFound, func(ctx sdk.Context) error {
		_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: e.s1.Address.String(), Partition: types.HolderPartitionOf(subPool(e.manager, 3)).String(), Amount: amp(1)})
		return err
	})
	e.refused(types.ErrInvalidPartition, func(ctx sdk.Context) error {
		_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: e.s1.Address.String(), Partition: amptypes.DefaultPartition.String(), Amount: amp(1)})
		return err
	})
	e.refused(types.ErrInvalidAmount, func(ctx sdk.Context) error {
		_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: e.s1.Address.String(), Partition: e.pool.String(), Amount: math.ZeroInt()})
		return err
	})
	e.checkInvariants()
}

func TestSharesMintedAtPoolPrice(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(1000))
	g := e.mustOpen("100", time.Minute) // lock 250, payout 200
	e.resolve(g.Id, false)
	require.Equal(t, amp(800), e.poolState().ActiveValue)

	// 1,000 shares are now worth 800 AMP: 400 AMP buy 500 shares.
	res := e.mustSupply(e.s2, amp(400))
	require.Equal(t, math.LegacyNewDecFromInt(amp(500)), res.Shares)
	require.Equal(t, amp(400), e.value(e.s2))
	require.Equal(t, amp(800), e.value(e.s1))

	e.checkInvariants()
}

func TestHolderCollateralStaysInPlaceButCannotLeaveWhileStaked(t *testing.T) {
	e := newEnv(t, envOptions{})
	holder := e.holder()
	e.mustSupplyHolder(e.s1, amp(100))
	// Unstaked excess: a direct x/amp transfer into one's own holder
	// partition is collateral in place that backs nothing.
	require.NoError(t, e.ampTransfer(e.s1.Address, e.s1.Address, e.s1.Address, amptypes.DefaultPartition, holder, amp(30)))
	require.Equal(t, amp(130), e.partitionBalance(holder, e.s1.Address))
	require.Equal(t, amp(100), e.poolState().ActiveValue, "an x/amp transfer into holder collateral is not a stake")

	// The holder may move the excess, not a token more.
	require.NoError(t, e.ampTransfer(e.s1.Address, e.s1.Address, e.s1.Address, holder, amptypes.DefaultPartition, amp(20)))
	require.NoError(t, e.ampTransfer(e.s1.Address, e.s1.Address, e.s2.Address, holder, holder, amp(10)))
	for _, to := range []sdk.AccAddress{e.s1.Address, e.s2.Address} {
		e.refused(types.ErrCollateralInUse, func(ctx sdk.Context) error {
			_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
				Operator: e.s1.Address.String(), Partition: holder.String(), From: e.s1.Address.String(), To: to.String(),
				Amount: math.OneInt(), ToPartition: amptypes.DefaultPartition.String(),
			})
			return err
		})
	}
	// Nor through an operator the holder authorised.
	_, err := e.ampMsgs.AuthorizeOperator(e.ctx, &amptypes.MsgAuthorizeOperator{Holder: e.s1.Address.String(), Operator: e.s3.Address.String()})
	require.NoError(t, err)
	e.refused(types.ErrCollateralInUse, func(ctx sdk.Context) error {
		_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: e.s3.Address.String(), Partition: holder.String(), From: e.s1.Address.String(), To: e.s3.Address.String(), Amount: amp(1),
		})
		return err
	})
	// Holder collateral may not be sent to the manager itself.
	e.refusedTx(amptypes.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: e.s2.Address.String(), Partition: holder.String(), From: e.s2.Address.String(), To: e.manager.String(), Amount: amp(1),
		})
		return err
	})
	require.Equal(t, amp(100), e.partitionBalance(holder, e.s1.Address))
	e.checkInvariants()

	// After a withdrawal the holder's own collateral pays it back first.
	_, err = e.requestWithdrawal(e.s1, amp(40))
	require.NoError(t, err)
	e.advance(e.rules.UnbondingPeriod)
	before := e.balance(e.s1.Address)
	paid, err := e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	require.Equal(t, amp(40), paid.Amount)
	require.Equal(t, amp(40), e.balance(e.s1.Address).Sub(before))
	require.Equal(t, amp(60), e.partitionBalance(holder, e.s1.Address))
	pos, _ := e.position(e.s1)
	require.Equal(t, amp(60), pos.HolderCustody)
	// Still 60 staked: nothing may leave.
	e.refused(types.ErrCollateralInUse, func(ctx sdk.Context) error {
		_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
			Operator: e.s1.Address.String(), Partition: holder.String(), From: e.s1.Address.String(), To: e.s1.Address.String(),
			Amount: math.OneInt(), ToPartition: amptypes.DefaultPartition.String(),
		})
		return err
	})
	e.checkInvariants()
}

func TestTokensLeaveAManagerOnlyThroughCollateral(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(100))
	// Anyone passes the pool strategy's operator scope for the manager's
	// pool tokens; the manager's sender hook refuses every one of them.
	for _, op := range []apptesting.Account{e.stranger, e.owner, e.processor, e.s1} {
		for _, to := range []amptypes.Partition{amptypes.DefaultPartition, e.pool, types.HolderPartitionOf(e.pool)} {
			e.refused(types.ErrManagerTransfer, func(ctx sdk.Context) error {
				msg := &amptypes.MsgTransferByPartition{
					Operator: op.Address.String(), Partition: e.pool.String(), From: e.manager.String(), To: op.Address.String(), Amount: amp(1),
				}
				if to != e.pool {
					msg.ToPartition = to.String()
				}
				_, err := e.ampMsgs.TransferByPartition(ctx, msg)
				return err
			})
		}
	}
	require.Equal(t, amp(100), e.partitionBalance(e.pool, e.manager))
	e.checkInvariants()
}

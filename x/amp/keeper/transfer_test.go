package keeper_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/x/amp/types"
)

func coins(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, n)) }

// ---------------------------------------------------------------- rule 1

func TestDefaultPartitionIsBankBalance(t *testing.T) {
	f := newFixture(t)
	alice := f.alice.Address

	require.Equal(t, genesisFund, f.bank(f.ctx, alice))
	require.Equal(t, genesisFund, f.balanceOf(t, f.ctx, types.DefaultPartition, alice))
	require.Equal(t, genesisFund, f.total(t, f.ctx, alice))

	p1, p2 := holderPartition(f.manager.Address, 1), holderPartition(f.manager2.Address, 2)
	f.fund(t, alice, p1, amt(300))
	f.fund(t, alice, p2, amt(200))

	require.Equal(t, genesisFund.SubRaw(500), f.bank(f.ctx, alice), "non-default partitions leave the bank balance")
	require.Equal(t, genesisFund.SubRaw(500), f.balanceOf(t, f.ctx, types.DefaultPartition, alice))
	require.Equal(t, amt(300), f.balanceOf(t, f.ctx, p1, alice))
	require.Equal(t, amt(200), f.balanceOf(t, f.ctx, p2, alice))
	require.Equal(t, genesisFund, f.total(t, f.ctx, alice), "balance-of = bank + every partition")
	require.Equal(t, amt(500), f.escrow(f.ctx), "non-default partitions are escrowed in the module account")

	supply := f.app.BankKeeper.GetSupply(f.ctx, app.BondDenom).Amount
	defaultSupply, err := f.k.TotalSupplyByPartition(f.ctx, types.DefaultPartition)
	require.NoError(t, err)
	require.Equal(t, supply.SubRaw(500), defaultSupply)
	p1Supply, err := f.k.TotalSupplyByPartition(f.ctx, p1)
	require.NoError(t, err)
	require.Equal(t, amt(300), p1Supply)

	// A plain bank send moves default-partition AMP only.
	bankMsgs := bankkeeper.NewMsgServerImpl(f.app.BankKeeper)
	_, err = bankMsgs.Send(f.ctx, banktypes.NewMsgSend(alice, f.bob.Address, coins(100)))
	require.NoError(t, err)
	require.Equal(t, genesisFund.SubRaw(600), f.bank(f.ctx, alice))
	require.Equal(t, amt(300), f.balanceOf(t, f.ctx, p1, alice))
	require.Equal(t, amt(200), f.balanceOf(t, f.ctx, p2, alice))
	require.Equal(t, genesisFund.SubRaw(100), f.total(t, f.ctx, alice))
	require.Equal(t, genesisFund.AddRaw(100), f.total(t, f.ctx, f.bob.Address))
	requireInvariants(t, f.ctx, f.k)
}

func TestPlainBankSendToHookedManagerRefused(t *testing.T) {
	f := newFixture(t)
	alice, hooked, plain := f.alice.Address, f.manager.Address, f.manager2.Address
	f.hooks.recipient[hooked.String()] = allow
	bankMsgs := bankkeeper.NewMsgServerImpl(f.app.BankKeeper)

	f.refused(t, types.ErrPlainSendToHookedAddress, func(ctx sdk.Context) error {
		_, err := bankMsgs.Send(ctx, banktypes.NewMsgSend(alice, hooked, coins(100)))
		return err
	})
	f.refused(t, types.ErrPlainSendToHookedAddress, func(ctx sdk.Context) error {
		return f.app.BankKeeper.SendCoins(ctx, alice, hooked, coins(100))
	})
	f.refused(t, types.ErrPlainSendToHookedAddress, func(ctx sdk.Context) error {
		_, err := bankMsgs.MultiSend(ctx, &banktypes.MsgMultiSend{
			Inputs:  []banktypes.Input{banktypes.NewInput(alice, coins(100))},
			Outputs: []banktypes.Output{banktypes.NewOutput(hooked, coins(100))},
		})
		return err
	})
	require.Empty(t, f.hooks.calls, "a refused plain send reaches no hook")

	// The hooked manager receives through its rules: a transfer by
	// partition of the default partition passes the restriction and calls
	// its recipient hook.
	f.mustTransfer(t, transferMsg(alice, alice, hooked, types.DefaultPartition, amt(100)))
	require.Equal(t, []string{"recv:" + hooked.String()}, f.hooks.calls)
	require.Equal(t, genesisFund.AddRaw(100), f.bank(f.ctx, hooked))
	require.Equal(t, genesisFund.SubRaw(100), f.bank(f.ctx, alice))

	// A registered manager without hooks (an ordinary key) receives plain
	// sends as on the contract.
	isManager, err := f.k.IsCollateralManager(f.ctx, plain)
	require.NoError(t, err)
	require.True(t, isManager)
	_, err = bankMsgs.Send(f.ctx, banktypes.NewMsgSend(alice, plain, coins(40)))
	require.NoError(t, err)
	require.NoError(t, f.app.BankKeeper.SendCoins(f.ctx, alice, plain, coins(2)))
	require.Equal(t, genesisFund.AddRaw(42), f.bank(f.ctx, plain))
	requireInvariants(t, f.ctx, f.k)
}

// ---------------------------------------------------------------- rule 2

func TestTransferByPartitionOperatorRights(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol, op := f.alice.Address, f.bob.Address, f.carol.Address, f.operator.Address
	p := holderPartition(f.manager2.Address, 7)
	f.fund(t, alice, p, amt(1000))

	// No rights at all.
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(op, alice, bob, p, amt(1)))
		return err
	})
	for _, part := range []types.Partition{types.DefaultPartition, p} {
		ok, err := f.k.IsOperatorForPartition(f.ctx, part, op, alice)
		require.NoError(t, err)
		require.False(t, ok)
	}

	// Global operator: every partition of the holder.
	_, err := f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)
	f.mustTransfer(t, transferMsg(op, alice, bob, p, amt(100)))
	f.mustTransfer(t, transferMsg(op, alice, bob, types.DefaultPartition, amt(10)))
	require.Equal(t, amt(900), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, amt(100), f.balanceOf(t, f.ctx, p, bob), "same partition at the recipient")
	require.Equal(t, genesisFund.SubRaw(1010), f.bank(f.ctx, alice))
	require.Equal(t, genesisFund.AddRaw(10), f.bank(f.ctx, bob))

	_, err = f.msgs.RevokeOperator(f.ctx, &types.MsgRevokeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)
	isOp, err := f.k.IsOperator(f.ctx, op, alice)
	require.NoError(t, err)
	require.False(t, isOp)
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(op, alice, bob, p, amt(1)))
		return err
	})

	// Per-partition operator: that partition only.
	_, err = f.msgs.AuthorizeOperatorByPartition(f.ctx, &types.MsgAuthorizeOperatorByPartition{
		Holder: alice.String(), Partition: p.String(), Operator: carol.String(),
	})
	require.NoError(t, err)
	f.mustTransfer(t, transferMsg(carol, alice, bob, p, amt(50)))
	require.Equal(t, amt(850), f.balanceOf(t, f.ctx, p, alice))
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(carol, alice, bob, types.DefaultPartition, amt(1)))
		return err
	})
	_, err = f.msgs.RevokeOperatorByPartition(f.ctx, &types.MsgRevokeOperatorByPartition{
		Holder: alice.String(), Partition: p.String(), Operator: carol.String(),
	})
	require.NoError(t, err)
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(carol, alice, bob, p, amt(1)))
		return err
	})

	// Strategy operator scope: the owning manager of a holder-collateral
	// partition, and the manager's operators, act on the holder's tokens.
	mgr := f.manager2.Address
	ok, err := f.k.IsOperatorForPartition(f.ctx, p, mgr, alice)
	require.NoError(t, err)
	require.True(t, ok, "the owner is in the strategy's operator scope")
	f.mustTransfer(t, withTo(transferMsg(mgr, alice, mgr, p, amt(5)), types.DefaultPartition))
	require.Equal(t, amt(845), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, genesisFund.AddRaw(5), f.bank(f.ctx, mgr))

	ok, err = f.k.IsOperatorForPartition(f.ctx, p, f.stranger.Address, alice)
	require.NoError(t, err)
	require.False(t, ok)
	_, err = f.msgs.AuthorizeOperatorByPartition(f.ctx, &types.MsgAuthorizeOperatorByPartition{
		Holder: mgr.String(), Partition: p.String(), Operator: f.stranger.Address.String(),
	})
	require.NoError(t, err)
	ok, err = f.k.IsOperatorForCollateralManager(f.ctx, p, f.stranger.Address, mgr)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = f.k.IsOperatorForPartition(f.ctx, p, f.stranger.Address, alice)
	require.NoError(t, err)
	require.True(t, ok, "the manager's operators are in the scope too")
	f.mustTransfer(t, withTo(transferMsg(f.stranger.Address, alice, mgr, p, amt(5)), types.DefaultPartition))
	require.Equal(t, amt(840), f.balanceOf(t, f.ctx, p, alice))
	// ...but not on another manager's partition of the same holder.
	other := holderPartition(f.manager.Address, 7)
	f.fund(t, alice, other, amt(10))
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(f.stranger.Address, alice, mgr, other, amt(1)))
		return err
	})
	requireInvariants(t, f.ctx, f.k)
}

func TestTransferByPartitionAllowance(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol := f.alice.Address, f.bob.Address, f.carol.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(1000))

	_, err := f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{
		Owner: alice.String(), Partition: p.String(), Spender: bob.String(), Amount: amt(60),
	})
	require.NoError(t, err)
	require.Equal(t, amt(60), f.allowance(t, f.ctx, p, alice, bob))
	require.True(t, f.allowance(t, f.ctx, types.DefaultPartition, alice, bob).IsZero(), "allowances are per partition")

	f.mustTransfer(t, transferMsg(bob, alice, carol, p, amt(40)))
	require.Equal(t, amt(20), f.allowance(t, f.ctx, p, alice, bob), "allowance decremented by the amount")
	require.Equal(t, amt(960), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, amt(40), f.balanceOf(t, f.ctx, p, carol))

	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(bob, alice, carol, p, amt(21)))
		return err
	})
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(bob, alice, carol, types.DefaultPartition, amt(1)))
		return err
	})

	// Exactly the rest: the record is removed, not left at zero.
	f.mustTransfer(t, transferMsg(bob, alice, carol, p, amt(20)))
	require.True(t, f.allowance(t, f.ctx, p, alice, bob).IsZero())
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Empty(t, gs.Allowances)
	requireInvariants(t, f.ctx, f.k)
}

// The contract spends allowance even when operator rights carried the
// transfer: decremented when it covers the amount, zeroed when it does not.
func TestAllowanceSpentAlongsideOperatorRights(t *testing.T) {
	f := newFixture(t)
	alice, carol, bob := f.alice.Address, f.carol.Address, f.bob.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(1000))
	_, err := f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: carol.String()})
	require.NoError(t, err)
	_, err = f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{
		Owner: alice.String(), Partition: p.String(), Spender: carol.String(), Amount: amt(100),
	})
	require.NoError(t, err)

	f.mustTransfer(t, transferMsg(carol, alice, bob, p, amt(30)))
	require.Equal(t, amt(70), f.allowance(t, f.ctx, p, alice, carol), "covered by the allowance: decremented")

	f.mustTransfer(t, transferMsg(carol, alice, bob, p, amt(500)))
	require.True(t, f.allowance(t, f.ctx, p, alice, carol).IsZero(), "operator rights carried it: zeroed")
	require.Equal(t, amt(470), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, amt(530), f.balanceOf(t, f.ctx, p, bob))
	requireInvariants(t, f.ctx, f.k)
}

func TestTransferByPartitionRefusals(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.alice.Address, f.bob.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(1000))
	_, err := f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{
		Owner: alice.String(), Partition: p.String(), Spender: bob.String(), Amount: amt(10),
	})
	require.NoError(t, err)
	zero := sdk.AccAddress(make([]byte, 20))

	tests := []struct {
		name string
		msg  *types.MsgTransferByPartition
		want error
	}{
		{"zero recipient, default partition", transferMsg(alice, alice, zero, types.DefaultPartition, amt(1)), types.ErrInvalidReceiver},
		{"zero recipient, partition", transferMsg(alice, alice, zero, p, amt(1)), types.ErrInvalidReceiver},
		{"zero recipient, by a spender", transferMsg(bob, alice, zero, p, amt(1)), types.ErrInvalidReceiver},
		{"short balance, partition", transferMsg(alice, alice, bob, p, amt(1001)), types.ErrInsufficientBalance},
		{"short balance, default partition", transferMsg(alice, alice, bob, types.DefaultPartition, genesisFund.AddRaw(1)), types.ErrInsufficientBalance},
		{"nothing in the partition", transferMsg(bob, bob, alice, p, amt(1)), types.ErrInsufficientBalance},
		{"short allowance", transferMsg(bob, alice, bob, p, amt(11)), types.ErrInsufficientAllowance},
		{"no allowance", transferMsg(f.stranger.Address, alice, bob, p, amt(1)), types.ErrInsufficientAllowance},
		{"zero amount", transferMsg(alice, alice, bob, p, math.ZeroInt()), types.ErrInvalidAmount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.refused(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.msgs.TransferByPartition(ctx, tc.msg)
				return err
			})
		})
	}

	// The same at keeper level, where other modules call it.
	keeperTests := []struct {
		name string
		tr   types.Transfer
		want error
	}{
		{"zero recipient", types.Transfer{FromPartition: p, ToPartition: p, Operator: alice, From: alice, To: zero, Amount: amt(1)}, types.ErrInvalidReceiver},
		{"empty recipient", types.Transfer{FromPartition: p, ToPartition: p, Operator: alice, From: alice, To: nil, Amount: amt(1)}, types.ErrInvalidReceiver},
		{"short balance", types.Transfer{FromPartition: p, ToPartition: p, Operator: alice, From: alice, To: bob, Amount: amt(1001)}, types.ErrInsufficientBalance},
		{"short allowance", types.Transfer{FromPartition: p, ToPartition: p, Operator: bob, From: alice, To: bob, Amount: amt(11)}, types.ErrInsufficientAllowance},
		{"reserved destination", types.Transfer{FromPartition: p, ToPartition: reservedPartition(alice), Operator: alice, From: alice, To: alice, Amount: amt(1)}, types.ErrPartitionReserved},
	}
	for _, tc := range keeperTests {
		t.Run("keeper/"+tc.name, func(t *testing.T) {
			f.refused(t, tc.want, func(ctx sdk.Context) error {
				_, err := f.k.TransferByPartition(ctx, tc.tr)
				return err
			})
		})
	}

	// An operator that also holds an allowance, moving more than the
	// holder has: the allowance is spent before the balance check, so the
	// keeper leaves writes behind; the message is refused and, rolled back
	// as baseapp does, the allowance is intact.
	_, err = f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: bob.String()})
	require.NoError(t, err)
	f.refusedAfterWrites(t, types.ErrInsufficientBalance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(bob, alice, bob, p, amt(1001)))
		return err
	})
	require.Equal(t, amt(10), f.allowance(t, f.ctx, p, alice, bob))
	require.Equal(t, amt(1000), f.balanceOf(t, f.ctx, p, alice))
	requireInvariants(t, f.ctx, f.k)
}

func TestTransferFromAndAllowances(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol := f.alice.Address, f.bob.Address, f.carol.Address
	d := types.DefaultPartition

	_, err := f.msgs.Approve(f.ctx, &types.MsgApprove{Owner: alice.String(), Spender: bob.String(), Amount: amt(100)})
	require.NoError(t, err)
	require.Equal(t, []*types.EventApproval{{Owner: alice.String(), Spender: bob.String(), Amount: "100"}},
		typedEvents[*types.EventApproval](t, f.ctx.EventManager().ABCIEvents()))
	require.Equal(t, []*types.EventApprovalByPartition{{Partition: d.String(), Owner: alice.String(), Spender: bob.String(), Amount: "100"}},
		typedEvents[*types.EventApprovalByPartition](t, f.freshEvents()))

	_, err = f.msgs.IncreaseAllowance(f.ctx, &types.MsgIncreaseAllowance{Owner: alice.String(), Spender: bob.String(), AddedValue: amt(50)})
	require.NoError(t, err)
	require.Equal(t, amt(150), f.allowance(t, f.ctx, d, alice, bob))
	require.Equal(t, "150", typedEvents[*types.EventApproval](t, f.freshEvents())[0].Amount, "the event carries the new allowance")

	_, err = f.msgs.DecreaseAllowance(f.ctx, &types.MsgDecreaseAllowance{Owner: alice.String(), Spender: bob.String(), SubtractedValue: amt(30)})
	require.NoError(t, err)
	require.Equal(t, amt(120), f.allowance(t, f.ctx, d, alice, bob))
	f.freshEvents()

	f.refused(t, types.ErrAllowanceBelowZero, func(ctx sdk.Context) error {
		_, err := f.msgs.DecreaseAllowance(ctx, &types.MsgDecreaseAllowance{Owner: alice.String(), Spender: bob.String(), SubtractedValue: amt(121)})
		return err
	})

	resp, err := f.query.Allowance(f.ctx, &types.QueryAllowanceRequest{Owner: alice.String(), Spender: bob.String()})
	require.NoError(t, err)
	require.Equal(t, amt(120), resp.Amount)

	_, err = f.msgs.TransferFrom(f.ctx, &types.MsgTransferFrom{Spender: bob.String(), From: alice.String(), To: carol.String(), Amount: amt(100)})
	require.NoError(t, err)
	require.Equal(t, genesisFund.SubRaw(100), f.bank(f.ctx, alice))
	require.Equal(t, genesisFund.AddRaw(100), f.bank(f.ctx, carol))
	require.Equal(t, genesisFund, f.bank(f.ctx, bob), "the spender pays nothing")
	require.Equal(t, amt(20), f.allowance(t, f.ctx, d, alice, bob))
	require.Equal(t, []*types.EventTransferByPartition{{
		FromPartition: d.String(), Operator: bob.String(), From: alice.String(), To: carol.String(), Amount: "100",
	}}, typedEvents[*types.EventTransferByPartition](t, f.freshEvents()))

	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferFrom(ctx, &types.MsgTransferFrom{Spender: bob.String(), From: alice.String(), To: carol.String(), Amount: amt(21)})
		return err
	})
	f.refused(t, types.ErrInvalidReceiver, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferFrom(ctx, &types.MsgTransferFrom{Spender: bob.String(), From: alice.String(), To: sdk.AccAddress(make([]byte, 20)).String(), Amount: amt(1)})
		return err
	})

	// Decreasing to exactly zero and approving zero remove the record.
	_, err = f.msgs.DecreaseAllowance(f.ctx, &types.MsgDecreaseAllowance{Owner: alice.String(), Spender: bob.String(), SubtractedValue: amt(20)})
	require.NoError(t, err)
	has, err := f.k.Allowances.Has(f.ctx, allowanceKey(d, alice, bob))
	require.NoError(t, err)
	require.False(t, has)
	_, err = f.msgs.Approve(f.ctx, &types.MsgApprove{Owner: alice.String(), Spender: carol.String(), Amount: amt(5)})
	require.NoError(t, err)
	_, err = f.msgs.Approve(f.ctx, &types.MsgApprove{Owner: alice.String(), Spender: carol.String(), Amount: math.ZeroInt()})
	require.NoError(t, err)
	has, err = f.k.Allowances.Has(f.ctx, allowanceKey(d, alice, carol))
	require.NoError(t, err)
	require.False(t, has)

	// The by-partition variants.
	f.freshEvents()
	p := holderPartition(f.manager.Address, 3)
	_, err = f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{Owner: alice.String(), Partition: p.String(), Spender: bob.String(), Amount: amt(10)})
	require.NoError(t, err)
	_, err = f.msgs.IncreaseAllowanceByPartition(f.ctx, &types.MsgIncreaseAllowanceByPartition{Owner: alice.String(), Partition: p.String(), Spender: bob.String(), AddedValue: amt(5)})
	require.NoError(t, err)
	_, err = f.msgs.DecreaseAllowanceByPartition(f.ctx, &types.MsgDecreaseAllowanceByPartition{Owner: alice.String(), Partition: p.String(), Spender: bob.String(), SubtractedValue: amt(3)})
	require.NoError(t, err)
	require.Equal(t, amt(12), f.allowance(t, f.ctx, p, alice, bob))
	require.True(t, f.allowance(t, f.ctx, d, alice, bob).IsZero())
	byPart := typedEvents[*types.EventApprovalByPartition](t, f.ctx.EventManager().ABCIEvents())
	require.Equal(t, []*types.EventApprovalByPartition{
		{Partition: p.String(), Owner: alice.String(), Spender: bob.String(), Amount: "10"},
		{Partition: p.String(), Owner: alice.String(), Spender: bob.String(), Amount: "15"},
		{Partition: p.String(), Owner: alice.String(), Spender: bob.String(), Amount: "12"},
	}, byPart)
	require.Empty(t, typedEvents[*types.EventApproval](t, f.freshEvents()), "Approval is for the default partition only")
	f.refused(t, types.ErrAllowanceBelowZero, func(ctx sdk.Context) error {
		_, err := f.msgs.DecreaseAllowanceByPartition(ctx, &types.MsgDecreaseAllowanceByPartition{Owner: alice.String(), Partition: p.String(), Spender: bob.String(), SubtractedValue: amt(13)})
		return err
	})
	qa, err := f.query.AllowanceByPartition(f.ctx, &types.QueryAllowanceByPartitionRequest{Partition: p.String(), Owner: alice.String(), Spender: bob.String()})
	require.NoError(t, err)
	require.Equal(t, amt(12), qa.Amount)
	requireInvariants(t, f.ctx, f.k)
}

func TestOperatorAuthorization(t *testing.T) {
	f := newFixture(t)
	alice, op := f.alice.Address, f.operator.Address
	p := holderPartition(f.manager.Address, 1)

	f.refused(t, types.ErrSelfOperator, func(ctx sdk.Context) error {
		_, err := f.msgs.AuthorizeOperator(ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: alice.String()})
		return err
	})
	f.refused(t, types.ErrSelfOperator, func(ctx sdk.Context) error {
		_, err := f.msgs.RevokeOperator(ctx, &types.MsgRevokeOperator{Holder: alice.String(), Operator: alice.String()})
		return err
	})

	_, err := f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventAuthorizedOperator{{Operator: op.String(), Holder: alice.String()}},
		typedEvents[*types.EventAuthorizedOperator](t, f.freshEvents()))
	q, err := f.query.IsOperator(f.ctx, &types.QueryIsOperatorRequest{Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.True(t, q.IsOperator)
	qp, err := f.query.IsOperatorForPartition(f.ctx, &types.QueryIsOperatorForPartitionRequest{Partition: p.String(), Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.True(t, qp.IsOperator, "a global operator acts on every partition")

	_, err = f.msgs.RevokeOperator(f.ctx, &types.MsgRevokeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventRevokedOperator{{Operator: op.String(), Holder: alice.String()}},
		typedEvents[*types.EventRevokedOperator](t, f.freshEvents()))
	q, err = f.query.IsOperator(f.ctx, &types.QueryIsOperatorRequest{Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.False(t, q.IsOperator)

	_, err = f.msgs.AuthorizeOperatorByPartition(f.ctx, &types.MsgAuthorizeOperatorByPartition{Holder: alice.String(), Partition: p.String(), Operator: op.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventAuthorizedOperatorByPartition{{Partition: p.String(), Operator: op.String(), Holder: alice.String()}},
		typedEvents[*types.EventAuthorizedOperatorByPartition](t, f.freshEvents()))
	qp, err = f.query.IsOperatorForPartition(f.ctx, &types.QueryIsOperatorForPartitionRequest{Partition: p.String(), Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.True(t, qp.IsOperator)
	qd, err := f.query.IsOperatorForPartition(f.ctx, &types.QueryIsOperatorForPartitionRequest{Partition: types.DefaultPartition.String(), Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.False(t, qd.IsOperator)

	_, err = f.msgs.RevokeOperatorByPartition(f.ctx, &types.MsgRevokeOperatorByPartition{Holder: alice.String(), Partition: p.String(), Operator: op.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventRevokedOperatorByPartition{{Partition: p.String(), Operator: op.String(), Holder: alice.String()}},
		typedEvents[*types.EventRevokedOperatorByPartition](t, f.freshEvents()))
	qp, err = f.query.IsOperatorForPartition(f.ctx, &types.QueryIsOperatorForPartitionRequest{Partition: p.String(), Operator: op.String(), Holder: alice.String()})
	require.NoError(t, err)
	require.False(t, qp.IsOperator)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Empty(t, gs.Operators, "revoked operators leave no record")
	requireInvariants(t, f.ctx, f.k)
}

// ---------------------------------------------------------------- rule 3

func TestDestinationPartition(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.alice.Address, f.bob.Address
	p1, p2 := holderPartition(f.manager.Address, 1), holderPartition(f.manager.Address, 2)

	// Explicit --to-partition.
	resp, err := f.transfer(withTo(transferMsg(alice, alice, bob, types.DefaultPartition, amt(100)), p1))
	require.NoError(t, err)
	require.Equal(t, p1.String(), resp.ToPartition)
	require.Equal(t, amt(100), f.balanceOf(t, f.ctx, p1, bob))
	require.Equal(t, []*types.EventChangedPartition{{FromPartition: types.DefaultPartition.String(), ToPartition: p1.String(), Amount: "100"}},
		typedEvents[*types.EventChangedPartition](t, f.freshEvents()))

	// The contract's flag in data: 32 bytes of 0xff, then the destination.
	data := types.EncodeDestinationInData(p2)
	msg := transferMsg(bob, bob, alice, p1, amt(40))
	msg.Data = data
	msg.OperatorData = []byte("op-data")
	resp, err = f.transfer(msg)
	require.NoError(t, err)
	require.Equal(t, p2.String(), resp.ToPartition)
	require.Equal(t, amt(60), f.balanceOf(t, f.ctx, p1, bob))
	require.Equal(t, amt(40), f.balanceOf(t, f.ctx, p2, alice))
	events := f.freshEvents()
	require.Equal(t, []*types.EventTransferByPartition{{
		FromPartition: p1.String(), Operator: bob.String(), From: bob.String(), To: alice.String(), Amount: "40",
		Data: data, OperatorData: []byte("op-data"),
	}}, typedEvents[*types.EventTransferByPartition](t, events))
	require.Equal(t, []*types.EventChangedPartition{{FromPartition: p1.String(), ToPartition: p2.String(), Amount: "40"}},
		typedEvents[*types.EventChangedPartition](t, events))

	// Both, agreeing.
	msg = withTo(transferMsg(bob, bob, alice, p1, amt(10)), p2)
	msg.Data = data
	resp, err = f.transfer(msg)
	require.NoError(t, err)
	require.Equal(t, p2.String(), resp.ToPartition)
	require.Equal(t, amt(50), f.balanceOf(t, f.ctx, p2, alice))

	// No change: the source partition, and no ChangedPartition event.
	f.freshEvents()
	resp, err = f.transfer(transferMsg(bob, bob, alice, p1, amt(10)))
	require.NoError(t, err)
	require.Equal(t, p1.String(), resp.ToPartition)
	events = f.freshEvents()
	require.Len(t, typedEvents[*types.EventTransferByPartition](t, events), 1)
	require.Empty(t, typedEvents[*types.EventChangedPartition](t, events))

	// Both, disagreeing.
	f.refused(t, types.ErrConflictingDestination, func(ctx sdk.Context) error {
		msg := withTo(transferMsg(bob, bob, alice, p1, amt(1)), p1)
		msg.Data = data
		_, err := f.msgs.TransferByPartition(ctx, msg)
		return err
	})
	// A reserved destination, named either way.
	reserved := reservedPartition(f.manager.Address)
	f.refused(t, types.ErrPartitionReserved, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, alice, types.DefaultPartition, amt(1)), reserved))
		return err
	})
	f.refused(t, types.ErrPartitionReserved, func(ctx sdk.Context) error {
		msg := transferMsg(bob, bob, bob, p1, amt(1))
		msg.Data = types.EncodeDestinationInData(reserved)
		_, err := f.msgs.TransferByPartition(ctx, msg)
		return err
	})
	// Data shorter than flag + partition is just data.
	short := transferMsg(bob, bob, alice, p1, amt(1))
	short.Data = data[:63]
	resp, err = f.transfer(short)
	require.NoError(t, err)
	require.Equal(t, p1.String(), resp.ToPartition)
	requireInvariants(t, f.ctx, f.k)
}

// openStrategy lets everything in and out; tests bind it to prefixes.
type openStrategy struct{ name string }

func (s openStrategy) Name() string { return s.name }
func (openStrategy) IsOperatorForPartitionScope(_ context.Context, _ types.StrategyView, _ types.Partition, _, _ sdk.AccAddress) (bool, error) {
	return false, nil
}
func (openStrategy) TokensFromPartitionToValidate(context.Context, types.StrategyView, types.Transfer) error {
	return nil
}
func (openStrategy) TokensToPartitionToValidate(context.Context, types.StrategyView, types.Transfer) error {
	return nil
}

func TestSetPartitionStrategy(t *testing.T) {
	f := newFixture(t)
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	require.Equal(t, authority, f.k.Authority(), "the authority is the gov module")
	f.k.RegisterStrategy(openStrategy{name: "open"})
	set := func(authority, prefix, strategy string) func(ctx sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.msgs.SetPartitionStrategy(ctx, &types.MsgSetPartitionStrategy{Authority: authority, Prefix: prefix, Strategy: strategy})
			return err
		}
	}

	// The built-ins ship bound.
	for _, pre := range []types.Prefix{types.CollateralPoolPrefix, types.HolderCollateralPrefix} {
		q, err := f.query.IsPartitionStrategy(f.ctx, &types.QueryIsPartitionStrategyRequest{Prefix: pre.String()})
		require.NoError(t, err)
		require.True(t, q.IsPartitionStrategy)
	}
	q, err := f.query.IsPartitionStrategy(f.ctx, &types.QueryIsPartitionStrategyRequest{Prefix: reservedPrefix.String()})
	require.NoError(t, err)
	require.False(t, q.IsPartitionStrategy)

	f.refused(t, types.ErrUnauthorized, set(f.alice.Address.String(), reservedPrefix.String(), "open"))
	f.refused(t, types.ErrUnauthorized, set(f.val.Address.String(), reservedPrefix.String(), "open"))
	f.refused(t, types.ErrInvalidPrefix, set(authority, "0x00000000", "open"))
	f.refused(t, types.ErrUnknownStrategy, set(authority, reservedPrefix.String(), "no-such-strategy"))
	f.refused(t, types.ErrStrategyExists, set(authority, types.CollateralPoolPrefix.String(), "open"))
	f.refused(t, types.ErrStrategyExists, set(authority, types.HolderCollateralPrefix.String(), types.StrategyHolderCollateral))
	f.refused(t, types.ErrInvalidPrefix, set(authority, "0x1234", "open"))
	f.refusedAfterWrites(t, types.ErrInvalidPrefix, func(ctx sdk.Context) error {
		return f.k.SetPartitionStrategy(ctx, types.Prefix{}, "open")
	})

	// Tokens may not enter the prefix while it is reserved...
	reserved := reservedPartition(f.manager.Address)
	f.refused(t, types.ErrPartitionReserved, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(f.alice.Address, f.alice.Address, f.alice.Address, types.DefaultPartition, amt(1)), reserved))
		return err
	})

	// ...and may once the authority binds it.
	require.NoError(t, deliver(f.ctx, set(authority, reservedPrefix.String(), "open")))
	require.Equal(t, []*types.EventPartitionStrategySet{{Prefix: reservedPrefix.String(), Strategy: "open"}},
		typedEvents[*types.EventPartitionStrategySet](t, f.freshEvents()))
	q, err = f.query.IsPartitionStrategy(f.ctx, &types.QueryIsPartitionStrategyRequest{Prefix: reservedPrefix.String()})
	require.NoError(t, err)
	require.True(t, q.IsPartitionStrategy)
	f.fund(t, f.alice.Address, reserved, amt(7))
	require.Equal(t, amt(7), f.balanceOf(t, f.ctx, reserved, f.alice.Address))

	// Append-only: the prefix cannot be re-pointed, not even to the same name.
	f.refused(t, types.ErrStrategyExists, set(authority, reservedPrefix.String(), types.StrategyCollateralPool))
	f.refused(t, types.ErrStrategyExists, set(authority, reservedPrefix.String(), "open"))

	list, err := f.query.PartitionStrategies(f.ctx, &types.QueryPartitionStrategiesRequest{})
	require.NoError(t, err)
	require.ElementsMatch(t, []types.PartitionStrategy{
		{Prefix: types.CollateralPoolPrefix.String(), Strategy: types.StrategyCollateralPool},
		{Prefix: types.HolderCollateralPrefix.String(), Strategy: types.StrategyHolderCollateral},
		{Prefix: reservedPrefix.String(), Strategy: "open"},
	}, list.Strategies)
	requireInvariants(t, f.ctx, f.k)
}

func TestRegisterCollateralManager(t *testing.T) {
	f := newFixture(t)
	carol := f.carol.Address

	_, err := f.msgs.RegisterCollateralManager(f.ctx, &types.MsgRegisterCollateralManager{Manager: carol.String()})
	require.NoError(t, err)
	require.Equal(t, []*types.EventCollateralManagerRegistered{{Manager: carol.String()}},
		typedEvents[*types.EventCollateralManagerRegistered](t, f.freshEvents()))
	q, err := f.query.IsCollateralManager(f.ctx, &types.QueryIsCollateralManagerRequest{Address: carol.String()})
	require.NoError(t, err)
	require.True(t, q.IsCollateralManager)

	f.refused(t, types.ErrAlreadyCollateralManager, func(ctx sdk.Context) error {
		_, err := f.msgs.RegisterCollateralManager(ctx, &types.MsgRegisterCollateralManager{Manager: carol.String()})
		return err
	})
	list, err := f.query.CollateralManagers(f.ctx, &types.QueryCollateralManagersRequest{})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{f.manager.Address.String(), f.manager2.Address.String(), carol.String()}, list.Managers)
	q, err = f.query.IsCollateralManager(f.ctx, &types.QueryIsCollateralManagerRequest{Address: f.alice.Address.String()})
	require.NoError(t, err)
	require.False(t, q.IsCollateralManager)
	requireInvariants(t, f.ctx, f.k)
}

// ---------------------------------------------------------------- rule 4

func TestCollateralPoolStrategy(t *testing.T) {
	f := newFixture(t)
	alice, mgrA, mgrB := f.alice.Address, f.manager.Address, f.manager2.Address
	poolA := poolPartition(mgrA, 1)

	// Supplying to a pool owned by an address that is no collateral manager.
	notMgr := f.unregisteredMgr.Address
	f.refusedAfterWrites(t, types.ErrNotCollateralManager, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, notMgr, types.DefaultPartition, amt(10)), poolPartition(notMgr, 1)))
		return err
	})
	// Manager A's pool partition at manager B's address, or at the holder's.
	f.refusedAfterWrites(t, types.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, mgrB, types.DefaultPartition, amt(10)), poolA))
		return err
	})
	f.refusedAfterWrites(t, types.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, alice, types.DefaultPartition, amt(10)), poolA))
		return err
	})

	// A supply to the owner lands in the module escrow, attributed to the manager.
	escrowBefore := f.escrow(f.ctx)
	f.fund(t, alice, poolA, amt(250), mgrA)
	require.Equal(t, amt(250), f.balanceOf(t, f.ctx, poolA, mgrA))
	require.Equal(t, escrowBefore.AddRaw(250), f.escrow(f.ctx))
	require.Equal(t, genesisFund.SubRaw(250), f.total(t, f.ctx, alice))
	require.Equal(t, genesisFund, f.bank(f.ctx, mgrA), "pool tokens are not in the manager's bank balance")
	require.Equal(t, genesisFund.AddRaw(250), f.total(t, f.ctx, mgrA))
	events := typedEvents[*types.EventChangedPartition](t, f.freshEvents())
	require.Equal(t, []*types.EventChangedPartition{{FromPartition: types.DefaultPartition.String(), ToPartition: poolA.String(), Amount: "250"}}, events)

	// The manager moves pool tokens out.
	f.mustTransfer(t, withTo(transferMsg(mgrA, mgrA, alice, poolA, amt(50)), types.DefaultPartition))
	require.Equal(t, amt(200), f.balanceOf(t, f.ctx, poolA, mgrA))
	require.Equal(t, genesisFund.SubRaw(200), f.bank(f.ctx, alice))
	// Pool tokens moved within the pool stay at the owner only.
	f.refusedAfterWrites(t, types.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(mgrA, mgrA, alice, poolA, amt(1)))
		return err
	})

	// The manager's sender hook rules the pool: a veto stops even the manager.
	f.hooks.sender[mgrA.String()] = veto
	f.refused(t, errVeto, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(mgrA, mgrA, alice, poolA, amt(1)), types.DefaultPartition))
		return err
	})
	requireInvariants(t, f.ctx, f.k)
}

// DESIGN §3: "the holder of the pool (the manager) may move them out, under
// the manager's rules". A manager that registered itself with an ordinary
// key has no rules (no sender hook), so only it and the operators it chose
// may move its pool; a stranger must not.
func TestCollateralPoolOfHooklessManagerNotMovableByStranger(t *testing.T) {
	f := newFixture(t)
	mgr, thief := f.manager.Address, f.stranger.Address
	pool := poolPartition(mgr, 1)
	f.fund(t, f.alice.Address, pool, amt(1000), mgr)

	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(thief, mgr, thief, pool, amt(1000)), types.DefaultPartition))
		return err
	})
	require.Equal(t, amt(1000), f.balanceOf(t, f.ctx, pool, mgr))
	requireInvariants(t, f.ctx, f.k)
}

func TestHolderCollateralStrategy(t *testing.T) {
	f := newFixture(t)
	alice, bob, mgr := f.alice.Address, f.bob.Address, f.manager.Address
	p := holderPartition(mgr, 1)

	// Supplying to a holder-collateral partition of a non-manager.
	f.refusedAfterWrites(t, types.ErrNotCollateralManager, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, alice, types.DefaultPartition, amt(10)), holderPartition(f.unregisteredMgr.Address, 1)))
		return err
	})
	// Sending into the partition at the manager's own address.
	f.refusedAfterWrites(t, types.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, mgr, types.DefaultPartition, amt(10)), p))
		return err
	})

	// Tokens stay attributed to the holder.
	f.fund(t, alice, p, amt(500))
	require.Equal(t, amt(500), f.balanceOf(t, f.ctx, p, alice))
	require.True(t, f.balanceOf(t, f.ctx, p, mgr).IsZero())
	require.Equal(t, genesisFund, f.total(t, f.ctx, alice))
	require.Equal(t, amt(500), f.escrow(f.ctx))
	f.refusedAfterWrites(t, types.ErrStrategyRefused, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(alice, alice, mgr, p, amt(10)))
		return err
	})

	// The manager consumes them.
	f.mustTransfer(t, withTo(transferMsg(mgr, alice, mgr, p, amt(100)), types.DefaultPartition))
	require.Equal(t, amt(400), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, genesisFund.AddRaw(100), f.bank(f.ctx, mgr))

	// So do its operators, global and per partition.
	_, err := f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: mgr.String(), Operator: f.operator.Address.String()})
	require.NoError(t, err)
	f.mustTransfer(t, withTo(transferMsg(f.operator.Address, alice, bob, p, amt(10)), types.DefaultPartition))
	_, err = f.msgs.AuthorizeOperatorByPartition(f.ctx, &types.MsgAuthorizeOperatorByPartition{Holder: mgr.String(), Partition: p.String(), Operator: f.carol.Address.String()})
	require.NoError(t, err)
	q, err := f.query.IsOperatorForCollateralManager(f.ctx, &types.QueryIsOperatorForCollateralManagerRequest{Partition: p.String(), Operator: f.carol.Address.String(), Manager: mgr.String()})
	require.NoError(t, err)
	require.True(t, q.IsOperator)
	f.mustTransfer(t, withTo(transferMsg(f.carol.Address, alice, bob, p, amt(10)), types.DefaultPartition))
	require.Equal(t, amt(380), f.balanceOf(t, f.ctx, p, alice))
	require.Equal(t, genesisFund.AddRaw(20), f.bank(f.ctx, bob))

	// A stranger may not.
	f.refused(t, types.ErrInsufficientAllowance, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(f.stranger.Address, alice, f.stranger.Address, p, amt(1)), types.DefaultPartition))
		return err
	})

	// The holder moves them past the manager's sender hook, which sees the
	// transfer and may veto it.
	var seen []types.Transfer
	f.hooks.sender[mgr.String()] = func(_ context.Context, tr types.Transfer) error {
		seen = append(seen, tr)
		return errVeto
	}
	f.refused(t, errVeto, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, withTo(transferMsg(alice, alice, alice, p, amt(30)), types.DefaultPartition))
		return err
	})
	require.Len(t, seen, 1)
	require.Equal(t, p, seen[0].FromPartition)
	require.Equal(t, types.DefaultPartition, seen[0].ToPartition)
	require.Equal(t, alice, seen[0].Operator)
	require.Equal(t, alice, seen[0].From)
	require.Equal(t, alice, seen[0].To)
	require.Equal(t, amt(30), seen[0].Amount)
	// The veto does not bind the manager itself.
	f.mustTransfer(t, withTo(transferMsg(mgr, alice, mgr, p, amt(30)), types.DefaultPartition))
	require.Len(t, seen, 1, "the manager's own consumption skips its sender hook")

	f.hooks.sender[mgr.String()] = allow
	f.mustTransfer(t, withTo(transferMsg(alice, alice, alice, p, amt(30)), types.DefaultPartition))
	require.Equal(t, amt(320), f.balanceOf(t, f.ctx, p, alice))
	requireInvariants(t, f.ctx, f.k)
}

// Every state change has its typed event: spending an allowance changes it,
// so wallets and indexers that follow ApprovalByPartition (and Approval on
// the default partition) must learn the remaining amount, as they do from
// approve and decrease-allowance.
func TestAllowanceSpendEmitsApproval(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol := f.alice.Address, f.bob.Address, f.carol.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(100))
	_, err := f.msgs.ApproveByPartition(f.ctx, &types.MsgApproveByPartition{Owner: alice.String(), Partition: p.String(), Spender: bob.String(), Amount: amt(60)})
	require.NoError(t, err)
	_, err = f.msgs.Approve(f.ctx, &types.MsgApprove{Owner: alice.String(), Spender: bob.String(), Amount: amt(9)})
	require.NoError(t, err)
	f.freshEvents()

	f.mustTransfer(t, transferMsg(bob, alice, carol, p, amt(40)))
	require.Equal(t, []*types.EventApprovalByPartition{{Partition: p.String(), Owner: alice.String(), Spender: bob.String(), Amount: "20"}},
		typedEvents[*types.EventApprovalByPartition](t, f.freshEvents()), "transfer-by-partition spending an allowance")

	_, err = f.msgs.TransferFrom(f.ctx, &types.MsgTransferFrom{Spender: bob.String(), From: alice.String(), To: carol.String(), Amount: amt(4)})
	require.NoError(t, err)
	events := f.freshEvents()
	require.Equal(t, []*types.EventApproval{{Owner: alice.String(), Spender: bob.String(), Amount: "5"}},
		typedEvents[*types.EventApproval](t, events), "transfer-from spending an allowance")
	require.Equal(t, amt(5), f.allowance(t, f.ctx, types.DefaultPartition, alice, bob))
}

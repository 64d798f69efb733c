package keeper_test

import (
	"context"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/amp/types"
)

func TestHooksSeeTheTransfer(t *testing.T) {
	f := newFixture(t)
	alice, bob, op := f.alice.Address, f.bob.Address, f.operator.Address
	p := holderPartition(f.manager2.Address, 1)
	_, err := f.msgs.AuthorizeOperator(f.ctx, &types.MsgAuthorizeOperator{Holder: alice.String(), Operator: op.String()})
	require.NoError(t, err)

	var sent, received []types.Transfer
	f.hooks.sender[alice.String()] = func(_ context.Context, tr types.Transfer) error { sent = append(sent, tr); return nil }
	f.hooks.recipient[bob.String()] = func(ctx context.Context, tr types.Transfer) error {
		// Called after the tokens arrived.
		require.Equal(t, amt(70), f.balanceOf(t, sdk.UnwrapSDKContext(ctx), p, bob))
		received = append(received, tr)
		return nil
	}

	msg := withTo(transferMsg(op, alice, bob, types.DefaultPartition, amt(70)), p)
	msg.Data = []byte("data")
	msg.OperatorData = []byte("operator data")
	f.mustTransfer(t, msg)

	want := types.Transfer{
		FromPartition: types.DefaultPartition, ToPartition: p, Operator: op, From: alice, To: bob,
		Amount: amt(70), Data: []byte("data"), OperatorData: []byte("operator data"),
	}
	require.Equal(t, []types.Transfer{want}, sent)
	require.Equal(t, []types.Transfer{want}, received)
	require.Equal(t, []string{"send:" + alice.String(), "recv:" + bob.String()}, f.hooks.calls, "sender hook first, recipient hook after")
	requireInvariants(t, f.ctx, f.k)
}

// A veto detected only after the tokens moved (the recipient hook) leaves
// nothing behind once the message is discarded.
func TestHookVetoLeavesStateUntouched(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.alice.Address, f.bob.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(100))

	f.hooks.recipient[bob.String()] = veto
	for _, msg := range []*types.MsgTransferByPartition{
		transferMsg(alice, alice, bob, types.DefaultPartition, amt(10)),
		transferMsg(alice, alice, bob, p, amt(10)),
		withTo(transferMsg(alice, alice, bob, p, amt(10)), types.DefaultPartition),
		withTo(transferMsg(alice, alice, bob, types.DefaultPartition, amt(10)), p),
	} {
		f.refusedAfterWrites(t, errVeto, func(ctx sdk.Context) error {
			_, err := f.msgs.TransferByPartition(ctx, msg)
			return err
		})
	}
	f.refusedAfterWrites(t, errVeto, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferFrom(ctx, &types.MsgTransferFrom{Spender: alice.String(), From: alice.String(), To: bob.String(), Amount: amt(1)})
		return err
	})

	f.hooks.sender[alice.String()] = veto
	delete(f.hooks.recipient, bob.String())
	f.refused(t, errVeto, func(ctx sdk.Context) error {
		_, err := f.msgs.TransferByPartition(ctx, transferMsg(alice, alice, bob, p, amt(10)))
		return err
	})
	requireInvariants(t, f.ctx, f.k)
}

// TestHookVetoRolledBackByBaseApp delivers real signed transactions in a
// block: a transaction whose first message succeeds and whose second is
// vetoed by the recipient's hook after its tokens moved fails as a whole,
// and nothing of it is committed; a transaction in the same block without
// a veto is committed.
func TestHookVetoRolledBackByBaseApp(t *testing.T) {
	f := newFixture(t)
	alice, bob, carol := f.alice.Address, f.bob.Address, f.carol.Address
	p := holderPartition(f.manager2.Address, 1)
	f.fund(t, alice, p, amt(100))
	f.hooks.recipient[bob.String()] = veto

	vetoed := f.signedTx(t, f.alice,
		withTo(transferMsg(alice, alice, carol, types.DefaultPartition, amt(5)), p),
		transferMsg(alice, alice, bob, p, amt(40)),
	)
	fine := f.signedTx(t, f.carol, transferMsg(carol, carol, f.stranger.Address, types.DefaultPartition, amt(7)))

	before := f.snapshot(t, f.ctx)
	beforeAlice := map[types.Partition]string{
		types.DefaultPartition: f.balanceOf(t, f.ctx, types.DefaultPartition, alice).String(),
		p:                      f.balanceOf(t, f.ctx, p, alice).String(),
	}
	res, err := f.app.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: 1,
		Time:   time.Unix(1_700_000_005, 0).UTC(),
		Txs:    [][]byte{vetoed, fine},
	})
	require.NoError(t, err)
	_, err = f.app.Commit()
	require.NoError(t, err)
	require.Len(t, res.TxResults, 2)

	bad := res.TxResults[0]
	require.Equal(t, "amptest", bad.Codespace, bad.Log)
	require.Equal(t, uint32(2), bad.Code, bad.Log)
	require.Contains(t, bad.Log, "vetoed by test hook")
	for _, e := range bad.Events {
		require.False(t, strings.HasPrefix(e.Type, "ampchain.amp.v1."), "a failed tx reports no x/amp event, got %s", e.Type)
	}
	good := res.TxResults[1]
	require.Zero(t, good.Code, good.Log)
	require.Len(t, typedEvents[*types.EventTransferByPartition](t, good.Events), 1)

	// After Commit: the vetoed tx left nothing, the other one is in.
	ctx := f.app.NewContext(true)
	require.Equal(t, beforeAlice[types.DefaultPartition], f.balanceOf(t, ctx, types.DefaultPartition, alice).String())
	require.Equal(t, beforeAlice[p], f.balanceOf(t, ctx, p, alice).String())
	require.True(t, f.balanceOf(t, ctx, p, carol).IsZero(), "the tx's first message was rolled back too")
	require.True(t, f.balanceOf(t, ctx, p, bob).IsZero())
	require.Equal(t, genesisFund, f.bank(ctx, bob))
	require.Equal(t, genesisFund.SubRaw(7), f.bank(ctx, carol))
	require.Equal(t, genesisFund.AddRaw(7), f.bank(ctx, f.stranger.Address))
	require.Equal(t, amt(100), f.escrow(ctx))
	require.NotEqual(t, before, f.snapshot(t, ctx))
	requireInvariants(t, ctx, f.k)
}

// signedTx signs msgs by signer with its current account number and
// sequence, no fee, and encodes the tx.
func (f *fixture) signedTx(t *testing.T, signer apptesting.Account, msgs ...sdk.Msg) []byte {
	t.Helper()
	acc := f.app.AccountKeeper.GetAccount(f.ctx, signer.Address)
	require.NotNil(t, acc)
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), f.app.TxConfig(), msgs, sdk.NewCoins(),
		500_000, apptesting.ChainID, []uint64{acc.GetAccountNumber()}, []uint64{acc.GetSequence()}, signer.Key)
	require.NoError(t, err)
	bz, err := f.app.TxConfig().TxEncoder()(tx)
	require.NoError(t, err)
	return bz
}

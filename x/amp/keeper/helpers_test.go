package keeper_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/amp/keeper"
	"github.com/ampchain/ampchain/x/amp/types"
)

// fixture is an app after InitChain with a writable block-1 context and a
// cast of funded accounts: three holders, an operator, two collateral
// managers (registered, ordinary keys without hooks) and a stranger.
type fixture struct {
	app   *app.App
	ctx   sdk.Context
	k     *keeper.Keeper
	msgs  types.MsgServer
	query types.QueryServer
	hooks *testHooks

	val                       apptesting.Validator
	alice, bob, carol         apptesting.Account
	operator                  apptesting.Account
	manager, manager2         apptesting.Account
	stranger, unregisteredMgr apptesting.Account
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{
		val:             apptesting.NewValidator("v", 10),
		alice:           apptesting.NewAccount("alice"),
		bob:             apptesting.NewAccount("bob"),
		carol:           apptesting.NewAccount("carol"),
		operator:        apptesting.NewAccount("operator"),
		manager:         apptesting.NewAccount("manager"),
		manager2:        apptesting.NewAccount("manager2"),
		stranger:        apptesting.NewAccount("stranger"),
		unregisteredMgr: apptesting.NewAccount("not-a-manager"),
	}
	a, _ := apptesting.Setup(t, apptesting.Options{
		Validators: []apptesting.Validator{f.val},
		Accounts: []apptesting.Account{
			f.alice, f.bob, f.carol, f.operator, f.manager, f.manager2, f.stranger, f.unregisteredMgr,
		},
	})
	f.app = a
	f.k = a.AmpKeeper
	// Hooks are registered at wiring, before the first block; the test
	// provider answers for no address until a test gives it one.
	f.hooks = newTestHooks()
	f.k.AddHookProvider(f.hooks)
	f.ctx = a.NewContext(false).WithEventManager(sdk.NewEventManager())
	f.msgs = keeper.NewMsgServerImpl(a.AmpKeeper)
	f.query = keeper.NewQueryServerImpl(a.AmpKeeper)
	for _, m := range []apptesting.Account{f.manager, f.manager2} {
		_, err := f.msgs.RegisterCollateralManager(f.ctx, &types.MsgRegisterCollateralManager{Manager: m.Address.String()})
		require.NoError(t, err)
	}
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	// Every scenario ends with the invariants.
	t.Cleanup(func() { requireInvariants(t, f.ctx, f.k) })
	return f
}

var genesisFund = apptesting.OneAMP.MulRaw(1_000_000)

func amt(n int64) math.Int { return math.NewInt(n) }

// partition builders: prefix | sub-partition (one byte used) | owner.
func poolPartition(owner sdk.AccAddress, sub byte) types.Partition {
	return types.NewPartition(types.CollateralPoolPrefix, [8]byte{sub}, owner)
}

func holderPartition(owner sdk.AccAddress, sub byte) types.Partition {
	return types.NewPartition(types.HolderCollateralPrefix, [8]byte{sub}, owner)
}

var reservedPrefix = types.Prefix{0x12, 0x34, 0x56, 0x78}

func reservedPartition(owner sdk.AccAddress) types.Partition {
	return types.NewPartition(reservedPrefix, [8]byte{}, owner)
}

// transferMsg builds a transfer by partition signed by operator.
func transferMsg(operator, from, to sdk.AccAddress, partition types.Partition, amount math.Int) *types.MsgTransferByPartition {
	return &types.MsgTransferByPartition{
		Operator:  operator.String(),
		Partition: partition.String(),
		From:      from.String(),
		To:        to.String(),
		Amount:    amount,
	}
}

func withTo(msg *types.MsgTransferByPartition, to types.Partition) *types.MsgTransferByPartition {
	msg.ToPartition = to.String()
	return msg
}

// deliver runs fn as baseapp runs a message: on a branch of ctx written back
// only if fn succeeds.
func deliver(ctx sdk.Context, fn func(ctx sdk.Context) error) error {
	cacheCtx, write := ctx.CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}

// transfer delivers a transfer by partition on f.ctx.
func (f *fixture) transfer(msg *types.MsgTransferByPartition) (*types.MsgTransferByPartitionResponse, error) {
	var resp *types.MsgTransferByPartitionResponse
	err := deliver(f.ctx, func(ctx sdk.Context) error {
		var err error
		resp, err = f.msgs.TransferByPartition(ctx, msg)
		return err
	})
	return resp, err
}

func (f *fixture) mustTransfer(t testing.TB, msg *types.MsgTransferByPartition) {
	t.Helper()
	_, err := f.transfer(msg)
	require.NoError(t, err)
}

// fund moves amount of holder's default partition into partition, at
// holder's own address (or to, if given).
func (f *fixture) fund(t testing.TB, holder sdk.AccAddress, partition types.Partition, amount math.Int, to ...sdk.AccAddress) {
	t.Helper()
	dest := holder
	if len(to) > 0 {
		dest = to[0]
	}
	f.mustTransfer(t, withTo(transferMsg(holder, holder, dest, types.DefaultPartition, amount), partition))
}

// refused runs a message that must fail with want and proves it changed
// nothing: neither the branch it ran on (so the keeper wrote nothing before
// failing) nor the parent context, and it emitted no events.
func (f *fixture) refused(t testing.TB, want error, fn func(ctx sdk.Context) error) {
	t.Helper()
	before := f.snapshot(t, f.ctx)
	cacheCtx, _ := f.ctx.CacheContext()
	err := fn(cacheCtx)
	require.ErrorIs(t, err, want)
	require.Equal(t, before, f.snapshot(t, cacheCtx), "a refused message wrote to its branch")
	require.Equal(t, before, f.snapshot(t, f.ctx))
	require.Empty(t, ampEvents(cacheCtx), "a refused message emitted events")
}

// refusedAfterWrites is refused for failures detected only after tokens
// moved (strategies' and hooks' checks on arrival): the parent context is
// unchanged once the branch is discarded, as baseapp does.
func (f *fixture) refusedAfterWrites(t testing.TB, want error, fn func(ctx sdk.Context) error) {
	t.Helper()
	before := f.snapshot(t, f.ctx)
	err := deliver(f.ctx, fn)
	require.ErrorIs(t, err, want)
	require.Equal(t, before, f.snapshot(t, f.ctx))
}

// snapshot is everything a message could change: x/amp's whole state and
// every bank balance and supply.
func (f *fixture) snapshot(t testing.TB, ctx sdk.Context) string {
	t.Helper()
	gs, err := f.k.ExportGenesis(ctx)
	require.NoError(t, err)
	ampJSON := f.app.AppCodec().MustMarshalJSON(gs)
	bankJSON := f.app.AppCodec().MustMarshalJSON(f.app.BankKeeper.ExportGenesis(ctx))
	return string(ampJSON) + "\n" + string(bankJSON)
}

func (f *fixture) balanceOf(t testing.TB, ctx sdk.Context, partition types.Partition, holder sdk.AccAddress) math.Int {
	t.Helper()
	b, err := f.k.BalanceOfByPartition(ctx, partition, holder)
	require.NoError(t, err)
	return b
}

func (f *fixture) total(t testing.TB, ctx sdk.Context, holder sdk.AccAddress) math.Int {
	t.Helper()
	b, err := f.k.BalanceOf(ctx, holder)
	require.NoError(t, err)
	return b
}

func (f *fixture) bank(ctx sdk.Context, addr sdk.AccAddress) math.Int {
	return f.app.BankKeeper.GetBalance(ctx, addr, app.BondDenom).Amount
}

func (f *fixture) escrow(ctx sdk.Context) math.Int {
	return f.bank(ctx, authtypes.NewModuleAddress(types.ModuleName))
}

func (f *fixture) allowance(t testing.TB, ctx sdk.Context, partition types.Partition, owner, spender sdk.AccAddress) math.Int {
	t.Helper()
	a, err := f.k.AllowanceByPartition(ctx, partition, owner, spender)
	require.NoError(t, err)
	return a
}

// requireInvariants fails the test if any x/amp invariant is broken; every
// scenario ends with it.
func requireInvariants(t testing.TB, ctx sdk.Context, k *keeper.Keeper) {
	t.Helper()
	for name, inv := range map[string]sdk.Invariant{
		"escrow-backs-partitions": keeper.EscrowInvariant(k),
		"partition-supply":        keeper.PartitionSupplyInvariant(k),
		"total-supply":            keeper.TotalSupplyInvariant(k),
		"all":                     keeper.AllInvariants(k),
	} {
		msg, broken := inv(ctx)
		require.Falsef(t, broken, "invariant %s broken: %s", name, msg)
	}
}

// ---------------------------------------------------------------- hooks

type senderFunc func(ctx context.Context, t types.Transfer) error

func (f senderFunc) TokensToTransfer(ctx context.Context, t types.Transfer) error { return f(ctx, t) }

type recipientFunc func(ctx context.Context, t types.Transfer) error

func (f recipientFunc) TokensReceived(ctx context.Context, t types.Transfer) error { return f(ctx, t) }

// testHooks is a HookProvider whose sender and recipient hooks tests set per
// address; every call is recorded.
type testHooks struct {
	sender    map[string]senderFunc
	recipient map[string]recipientFunc
	calls     []string
}

var _ types.HookProvider = (*testHooks)(nil)

func newTestHooks() *testHooks {
	return &testHooks{sender: map[string]senderFunc{}, recipient: map[string]recipientFunc{}}
}

func (h *testHooks) SenderHook(_ context.Context, addr sdk.AccAddress) (types.TokensSender, bool) {
	fn, ok := h.sender[addr.String()]
	if !ok {
		return nil, false
	}
	return senderFunc(func(ctx context.Context, t types.Transfer) error {
		h.calls = append(h.calls, "send:"+addr.String())
		return fn(ctx, t)
	}), true
}

func (h *testHooks) RecipientHook(_ context.Context, addr sdk.AccAddress) (types.TokensRecipient, bool) {
	fn, ok := h.recipient[addr.String()]
	if !ok {
		return nil, false
	}
	return recipientFunc(func(ctx context.Context, t types.Transfer) error {
		h.calls = append(h.calls, "recv:"+addr.String())
		return fn(ctx, t)
	}), true
}

func allow(context.Context, types.Transfer) error { return nil }

// errVeto is what the test hooks refuse with: a registered error under a
// test codespace, so baseapp reports its codespace and code.
var errVeto = errorsmod.Register("amptest", 2, "vetoed by test hook")

func veto(context.Context, types.Transfer) error { return errVeto }

// ---------------------------------------------------------------- events

// typedEvents returns the events of type T, decoded. Attributes baseapp
// adds (mode, msg_index) are not JSON and are skipped.
func typedEvents[T proto.Message](t testing.TB, events []abci.Event) []T {
	t.Helper()
	var zero T
	name := proto.MessageName(zero)
	require.NotEmpty(t, name)
	var out []T
	for _, e := range events {
		if e.Type != name {
			continue
		}
		var attrs []abci.EventAttribute
		for _, a := range e.Attributes {
			if json.Valid([]byte(a.Value)) {
				attrs = append(attrs, a)
			}
		}
		msg, err := sdk.ParseTypedEvent(abci.Event{Type: e.Type, Attributes: attrs})
		require.NoError(t, err)
		out = append(out, msg.(T))
	}
	return out
}

// ampEvents lists the type names of x/amp's events on ctx, in order.
func ampEvents(ctx sdk.Context) []string {
	var out []string
	for _, e := range ctx.EventManager().Events() {
		if len(e.Type) > len("ampchain.amp.v1.") && e.Type[:len("ampchain.amp.v1.")] == "ampchain.amp.v1." {
			out = append(out, e.Type)
		}
	}
	return out
}

// freshEvents gives f.ctx a new event manager and returns the old events.
func (f *fixture) freshEvents() []abci.Event {
	events := f.ctx.EventManager().ABCIEvents()
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	return events
}

func allowanceKey(p types.Partition, owner, spender sdk.AccAddress) collections.Triple[[]byte, sdk.AccAddress, sdk.AccAddress] {
	return collections.Join3(p.Bytes(), owner, spender)
}

func balanceKey(holder sdk.AccAddress, p types.Partition) collections.Pair[sdk.AccAddress, []byte] {
	return collections.Join(holder, p.Bytes())
}

package keeper_test

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtprotocrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/keeper"
	"github.com/ampchain/ampchain/x/poa/types"
)

// fixture is an app after InitChain with a writable block-1 context, an
// admin that is not a validator and a funded stranger.
type fixture struct {
	app      *app.App
	ctx      sdk.Context
	k        keeper.Keeper
	msgs     types.MsgServer
	admin    apptesting.Account
	stranger apptesting.Account
	vals     []apptesting.Validator
}

func newFixture(t *testing.T, vals ...apptesting.Validator) *fixture {
	t.Helper()
	admin := apptesting.NewAccount("admin")
	stranger := apptesting.NewAccount("stranger")
	a, _ := apptesting.Setup(t, apptesting.Options{
		Validators: vals,
		Accounts:   []apptesting.Account{admin, stranger},
		Admin:      admin.Address,
	})
	return &fixture{
		app:      a,
		ctx:      a.NewContext(false).WithEventManager(sdk.NewEventManager()),
		k:        a.PoAKeeper,
		msgs:     keeper.NewMsgServerImpl(a.PoAKeeper),
		admin:    admin,
		stranger: stranger,
		vals:     vals,
	}
}

// branch returns a fixture over a discarded branch of f's state, so table
// cases can share one app (building an app is most of a test's cost).
func (f *fixture) branch() *fixture {
	g := *f
	g.ctx, _ = f.ctx.CacheContext()
	return &g
}

// threeOfTen is the usual set: three validators of power 10, total 30.
func threeOfTen() []apptesting.Validator {
	return []apptesting.Validator{
		apptesting.NewValidator("a", 10),
		apptesting.NewValidator("b", 10),
		apptesting.NewValidator("c", 10),
	}
}

// deliver runs fn as baseapp runs a transaction's messages: on a branch of
// ctx that is written back only if fn succeeds. SetValidatorPower and
// RemoveValidator write first and check the guard rails afterwards, so a
// failing direct call on ctx itself would leave its writes behind, which a
// real transaction never does.
func deliver(ctx sdk.Context, fn func(ctx sdk.Context) error) error {
	cacheCtx, write := ctx.CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}

func (f *fixture) createMsg(t *testing.T, operator sdk.AccAddress, pk cryptotypes.PubKey, moniker string) *types.MsgCreateValidator {
	t.Helper()
	msg, err := types.NewMsgCreateValidator(operator, pk, moniker)
	require.NoError(t, err)
	return msg
}

// register makes v a candidate (power 0).
func (f *fixture) register(t *testing.T, ctx sdk.Context, v apptesting.Validator) {
	t.Helper()
	_, err := f.msgs.CreateValidator(ctx, f.createMsg(t, v.Address, v.ConsKey.PubKey(), v.Moniker))
	require.NoError(t, err)
}

func (f *fixture) setPower(ctx sdk.Context, authority sdk.AccAddress, v apptesting.Validator, power int64) error {
	return deliver(ctx, func(ctx sdk.Context) error {
		_, err := f.msgs.SetValidatorPower(ctx, &types.MsgSetValidatorPower{
			Authority: authority.String(), ValidatorAddress: v.ValAddress().String(), Power: power,
		})
		return err
	})
}

func (f *fixture) remove(ctx sdk.Context, authority sdk.AccAddress, v apptesting.Validator) error {
	return deliver(ctx, func(ctx sdk.Context) error {
		_, err := f.msgs.RemoveValidator(ctx, &types.MsgRemoveValidator{
			Authority: authority.String(), ValidatorAddress: v.ValAddress().String(),
		})
		return err
	})
}

// powers maps every stored validator's operator address to its power.
func powers(t *testing.T, ctx sdk.Context, k keeper.Keeper) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	require.NoError(t, k.Validators.Walk(ctx, nil, func(op sdk.ValAddress, v types.Validator) (bool, error) {
		out[op.String()] = v.Power
		return false, nil
	}))
	return out
}

// lastSet maps the consensus addresses CometBFT was last told about to their power.
func lastSet(t *testing.T, ctx sdk.Context, k keeper.Keeper) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	require.NoError(t, k.LastValidatorSet.Walk(ctx, nil, func(c sdk.ConsAddress, v types.Validator) (bool, error) {
		out[c.String()] = v.Power
		return false, nil
	}))
	return out
}

func pending(t *testing.T, ctx sdk.Context, k keeper.Keeper) []string {
	t.Helper()
	var out []string
	require.NoError(t, k.PendingUpdates.Walk(ctx, nil, func(c sdk.ConsAddress) (bool, error) {
		out = append(out, c.String())
		return false, nil
	}))
	return out
}

// requireInvariants fails the test if any x/poa invariant is broken.
func requireInvariants(t *testing.T, ctx sdk.Context, k keeper.Keeper) {
	t.Helper()
	for name, inv := range map[string]sdk.Invariant{
		"fees-backed":     keeper.FeesBackedInvariant(k),
		"consensus-index": keeper.ConsensusIndexInvariant(k),
	} {
		msg, broken := inv(ctx)
		require.Falsef(t, broken, "invariant %s broken: %s", name, msg)
	}
}

func cmtKey(t *testing.T, v apptesting.Validator) cmtprotocrypto.PublicKey {
	t.Helper()
	pk, err := cryptocodec.ToCmtProtoPublicKey(v.ConsKey.PubKey())
	require.NoError(t, err)
	return pk
}

func update(t *testing.T, v apptesting.Validator, power int64) abci.ValidatorUpdate {
	t.Helper()
	return abci.ValidatorUpdate{PubKey: cmtKey(t, v), Power: power}
}

// sortedUpdates orders updates by consensus address, the order the end
// blocker promises.
func sortedUpdates(t *testing.T, updates ...abci.ValidatorUpdate) []abci.ValidatorUpdate {
	t.Helper()
	addr := func(u abci.ValidatorUpdate) string {
		pk, err := cryptocodec.FromCmtProtoPublicKey(u.PubKey)
		require.NoError(t, err)
		return string(pk.Address())
	}
	sort.SliceStable(updates, func(i, j int) bool { return addr(updates[i]) < addr(updates[j]) })
	return updates
}

// typedEvents returns the events of type T, decoded. Attributes baseapp
// adds (mode, msg_index) are not JSON and are skipped.
func typedEvents[T proto.Message](t *testing.T, events []abci.Event) []T {
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

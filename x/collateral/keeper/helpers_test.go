package keeper_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	ampkeeper "github.com/ampchain/ampchain/x/amp/keeper"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/keeper"
	"github.com/ampchain/ampchain/x/collateral/types"
	oraclekeeper "github.com/ampchain/ampchain/x/oracle/keeper"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

// This file extends lifecycle_test.go's fixture (apptesting.Setup with an
// AMP/USD genesis price) into env: a manager with a pool, a cast of funded
// accounts, an AMP/USD pair whose publisher can move the price (x/oracle's
// publisher fallback, switched on in genesis), an AMP/EUR pair without a
// price, and helpers that run messages as baseapp does.

const (
	pairMaxAge = time.Hour
	usd        = "USD"
)

type cast struct {
	owner, processor, attester, attester2, attester3 apptesting.Account
	merchant, publisher, stranger, limiter           apptesting.Account
	s1, s2, s3                                       apptesting.Account
}

func newCast() cast {
	return cast{
		owner: apptesting.NewAccount("owner"), processor: apptesting.NewAccount("processor"),
		attester: apptesting.NewAccount("attester"), attester2: apptesting.NewAccount("attester2"),
		attester3: apptesting.NewAccount("attester3"), merchant: apptesting.NewAccount("merchant"),
		publisher: apptesting.NewAccount("publisher"), stranger: apptesting.NewAccount("stranger"),
		limiter: apptesting.NewAccount("limiter"),
		s1:      apptesting.NewAccount("staker1"), s2: apptesting.NewAccount("staker2"), s3: apptesting.NewAccount("staker3"),
	}
}

func (c cast) all() []apptesting.Account {
	// The owner comes first as in lifecycle_test.go's fixture.
	return []apptesting.Account{
		c.owner, c.processor, c.attester, c.attester2, c.attester3, c.merchant,
		c.publisher, c.stranger, c.limiter, c.s1, c.s2, c.s3,
	}
}

type envOptions struct {
	price           string // AMP/USD at genesis; default 0.5
	rules           *types.ManagerRules
	withdrawalLimit *math.Int
	// modify edits the genesis after the oracle's (for round-trip tests).
	modify func(cdc codec.JSONCodec, genesis app.GenesisState)
}

type env struct {
	t *testing.T
	cast
	app        *app.App
	ctx        sdk.Context
	k          *keeper.Keeper
	msgs       types.MsgServer
	query      types.QueryServer
	ampMsgs    amptypes.MsgServer
	oracleMsgs oracletypes.MsgServer

	manager sdk.AccAddress
	pool    amptypes.Partition
	rules   types.ManagerRules

	supply math.Int // bank supply of aamp at the start: no message mints or burns
}

// oracleGenesis registers AMP/USD (price at genesisTime, publisher set, one
// hour max age, 50 % max move) and AMP/EUR (no price), with the publisher
// fallback on so the publisher can move the price in tests.
func oracleGenesis(price string, publisher sdk.AccAddress) func(codec.JSONCodec, app.GenesisState) {
	return func(cdc codec.JSONCodec, genesis app.GenesisState) {
		var gs oracletypes.GenesisState
		cdc.MustUnmarshalJSON(genesis[oracletypes.ModuleName], &gs)
		gs.Params.PublisherFallback = true
		maxMove, minPower := math.LegacyMustNewDecFromStr("0.5"), math.LegacyMustNewDecFromStr("0.67")
		gs.Pairs = append(gs.Pairs,
			oracletypes.Pair{Name: "AMP/USD", MaxAge: pairMaxAge, MaxMove: maxMove, MinPower: minPower, Publisher: publisher.String()},
			oracletypes.Pair{Name: "AMP/EUR", MaxAge: pairMaxAge, MaxMove: maxMove, MinPower: minPower, Publisher: publisher.String()})
		gs.Prices = append(gs.Prices, oracletypes.Price{
			Pair: "AMP/USD", Price: math.LegacyMustNewDecFromStr(price), UpdatedAt: genesisTime, UpdatedHeight: 1,
			Source: oracletypes.PRICE_SOURCE_PUBLISHER,
		})
		genesis[oracletypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}
}

// newEnv builds the app, creates a manager owned by owner with processor
// and three attesters, and adds its pool 0xcccccccc|0…0|manager.
func newEnv(t *testing.T, opts envOptions) *env {
	t.Helper()
	c := newCast()
	if opts.price == "" {
		opts.price = "0.5"
	}
	a, _ := apptesting.Setup(t, apptesting.Options{
		Validators: []apptesting.Validator{apptesting.NewValidator("v", 10)},
		Accounts:   c.all(),
		Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
			oracleGenesis(opts.price, c.publisher.Address)(cdc, genesis)
			if opts.modify != nil {
				opts.modify(cdc, genesis)
			}
		},
	})
	e := &env{
		t: t, cast: c, app: a, k: a.CollateralKeeper,
		ctx:        a.NewContext(false).WithBlockTime(genesisTime).WithBlockHeight(2).WithEventManager(sdk.NewEventManager()),
		msgs:       keeper.NewMsgServerImpl(a.CollateralKeeper),
		query:      keeper.NewQueryServerImpl(a.CollateralKeeper),
		ampMsgs:    ampkeeper.NewMsgServerImpl(a.AmpKeeper),
		oracleMsgs: oraclekeeper.NewMsgServerImpl(a.OracleKeeper),
	}
	e.supply = a.BankKeeper.GetSupply(e.ctx, app.BondDenom).Amount
	e.rules = types.DefaultRules()
	if opts.rules != nil {
		e.rules = *opts.rules
	}
	limit := amp(1_000_000)
	if opts.withdrawalLimit != nil {
		limit = *opts.withdrawalLimit
	}
	e.manager, e.pool = e.createManager(c.owner, e.rules, limit)
	for _, r := range []struct {
		role types.Role
		who  apptesting.Account
	}{
		{types.ROLE_PROCESSOR, c.processor}, {types.ROLE_ATTESTER, c.attester},
		{types.ROLE_ATTESTER, c.attester2}, {types.ROLE_ATTESTER, c.attester3},
		{types.ROLE_WITHDRAWAL_LIMIT_PUBLISHER, c.limiter},
	} {
		_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: c.owner.Address.String(), Manager: e.manager.String(), Role: r.role, Address: r.who.Address.String()})
		require.NoError(t, err)
	}
	e.resetEvents()
	// Every scenario ends with the invariants, whatever it checked before.
	t.Cleanup(func() {
		if !t.Failed() {
			e.checkInvariants()
		}
	})
	return e
}

// createManager creates a manager and its pool with sub-partition 0.
func (e *env) createManager(owner apptesting.Account, rules types.ManagerRules, limit math.Int) (sdk.AccAddress, amptypes.Partition) {
	e.t.Helper()
	res, err := e.msgs.CreateManager(e.ctx, &types.MsgCreateManager{Owner: owner.Address.String(), Rules: rules, WithdrawalLimit: limit})
	require.NoError(e.t, err)
	manager := sdk.MustAccAddressFromBech32(res.Address)
	pool := poolPartition(manager)
	_, err = e.msgs.AddPartition(e.ctx, &types.MsgAddPartition{Authority: owner.Address.String(), Manager: res.Address, Partition: pool.String()})
	require.NoError(e.t, err)
	return manager, pool
}

func subPool(manager sdk.AccAddress, sub byte) amptypes.Partition {
	return amptypes.NewPartition(amptypes.CollateralPoolPrefix, [8]byte{sub}, manager)
}

func (e *env) holder() amptypes.Partition { return types.HolderPartitionOf(e.pool) }

func (e *env) resetEvents() { e.ctx = e.ctx.WithEventManager(sdk.NewEventManager()) }

// advance moves to the next block, d later.
func (e *env) advance(d time.Duration) {
	e.ctx = e.ctx.WithBlockTime(e.ctx.BlockTime().Add(d)).WithBlockHeight(e.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
}

// deliver runs fn as baseapp runs a message: on a branch written back only
// if fn succeeds (events included).
func (e *env) deliver(fn func(ctx sdk.Context) error) error {
	branch, write := e.ctx.CacheContext()
	if err := fn(branch); err != nil {
		return err
	}
	write()
	return nil
}

// snapshot is every piece of state a collateral message may touch: the
// collateral and x/amp genesis exports and every bank balance.
func (e *env) snapshot(ctx sdk.Context) string {
	e.t.Helper()
	cg, err := e.k.ExportGenesis(ctx)
	require.NoError(e.t, err)
	ag, err := e.app.AmpKeeper.ExportGenesis(ctx)
	require.NoError(e.t, err)
	cdc := e.app.AppCodec()
	bz, err := json.Marshal(map[string]any{
		"collateral": json.RawMessage(cdc.MustMarshalJSON(cg)),
		"amp":        json.RawMessage(cdc.MustMarshalJSON(ag)),
		"bank":       e.app.BankKeeper.GetAccountsBalances(ctx),
	})
	require.NoError(e.t, err)
	return string(bz)
}

// refused runs fn on a cache branch and requires it to fail with want and
// to leave the branch exactly as it found it: the failed call changes
// nothing, even before baseapp discards the branch. The parent context is
// never written.
func (e *env) refused(want error, fn func(ctx sdk.Context) error) error {
	e.t.Helper()
	before := e.snapshot(e.ctx)
	branch, _ := e.ctx.CacheContext()
	err := fn(branch)
	require.Error(e.t, err)
	if want != nil {
		require.ErrorIs(e.t, err, want)
	}
	require.Equal(e.t, before, e.snapshot(branch), "a refused call (%v) changed state", err)
	require.Empty(e.t, collateralEvents(branch), "a refused call emitted collateral events")
	return err
}

// refusedTx runs fn as baseapp runs a failing message: on a branch that is
// discarded. It is for refusals x/amp makes after moving the tokens (its
// destination strategy and recipient hooks run after the move, and x/amp
// documents that a failed transfer's state is discarded by its caller), so
// only the parent is compared.
func (e *env) refusedTx(want error, fn func(ctx sdk.Context) error) error {
	e.t.Helper()
	before := e.snapshot(e.ctx)
	err := e.deliver(fn)
	require.Error(e.t, err)
	require.ErrorIs(e.t, err, want)
	require.Equal(e.t, before, e.snapshot(e.ctx))
	return err
}

// checkInvariants runs the registered invariants (x/collateral's pools,
// every x/amp invariant) and checks that no aamp was created or destroyed.
func (e *env) checkInvariants() {
	e.t.Helper()
	checkInvariantsAt(e.t, e.app, e.ctx, e.supply)
}

func checkInvariantsAt(t testing.TB, a *app.App, ctx sdk.Context, supply math.Int) {
	t.Helper()
	msg, broken := keeper.PoolInvariant(a.CollateralKeeper)(ctx)
	require.False(t, broken, msg)
	msg, broken = ampkeeper.AllInvariants(a.AmpKeeper)(ctx)
	require.False(t, broken, msg)
	if !supply.IsNil() {
		require.Equal(t, supply.String(), a.BankKeeper.GetSupply(ctx, app.BondDenom).Amount.String(), "aamp supply changed")
	}
}

// ---------------------------------------------------------------- actions

func (e *env) supplyTo(staker apptesting.Account, partition amptypes.Partition, amount math.Int) (*types.MsgSupplyResponse, error) {
	var res *types.MsgSupplyResponse
	err := e.deliver(func(ctx sdk.Context) (err error) {
		res, err = e.msgs.Supply(ctx, &types.MsgSupply{Staker: staker.Address.String(), Partition: partition.String(), Amount: amount})
		return err
	})
	return res, err
}

func (e *env) mustSupply(staker apptesting.Account, amount math.Int) *types.MsgSupplyResponse {
	e.t.Helper()
	res, err := e.supplyTo(staker, e.pool, amount)
	require.NoError(e.t, err)
	return res
}

func (e *env) mustSupplyHolder(staker apptesting.Account, amount math.Int) *types.MsgSupplyResponse {
	e.t.Helper()
	res, err := e.supplyTo(staker, e.holder(), amount)
	require.NoError(e.t, err)
	return res
}

func (e *env) openMsg(value string, deadline time.Duration) *types.MsgOpenGuarantee {
	return &types.MsgOpenGuarantee{
		Processor: e.processor.Address.String(), Partition: e.pool.String(), Merchant: e.merchant.Address.String(),
		Value: math.LegacyMustNewDecFromStr(value), Quote: usd, Deadline: e.ctx.BlockTime().Add(deadline),
		Payment: types.ExternalPayment{SourceChain: "ethereum", Asset: "USDC", Reference: "0xfeed"},
	}
}

func (e *env) open(msg *types.MsgOpenGuarantee) (*types.MsgOpenGuaranteeResponse, error) {
	var res *types.MsgOpenGuaranteeResponse
	err := e.deliver(func(ctx sdk.Context) (err error) {
		res, err = e.msgs.OpenGuarantee(ctx, msg)
		return err
	})
	return res, err
}

func (e *env) mustOpen(value string, deadline time.Duration) *types.MsgOpenGuaranteeResponse {
	e.t.Helper()
	res, err := e.open(e.openMsg(value, deadline))
	require.NoError(e.t, err)
	return res
}

func outcome(confirmed bool) types.SettlementOutcome {
	if confirmed {
		return types.SETTLEMENT_OUTCOME_CONFIRMED
	}
	return types.SETTLEMENT_OUTCOME_FAILED
}

func (e *env) attest(attester apptesting.Account, id uint64, confirmed bool) error {
	return e.deliver(func(ctx sdk.Context) error {
		_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{Attester: attester.Address.String(), GuaranteeId: id, Outcome: outcome(confirmed)})
		return err
	})
}

// resolve attests with the first threshold attesters.
func (e *env) resolve(id uint64, confirmed bool) {
	e.t.Helper()
	attesters := []apptesting.Account{e.attester, e.attester2, e.attester3}
	for i := uint32(0); i < e.rules.AttesterThreshold; i++ {
		require.NoError(e.t, e.attest(attesters[i], id, confirmed))
	}
	require.NotEqual(e.t, types.GUARANTEE_STATUS_OPEN, e.guarantee(id).Status)
}

func (e *env) requestWithdrawal(staker apptesting.Account, amount math.Int) (*types.MsgRequestWithdrawalResponse, error) {
	var res *types.MsgRequestWithdrawalResponse
	err := e.deliver(func(ctx sdk.Context) (err error) {
		res, err = e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: staker.Address.String(), Partition: e.pool.String(), Amount: amount})
		return err
	})
	return res, err
}

func (e *env) claimWithdrawals(staker apptesting.Account) (*types.MsgClaimWithdrawalsResponse, error) {
	var res *types.MsgClaimWithdrawalsResponse
	err := e.deliver(func(ctx sdk.Context) (err error) {
		res, err = e.msgs.ClaimWithdrawals(ctx, &types.MsgClaimWithdrawals{Staker: staker.Address.String()})
		return err
	})
	return res, err
}

func (e *env) claimRewards(staker apptesting.Account) (math.Int, error) {
	var res *types.MsgClaimRewardsResponse
	err := e.deliver(func(ctx sdk.Context) (err error) {
		res, err = e.msgs.ClaimRewards(ctx, &types.MsgClaimRewards{Staker: staker.Address.String(), Partition: e.pool.String()})
		return err
	})
	if err != nil {
		return math.Int{}, err
	}
	return res.Amount.AmountOf(app.BondDenom), nil
}

// setPrice publishes AMP/USD through x/oracle's publisher fallback.
func (e *env) setPrice(price string) error {
	return e.deliver(func(ctx sdk.Context) error {
		_, err := e.oracleMsgs.SetPrice(ctx, &oracletypes.MsgSetPrice{Publisher: e.publisher.Address.String(), Pair: "AMP/USD", Price: math.LegacyMustNewDecFromStr(price)})
		return err
	})
}

// ampTransfer is an x/amp transfer by partition signed by operator.
func (e *env) ampTransfer(operator, from, to sdk.AccAddress, fromPartition, toPartition amptypes.Partition, amount math.Int) error {
	return e.deliver(func(ctx sdk.Context) error {
		msg := &amptypes.MsgTransferByPartition{
			Operator: operator.String(), Partition: fromPartition.String(), From: from.String(), To: to.String(), Amount: amount,
		}
		if toPartition != fromPartition {
			msg.ToPartition = toPartition.String()
		}
		_, err := e.ampMsgs.TransferByPartition(ctx, msg)
		return err
	})
}

// ---------------------------------------------------------------- reads

func (e *env) poolState() types.Pool { return e.poolOf(e.pool) }

func (e *env) poolOf(p amptypes.Partition) types.Pool {
	e.t.Helper()
	pool, err := e.k.GetPool(e.ctx, p)
	require.NoError(e.t, err)
	return pool
}

func (e *env) guarantee(id uint64) types.Guarantee {
	e.t.Helper()
	g, err := e.k.GetGuarantee(e.ctx, id)
	require.NoError(e.t, err)
	return g
}

// position returns the staker's position (harvested) and its value.
func (e *env) position(staker apptesting.Account) (types.Position, math.Int) {
	e.t.Helper()
	res, err := e.query.Position(e.ctx, &types.QueryPositionRequest{Partition: e.pool.String(), Staker: staker.Address.String()})
	require.NoError(e.t, err)
	return res.Position, res.Value
}

func (e *env) value(staker apptesting.Account) math.Int {
	_, v := e.position(staker)
	return v
}

func (e *env) rewards(staker apptesting.Account) math.Int {
	e.t.Helper()
	res, err := e.query.Rewards(e.ctx, &types.QueryRewardsRequest{Partition: e.pool.String(), Staker: staker.Address.String()})
	require.NoError(e.t, err)
	return res.Rewards.AmountOf(app.BondDenom)
}

func (e *env) balance(addr sdk.AccAddress) math.Int {
	return e.app.BankKeeper.GetBalance(e.ctx, addr, app.BondDenom).Amount
}

func (e *env) partitionBalance(p amptypes.Partition, holder sdk.AccAddress) math.Int {
	e.t.Helper()
	b, err := e.app.AmpKeeper.BalanceOfByPartition(e.ctx, p, holder)
	require.NoError(e.t, err)
	return b
}

func (e *env) moduleBalance() math.Int {
	return e.balance(e.app.AccountKeeper.GetModuleAddress(types.ModuleName))
}

func (e *env) withdrawals(staker apptesting.Account) []types.Withdrawal {
	e.t.Helper()
	res, err := e.query.Withdrawals(e.ctx, &types.QueryWithdrawalsRequest{Staker: staker.Address.String()})
	require.NoError(e.t, err)
	return res.Withdrawals
}

// ---------------------------------------------------------------- events

// collateralEvents are the typed ampchain.collateral.v1 events of ctx.
func collateralEvents(ctx sdk.Context) []proto.Message {
	var out []proto.Message
	for _, ev := range ctx.EventManager().ABCIEvents() {
		if len(ev.Type) < len("ampchain.collateral.v1.") || ev.Type[:len("ampchain.collateral.v1.")] != "ampchain.collateral.v1." {
			continue
		}
		msg, err := sdk.ParseTypedEvent(ev)
		if err != nil {
			panic(fmt.Sprintf("event %s: %v", ev.Type, err))
		}
		out = append(out, msg)
	}
	return out
}

// eventsOf returns the typed events of type T emitted in ctx.
func eventsOf[T proto.Message](ctx sdk.Context) []T {
	var out []T
	for _, m := range collateralEvents(ctx) {
		if v, ok := m.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// isRegistered reports whether err is (or wraps) an error registered by
// one of the codespaces listed.
func isRegistered(err error, codespaces ...string) bool {
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if code == 1 || code == 111222 { // internal / panic
		return false
	}
	for _, c := range codespaces {
		if c == codespace {
			return true
		}
	}
	return false
}

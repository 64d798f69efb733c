package app_test

import (
	"bytes"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/ampchain/ampchain/app/apptesting"
	poakeeper "github.com/ampchain/ampchain/x/poa/keeper"
	poatypes "github.com/ampchain/ampchain/x/poa/types"
)

func decCoins(t *testing.T, amounts ...string) sdk.DecCoins {
	t.Helper()
	out := sdk.DecCoins{}
	for _, s := range amounts {
		c, err := sdk.ParseDecCoin(s)
		require.NoError(t, err)
		out = out.Add(c)
	}
	return out
}

func outstanding(t *testing.T, ch *chain, ctx sdk.Context, v apptesting.Validator) sdk.DecCoins {
	t.Helper()
	rec, err := ch.app.PoAKeeper.OutstandingFees.Get(ctx, v.ValAddress())
	if err != nil {
		return sdk.DecCoins{}
	}
	return rec.Outstanding
}

func moduleBalance(ch *chain, ctx sdk.Context, module string) sdk.Coins {
	return ch.app.BankKeeper.GetAllBalances(ctx, ch.app.AccountKeeper.GetModuleAddress(module))
}

func TestFeesSharedByPower(t *testing.T) {
	a, b, c := apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 20), apptesting.NewValidator("c", 30)
	idle := apptesting.NewValidator("idle", 0)
	payer := apptesting.NewAccount("payer")
	ch := newChain(t, apptesting.Options{
		Validators: []apptesting.Validator{a, b, c, idle},
		Accounts:   []apptesting.Account{payer},
		FundEach:   apptesting.AMP(1_000_000).Add(sdk.NewInt64Coin("uother", 1_000_000)),
	})
	pa := ch.app
	msgs := poakeeper.NewMsgServerImpl(pa.PoAKeeper)
	collected := sdk.NewCoins(sdk.NewInt64Coin("aamp", 607), sdk.NewInt64Coin("uother", 7))

	fund(t, pa, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, collected)
	ch.finalize()

	state := ch.state()
	// 607 × 10/60, 20/60, 30/60 truncated to 18 decimals; the 10⁻¹⁸ left
	// over goes to c, the highest power.
	require.Equal(t, decCoins(t, "101.166666666666666666aamp", "1.166666666666666666uother"), outstanding(t, ch, state, a))
	require.Equal(t, decCoins(t, "202.333333333333333333aamp", "2.333333333333333333uother"), outstanding(t, ch, state, b))
	require.Equal(t, decCoins(t, "303.500000000000000001aamp", "3.500000000000000001uother"), outstanding(t, ch, state, c))
	require.Empty(t, outstanding(t, ch, state, idle), "a candidate earns nothing")
	sum := outstanding(t, ch, state, a).Add(outstanding(t, ch, state, b)...).Add(outstanding(t, ch, state, c)...)
	require.Equal(t, sdk.NewDecCoinsFromCoins(collected...), sum, "every collected coin is owed, no more")
	require.True(t, moduleBalance(ch, state, authtypes.FeeCollectorName).IsZero(), "the fee collector is emptied")
	require.Equal(t, collected, moduleBalance(ch, state, poatypes.ModuleName))
	requireInvariants(t, state, pa.PoAKeeper)

	// Block 2: c and a withdraw the whole coins and keep the change.
	ctx := ch.blockCtx()
	before := pa.BankKeeper.GetAllBalances(ctx, c.Address)
	res, err := msgs.WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: c.Address.String()})
	require.NoError(t, err)
	paid := sdk.NewCoins(sdk.NewInt64Coin("aamp", 303), sdk.NewInt64Coin("uother", 3))
	require.Equal(t, paid, res.Amount)
	require.Equal(t, before.Add(paid...), pa.BankKeeper.GetAllBalances(ctx, c.Address))
	require.Equal(t, decCoins(t, "0.500000000000000001aamp", "0.500000000000000001uother"), outstanding(t, ch, ctx, c))
	require.Equal(t, []*poatypes.EventFeesWithdrawn{{OperatorAddress: c.ValAddress().String(), Amount: paid}},
		typedEvents[*poatypes.EventFeesWithdrawn](t, ctx.EventManager().ABCIEvents()))
	requireInvariants(t, ctx, pa.PoAKeeper)

	_, err = msgs.WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: c.Address.String()})
	require.ErrorIs(t, err, poatypes.ErrNoFees, "less than one whole coin left")

	res, err = msgs.WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: a.Address.String()})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 101), sdk.NewInt64Coin("uother", 1)), res.Amount)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 203), sdk.NewInt64Coin("uother", 3)), moduleBalance(ch, ctx, poatypes.ModuleName))
	requireInvariants(t, ctx, pa.PoAKeeper)
	ch.finalize()

	// Block 3: fractions accumulate until they make whole coins.
	fund(t, pa, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 5)))
	ch.finalize()
	state = ch.state()
	require.Equal(t, decCoins(t, "3.000000000000000002aamp", "0.500000000000000001uother"), outstanding(t, ch, state, c))
	requireInvariants(t, state, pa.PoAKeeper)

	ctx = ch.blockCtx()
	res, err = msgs.WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: c.Address.String()})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 3)), res.Amount)
	require.Equal(t, decCoins(t, "0.000000000000000002aamp", "0.500000000000000001uother"), outstanding(t, ch, ctx, c))

	// b withdraws everything it has whole; a record with only change stays.
	res, err = msgs.WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: b.Address.String()})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 203), sdk.NewInt64Coin("uother", 2)), res.Amount)
	requireInvariants(t, ctx, pa.PoAKeeper)
	ch.finalize()
	requireInvariants(t, ch.state(), pa.PoAKeeper)
}

// A withdrawal that leaves nothing behind deletes the record.
func TestWithdrawAllRemovesRecord(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	payer := apptesting.NewAccount("payer")
	ch := newChain(t, apptesting.Options{Validators: []apptesting.Validator{solo}, Accounts: []apptesting.Account{payer}})
	fund(t, ch.app, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 42)))
	ch.finalize()
	require.Equal(t, decCoins(t, "42aamp"), outstanding(t, ch, ch.state(), solo))

	ctx := ch.blockCtx()
	res, err := poakeeper.NewMsgServerImpl(ch.app.PoAKeeper).WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: solo.Address.String()})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 42)), res.Amount)
	has, err := ch.app.PoAKeeper.OutstandingFees.Has(ctx, solo.ValAddress())
	require.NoError(t, err)
	require.False(t, has)
	require.True(t, moduleBalance(ch, ctx, poatypes.ModuleName).IsZero())
	requireInvariants(t, ctx, ch.app.PoAKeeper)
	_, err = poakeeper.NewMsgServerImpl(ch.app.PoAKeeper).WithdrawFees(ctx, &poatypes.MsgWithdrawFees{Operator: solo.Address.String()})
	require.ErrorIs(t, err, poatypes.ErrNoFees)
}

// Among validators of equal top power the remainder goes to the first in
// operator-address order, so every node credits the same one.
func TestFeeRemainderTieBreak(t *testing.T) {
	vals := []apptesting.Validator{apptesting.NewValidator("x", 10), apptesting.NewValidator("y", 10), apptesting.NewValidator("z", 10)}
	payer := apptesting.NewAccount("payer")
	ch := newChain(t, apptesting.Options{Validators: vals, Accounts: []apptesting.Account{payer}})
	fund(t, ch.app, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 10)))
	ch.finalize()

	sorted := append([]apptesting.Validator{}, vals...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i].ValAddress(), sorted[j].ValAddress()) < 0 })
	third := math.LegacyMustNewDecFromStr("3.333333333333333333")
	want := map[string]math.LegacyDec{}
	for i, v := range sorted {
		share := third
		if i == 0 {
			share = share.Add(math.LegacySmallestDec())
		}
		want[v.Moniker] = share
	}
	for _, v := range vals {
		require.Equal(t, want[v.Moniker].String(), outstanding(t, ch, ch.state(), v).AmountOf("aamp").String(), v.Moniker)
	}
	requireInvariants(t, ch.state(), ch.app.PoAKeeper)
}

// A validator removed by the admin keeps what it earned and can withdraw it.
func TestRemovedValidatorKeepsFees(t *testing.T) {
	vals := []apptesting.Validator{
		apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 10),
		apptesting.NewValidator("c", 10), apptesting.NewValidator("d", 10),
	}
	admin, payer := apptesting.NewAccount("admin"), apptesting.NewAccount("payer")
	ch := newChain(t, apptesting.Options{Validators: vals, Accounts: []apptesting.Account{admin, payer}, Admin: admin.Address})
	msgs := poakeeper.NewMsgServerImpl(ch.app.PoAKeeper)
	fund(t, ch.app, ch.blockCtx(), payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 40)))
	ch.finalize()

	ctx := ch.blockCtx()
	_, err := msgs.RemoveValidator(ctx, &poatypes.MsgRemoveValidator{Authority: admin.Address.String(), ValidatorAddress: vals[3].ValAddress().String()})
	require.NoError(t, err)
	fund(t, ch.app, ctx, payer.Address, authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin("aamp", 30)))
	ch.finalize()

	state := ch.state()
	require.Equal(t, decCoins(t, "10aamp"), outstanding(t, ch, state, vals[3]), "nothing from the block after its removal")
	require.Equal(t, decCoins(t, "20aamp"), outstanding(t, ch, state, vals[0]))
	res, err := msgs.WithdrawFees(ch.blockCtx(), &poatypes.MsgWithdrawFees{Operator: vals[3].Address.String()})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin("aamp", 10)), res.Amount)
	requireInvariants(t, ch.blockCtx(), ch.app.PoAKeeper)
}

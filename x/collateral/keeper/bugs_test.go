package keeper_test

// Regression tests for bugs found in x/collateral by its test suite and
// since fixed; each states the property that must hold and how it broke.

import (
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// BUG 1. keeper/guarantee.go liquidateExpiredInBranch: the SDK's
// CacheContext write() already emits the branch's events on the parent
// (types/context.go: writeCache = EmitEvents(cc.Events()); cms.Write()), and
// the function then emits them again, so every expiry's events (x/amp
// transfer, GuaranteeLiquidated) appear twice in the block.
// Fix: delete `sdkCtx.EventManager().EmitEvents(branch.EventManager().Events())`.
func TestBugEndBlockerEmitsEachLiquidationOnce(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(100))
	g := e.mustOpen("10", time.Minute)
	e.advance(2 * time.Minute)
	require.NoError(t, e.k.EndBlocker(e.ctx))
	require.Equal(t, types.GUARANTEE_STATUS_LIQUIDATED, e.guarantee(g.Id).Status)
	require.Len(t, eventsOf[*types.EventGuaranteeLiquidated](e.ctx), 1, "one liquidation, one event")
}

// BUG 2. keeper/pool.go distributeFee / harvest round the reward per share
// to the nearest 10^-18 (LegacyDec.Quo, .Mul), so when it rounds up the
// stakers are owed more than the fee: with shares counted in aamp (10^21
// for 1,000 AMP) the excess is up to ½·10^-18 × total shares, here 1,000
// aamp. The module account then cannot pay every claim (it takes the excess
// from other guarantees' fees, and the last claim fails).
// Fix: round in the pool's favour: in distributeFee
// `RewardPerShare.Add(LegacyNewDecFromInt(toStakers).QuoTruncate(pool.TotalShares))`,
// and in harvest/setPosition `pos.Shares.MulTruncate(acc)` (debt likewise).
func TestBugRewardsNeverExceedFees(t *testing.T) {
	rules := types.DefaultRules()
	rules.FeeBps = 100
	rules.Commission = math.LegacyZeroDec()
	e := newEnv(t, envOptions{rules: &rules})
	for _, s := range []apptesting.Account{e.s1, e.s2, e.s3} {
		e.mustSupply(s, amp(1000))
	}
	g := e.mustOpen("100", 5*time.Minute) // fee 1 USD = 2 AMP
	require.Equal(t, amp(2), g.Fee)
	e.resolve(g.Id, true)
	owed := math.ZeroInt()
	for _, s := range []apptesting.Account{e.s1, e.s2, e.s3} {
		owed = owed.Add(e.rewards(s))
	}
	require.True(t, owed.LTE(g.Fee), "stakers are owed %s aamp of a %s aamp fee", owed, g.Fee)
	for _, s := range []apptesting.Account{e.s1, e.s2, e.s3} {
		_, err := e.claimRewards(s)
		require.NoError(t, err, "every staker can claim")
	}
}

// BUG 3. keeper/guarantee.go OpenGuarantee accepts any merchant address,
// including one that can never be paid: a collateral manager (its recipient
// hook refuses default-partition AMP, ErrPartitionNotPermitted) or a
// blocked module account (x/bank refuses it). Such a guarantee can never be
// liquidated, and since EndBlocker retries failed expiries at the head of
// the queue, max_expiries_per_block of them stall every later expiry for
// good ("a flood of expiring guarantees can't stall the chain").
// Fix: (a) in OpenGuarantee refuse a merchant that is a manager
// (k.ManagerByAddress.Has) or a blocked address (add BlockedAddr to the
// BankKeeper interface) with ErrInvalidGuarantee; (b) in EndBlocker, on a
// failed liquidation move the entry out of the head of the queue (re-queue
// it at (blockTime+retry delay, id)) so the walk reaches later entries.
func TestBugUnpayableMerchantStallsExpiries(t *testing.T) {
	e := newEnv(t, envOptions{})
	setMaxExpiries(t, e, 2)
	e.mustSupply(e.s1, amp(1000))
	unpayable := []sdk.AccAddress{e.manager, authtypes.NewModuleAddress(types.ModuleName)}
	opened := 0
	for _, merchant := range unpayable {
		msg := e.openMsg("10", time.Minute)
		msg.Merchant = merchant.String()
		if _, err := e.open(msg); err == nil {
			opened++
		}
	}
	good := e.mustOpen("10", 2*time.Minute)
	e.advance(5 * time.Minute)
	for i := 0; i < 5; i++ {
		require.NoError(t, e.k.EndBlocker(e.ctx))
		e.advance(time.Second)
	}
	require.Equal(t, types.GUARANTEE_STATUS_LIQUIDATED, e.guarantee(good.Id).Status,
		"%d unpayable guarantees opened ahead of it stall the expiry queue", opened)
}

// BUG 4. keeper/pool.go applyLoss charges withdrawals with
// RequestedHeight > OpenedHeight, so a withdrawal requested after the
// guarantee opened but in the same block escapes its loss, which falls on
// the remaining stakers, although the guarantee's ExposedValue included it.
// Fix: store the next withdrawal id in the guarantee at open (e.g. a new
// Guarantee field first_exposed_withdrawal_id = NextWithdrawalID.Peek) and
// charge withdrawals with w.Id >= it instead of comparing heights.
func TestBugSameBlockWithdrawalBearsLoss(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	e.advance(time.Second)
	g := e.mustOpen("100", 5*time.Minute) // exposed 1,000, payout 200: 20 %
	w, err := e.requestWithdrawal(e.s1, amp(500))
	require.NoError(t, err)
	e.advance(time.Second)
	e.resolve(g.Id, false)
	ws := e.withdrawals(e.s1)
	require.Len(t, ws, 1)
	require.Equal(t, w.Id, ws[0].Id)
	require.Equal(t, amp(400), ws[0].Amount, "requested while g was open: it bears 20 % of it")
	require.Equal(t, amp(320), e.value(e.s2), "s2 bears its 20 %, not more")
}

// BUG 5. keeper/msg_server.go UpdateManagerRules lets the owner shorten the
// unbonding period while guarantees with later deadlines are open; a
// withdrawal requested then matures and is paid before those guarantees
// resolve, escaping their losses ("a staker who leaves must not escape
// losses of guarantees that were open when they asked").
// Fix: in RequestWithdrawal set CompletesAt to the later of
// now+UnbondingPeriod and the latest deadline among the pool's open
// guarantees (or refuse in ClaimWithdrawals while a guarantee opened
// before the request is still open).
func TestBugShorterUnbondingLetsWithdrawalEscape(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(600))
	e.mustSupply(e.s2, amp(400))
	e.advance(time.Second)
	g := e.mustOpen("100", 10*time.Minute) // payout 200 of 1,000: 20 %
	short := e.rules
	short.UnbondingPeriod, short.MaxGuaranteeDuration = time.Minute, time.Minute
	_, err := e.msgs.UpdateManagerRules(e.ctx, &types.MsgUpdateManagerRules{Owner: e.owner.Address.String(), Manager: e.manager.String(), Rules: short})
	require.NoError(t, err)
	e.advance(time.Second)
	_, err = e.requestWithdrawal(e.s1, amp(500))
	require.NoError(t, err)
	before := e.balance(e.s1.Address)
	e.advance(time.Minute)
	_, _ = e.claimWithdrawals(e.s1) // g is still open
	e.resolve(g.Id, false)
	e.advance(time.Hour)
	_, _ = e.claimWithdrawals(e.s1)
	require.Equal(t, amp(400), e.balance(e.s1.Address).Sub(before), "the withdrawal bears 20 % of g's loss")
}

// BUG 6. keeper/guarantee.go amountForValue divides first (value.Quo(price),
// rounded half-even to 10^-18 AMP) and scales to aamp after, so the lock is
// not rounded up and the payout not rounded down as documented: 1 USD at
// 3 USD/AMP locks 333333333333333333 aamp (exact 333333333333333333.3…,
// rounded up …334); 2 USD pays 666666666666666667 (rounded down …666).
// Fix: scale first and round in the stated direction:
// `value.Mul(oneAMP).QuoRoundUp(price).Ceil().TruncateInt()` for locks and
// fees, `value.Mul(oneAMP).QuoTruncate(price).TruncateInt()` for payouts.
func TestBugLockRoundsUpPayoutRoundsDown(t *testing.T) {
	rules := types.DefaultRules()
	rules.CollateralRatio = math.LegacyOneDec()
	e := newEnv(t, envOptions{price: "3", rules: &rules})
	e.mustSupply(e.s1, amp(10))
	g := e.mustOpen("1", time.Minute)
	require.Equal(t, aampOf("333333333333333334"), g.Lock, "ceil(10^18 ÷ 3)")
	g2 := e.mustOpen("2", time.Minute)
	e.resolve(g2.Id, false)
	require.Equal(t, aampOf("666666666666666666"), e.guarantee(g2.Id).Payout, "floor(2·10^18 ÷ 3)")
}

// BUG 7. Arithmetic on unbounded inputs panics instead of returning a
// registered error: MsgOpenGuarantee.ValidateBasic accepts any positive
// value and OpenGuarantee's value × ratio ÷ price × 10^18 overflows
// LegacyDec ("Int overflow" panic) from about 10^59 USD; and
// ModifyWithdrawalLimit's limit.Add(change) overflows math.Int past 2^256.
// Fix: bound MsgOpenGuarantee.Value in ValidateBasic (e.g. ≤ 10^30, as
// x/oracle bounds prices) with ErrInvalidGuarantee, and in
// ModifyWithdrawalLimit check limit.BigInt().BitLen() of the sum (or use
// SafeAdd) and return ErrWithdrawalLimit.
func TestBugHugeGuaranteeValueReturnsError(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(10))
	huge := e.openMsg("1", time.Minute)
	huge.Value = math.LegacyMustNewDecFromStr("1" + string(make0s(60)))
	require.NotPanics(t, func() {
		branch, _ := e.ctx.CacheContext()
		_, err := e.msgs.OpenGuarantee(branch, huge)
		require.Error(t, err)
	}, "open-guarantee with a 10^60 USD value")
}

// BUG 7b: see BUG 7.
func TestBugWithdrawalLimitOverflowReturnsError(t *testing.T) {
	e := newEnv(t, envOptions{})
	half := math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 255))
	_, err := e.msgs.ModifyWithdrawalLimit(e.ctx, &types.MsgModifyWithdrawalLimit{Publisher: e.owner.Address.String(), Manager: e.manager.String(), Amount: half.String()})
	require.NoError(t, err)
	require.NotPanics(t, func() {
		branch, _ := e.ctx.CacheContext()
		_, err := e.msgs.ModifyWithdrawalLimit(branch, &types.MsgModifyWithdrawalLimit{Publisher: e.owner.Address.String(), Manager: e.manager.String(), Amount: half.String()})
		require.ErrorIs(t, err, types.ErrWithdrawalLimit)
	}, "modify-withdrawal-limit past 2^256")
}

func make0s(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return b
}

// BUG 8. types/genesis.go GenesisState.Validate does not check roles,
// positions, attestations, withdrawals or pools' partitions, and
// keeper/genesis.go InitGenesis then panics on them
// (sdk.MustAccAddressFromBech32): `ampd genesis validate` passes a genesis
// on which the chain cannot start. Fix: validate every entry in
// GenesisState.Validate (role: known manager, ValidateRole, address; pool:
// PoolPartition of its manager, unique; position: known pool, staker
// address, epoch ≤ pool's; attestation: known guarantee, attester address;
// withdrawal: known pool, staker address, amount ≥ 0; epoch end: known
// pool) and return errors instead of panicking in InitGenesis.
func TestBugInitGenesisNeverPanics(t *testing.T) {
	e := newEnv(t, envOptions{})
	exported, err := e.k.ExportGenesis(e.ctx)
	require.NoError(t, err)
	exported.Roles = append(exported.Roles, types.RoleAssignment{ManagerId: 1, Role: types.ROLE_ATTESTER, Address: "not-an-address"})
	branch, _ := e.ctx.CacheContext()
	require.NotPanics(t, func() {
		require.Error(t, e.k.InitGenesis(branch, *exported))
	})
}

// BUG 9. keeper/msg_server.go RemovePartition only checks the pool's value,
// locks, withdrawals and shares; positions that still hold unclaimed
// rewards lose them (ClaimRewards then fails with ErrPoolNotFound and the
// fee stays in the module account). Fix: refuse with ErrPoolNotEmpty while
// any position of the pool exists (Positions has the pool's prefix), or
// pay the unclaimed rewards out on removal.
func TestBugRemovePartitionKeepsRewardsClaimable(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.mustSupply(e.s1, amp(100))
	g := e.mustOpen("10", time.Minute)
	e.resolve(g.Id, true)
	owed := e.rewards(e.s1)
	require.True(t, owed.IsPositive())
	_, err := e.requestWithdrawal(e.s1, amp(100))
	require.NoError(t, err)
	e.advance(e.rules.UnbondingPeriod)
	_, err = e.claimWithdrawals(e.s1)
	require.NoError(t, err)
	removeErr := e.deliver(func(ctx sdk.Context) error {
		_, err := e.msgs.RemovePartition(ctx, &types.MsgRemovePartition{Authority: e.owner.Address.String(), Manager: e.manager.String(), Partition: e.pool.String()})
		return err
	})
	if removeErr != nil {
		require.ErrorIs(t, removeErr, types.ErrPoolNotEmpty)
		return
	}
	got, err := e.claimRewards(e.s1)
	require.NoError(t, err, "rewards earned before the pool was removed")
	require.Equal(t, owed, got)
}

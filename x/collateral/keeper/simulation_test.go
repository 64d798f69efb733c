package keeper_test

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/app/apptesting"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
	oracletypes "github.com/ampchain/ampchain/x/oracle/types"
)

// TestRandomizedOperations is a seeded simulation of x/collateral: every
// simulated block advances the height and the time, publishes a moving
// AMP/USD price (with an oracle outage in the middle, so that prices go
// stale), runs a random mix of supplies (by message, by direct x/amp
// transfer, as holder collateral), guarantee opens, attestations (confirmed
// and failed, by attesters and by strangers), explicit liquidations,
// withdrawal requests and claims, reward claims, holder-collateral moves,
// direct transfers and withdrawal-limit changes, then runs the end blocker
// (bounded expiries), and checks the invariants.
//
// Each operation runs as baseapp runs a message (a cache branch written
// only on success). Random choices are often invalid: an operation may
// fail, but only with an error registered by x/collateral, x/amp or
// x/oracle, never a panic or an unregistered error.
//
// The SDK's simulation framework (simsx / x/simulation) is not used: it
// needs every module of the app to provide simulation support (genesis
// generators, weighted operations, proposal contents), which this app's
// modules (x/poa, x/amp, x/oracle, x/collateral) do not have. This test
// drives the keepers directly instead. Set COLLATERAL_SIM_SEED and
// COLLATERAL_SIM_BLOCKS to explore other runs.
func TestRandomizedOperations(t *testing.T) {
	seed, blocks := int64(20240605), 300
	if s := os.Getenv("COLLATERAL_SIM_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		require.NoError(t, err)
		seed = v
	}
	if s := os.Getenv("COLLATERAL_SIM_BLOCKS"); s != "" {
		v, err := strconv.Atoi(s)
		require.NoError(t, err)
		blocks = v
	}
	t.Logf("seed %d, %d blocks", seed, blocks)
	rng := rand.New(rand.NewSource(seed))
	start := time.Now()

	rules := types.DefaultRules()
	rules.AttesterThreshold = 2
	rules.MaxGuaranteeDuration = 3 * time.Minute
	rules.UnbondingPeriod = 4 * time.Minute
	limit := amp(100_000)
	e := newEnv(t, envOptions{rules: &rules, withdrawalLimit: &limit})
	setMaxExpiries(t, e, 4)
	owner := e.owner.Address.String()
	_, err := e.msgs.SetRole(e.ctx, &types.MsgSetRole{Owner: owner, Manager: e.manager.String(), Role: types.ROLE_DIRECT_TRANSFERER, Address: e.stranger.Address.String()})
	require.NoError(t, err)
	second := subPool(e.manager, 1)
	_, err = e.msgs.AddPartition(e.ctx, &types.MsgAddPartition{Authority: owner, Manager: e.manager.String(), Partition: second.String()})
	require.NoError(t, err)
	pools := []amptypes.Partition{e.pool, second}
	stakers := []apptesting.Account{e.s1, e.s2, e.s3, e.publisher}
	attesters := []apptesting.Account{e.attester, e.attester2, e.attester3, e.stranger}
	merchantStart := e.balance(e.merchant.Address)
	price := math.LegacyMustNewDecFromStr("0.5")

	pick := func(n int) int { return rng.Intn(n) }
	randAmount := func(maxAMP int64) math.Int {
		whole := amp(rng.Int63n(maxAMP) + 1)
		return whole.Sub(math.NewInt(rng.Int63n(1_000_000_000_000))) // odd aamp amounts too
	}
	nextGuarantee := func() uint64 {
		n, err := e.k.NextGuaranteeID.Peek(e.ctx)
		require.NoError(t, err)
		return n
	}
	// someGuarantee is mostly an open guarantee, else any id (unknown ones too).
	someGuarantee := func(ctx sdk.Context) uint64 {
		if pick(5) > 0 {
			res, err := e.query.Guarantees(ctx, &types.QueryGuaranteesRequest{Status: types.GUARANTEE_STATUS_OPEN})
			require.NoError(t, err)
			if n := len(res.Guarantees); n > 0 {
				return res.Guarantees[pick(n)].Id
			}
		}
		return uint64(rng.Int63n(int64(nextGuarantee()) + 1))
	}

	type op struct {
		name   string
		weight int
		run    func(ctx sdk.Context) error
	}
	ops := []op{
		{"supply", 10, func(ctx sdk.Context) error {
			_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: stakers[pick(4)].Address.String(), Partition: pools[pick(2)].String(), Amount: randAmount(3000)})
			return err
		}},
		{"supply-holder", 5, func(ctx sdk.Context) error {
			_, err := e.msgs.Supply(ctx, &types.MsgSupply{Staker: stakers[pick(4)].Address.String(), Partition: types.HolderPartitionOf(pools[pick(2)]).String(), Amount: randAmount(1000)})
			return err
		}},
		{"supply-by-transfer", 4, func(ctx sdk.Context) error {
			s := stakers[pick(4)].Address.String()
			_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
				Operator: s, From: s, To: e.manager.String(), Partition: amptypes.DefaultPartition.String(),
				ToPartition: pools[pick(2)].String(), Amount: randAmount(1000),
			})
			return err
		}},
		{"open-guarantee", 16, func(ctx sdk.Context) error {
			value := math.LegacyNewDec(rng.Int63n(400) + 1).Add(math.LegacyNewDecWithPrec(rng.Int63n(100), 2))
			if pick(10) == 0 {
				value = math.LegacyNewDec(1_000_000)
			}
			deadline := time.Duration(rng.Int63n(int64(rules.MaxGuaranteeDuration+30*time.Second))) + time.Second
			processor := e.processor.Address.String()
			if pick(12) == 0 {
				processor = e.s1.Address.String()
			}
			_, err := e.msgs.OpenGuarantee(ctx, &types.MsgOpenGuarantee{
				Processor: processor, Partition: pools[pick(2)].String(), Merchant: e.merchant.Address.String(),
				Value: value, Quote: usd, Deadline: ctx.BlockTime().Add(deadline),
				Payment: types.ExternalPayment{SourceChain: "bitcoin", Asset: "BTC", Reference: fmt.Sprintf("tx%d", rng.Int())},
			})
			return err
		}},
		{"attest", 22, func(ctx sdk.Context) error {
			_, err := e.msgs.AttestSettlement(ctx, &types.MsgAttestSettlement{
				Attester: attesters[pick(4)].Address.String(), GuaranteeId: someGuarantee(ctx),
				Outcome: outcome(pick(10) < 7),
			})
			return err
		}},
		{"liquidate-expired", 3, func(ctx sdk.Context) error {
			_, err := e.msgs.LiquidateExpired(ctx, &types.MsgLiquidateExpired{Sender: e.stranger.Address.String(), GuaranteeId: someGuarantee(ctx)})
			return err
		}},
		{"request-withdrawal", 8, func(ctx sdk.Context) error {
			s, p := stakers[pick(4)], pools[pick(2)]
			res, err := e.query.Position(ctx, &types.QueryPositionRequest{Partition: p.String(), Staker: s.Address.String()})
			if err != nil {
				return err
			}
			amount := res.Value.MulRaw(int64(rng.Intn(120) + 1)).QuoRaw(100)
			if !amount.IsPositive() {
				amount = math.OneInt()
			}
			_, err = e.msgs.RequestWithdrawal(ctx, &types.MsgRequestWithdrawal{Staker: s.Address.String(), Partition: p.String(), Amount: amount})
			return err
		}},
		{"claim-withdrawals", 5, func(ctx sdk.Context) error {
			_, err := e.msgs.ClaimWithdrawals(ctx, &types.MsgClaimWithdrawals{Staker: stakers[pick(4)].Address.String()})
			return err
		}},
		{"claim-rewards", 5, func(ctx sdk.Context) error {
			_, err := e.msgs.ClaimRewards(ctx, &types.MsgClaimRewards{Staker: stakers[pick(4)].Address.String(), Partition: pools[pick(2)].String()})
			return err
		}},
		{"move-holder-collateral", 3, func(ctx sdk.Context) error {
			s := stakers[pick(4)].Address.String()
			hp := types.HolderPartitionOf(pools[pick(2)])
			_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
				Operator: s, From: s, To: s, Partition: hp.String(), ToPartition: amptypes.DefaultPartition.String(), Amount: randAmount(30),
			})
			return err
		}},
		{"deposit-holder-excess", 2, func(ctx sdk.Context) error {
			s := stakers[pick(4)].Address.String()
			_, err := e.ampMsgs.TransferByPartition(ctx, &amptypes.MsgTransferByPartition{
				Operator: s, From: s, To: s, Partition: amptypes.DefaultPartition.String(),
				ToPartition: types.HolderPartitionOf(pools[pick(2)]).String(), Amount: randAmount(100),
			})
			return err
		}},
		{"direct-transfer", 1, func(ctx sdk.Context) error {
			_, err := e.msgs.DirectTransfer(ctx, &types.MsgDirectTransfer{Transferer: e.stranger.Address.String(), Partition: pools[pick(2)].String(), To: e.stranger.Address.String(), Amount: randAmount(50)})
			return err
		}},
		{"modify-withdrawal-limit", 1, func(ctx sdk.Context) error {
			change := randAmount(20_000).String()
			if pick(3) == 0 {
				change = "-" + change
			}
			_, err := e.msgs.ModifyWithdrawalLimit(ctx, &types.MsgModifyWithdrawalLimit{Publisher: e.limiter.Address.String(), Manager: e.manager.String(), Amount: change})
			return err
		}},
	}
	totalWeight := 0
	for _, o := range ops {
		totalWeight += o.weight
	}
	chooseOp := func() op {
		n := pick(totalWeight)
		for _, o := range ops {
			if n < o.weight {
				return o
			}
			n -= o.weight
		}
		panic("unreachable")
	}

	okCount, errCount := map[string]int{}, map[string]map[string]int{}
	runOp := func(o op) {
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("block %d: %s panicked: %v", e.ctx.BlockHeight(), o.name, r)
				}
			}()
			err = e.deliver(o.run)
		}()
		if err == nil {
			okCount[o.name]++
			return
		}
		require.True(t, isRegistered(err, types.ModuleName, amptypes.ModuleName, oracletypes.ModuleName),
			"block %d: %s failed with an unregistered error: %v", e.ctx.BlockHeight(), o.name, err)
		if errCount[o.name] == nil {
			errCount[o.name] = map[string]int{}
		}
		codespace, code, _ := errorsmod.ABCIInfo(err, false)
		errCount[o.name][fmt.Sprintf("%s/%d", codespace, code)]++
	}

	liquidatedByExpiry := 0
	outage := [2]int{blocks / 2, blocks/2 + 15}
	for b := 0; b < blocks; b++ {
		step := time.Duration(rng.Intn(19)+2) * time.Second
		if pick(40) == 0 {
			step += time.Duration(rng.Intn(4)+1) * time.Minute
		}
		if b == outage[0]+5 {
			step += pairMaxAge // the price goes stale during the outage
		}
		e.advance(step)

		// The oracle publishes a price moving up to ±8 % (none in the outage).
		if b < outage[0] || b > outage[1] {
			move := math.LegacyNewDecWithPrec(int64(rng.Intn(17)-8), 2)
			next := price.Mul(math.LegacyOneDec().Add(move))
			if next.GT(math.LegacyMustNewDecFromStr("0.2")) && next.LT(math.LegacyMustNewDecFromStr("2")) {
				price = next
			}
			require.NoError(t, e.deliver(func(ctx sdk.Context) error {
				_, err := e.oracleMsgs.SetPrice(ctx, &oracletypes.MsgSetPrice{Publisher: e.publisher.Address.String(), Pair: "AMP/USD", Price: price})
				return err
			}), "block %d: price %s", b, price)
		}

		for i, n := 0, rng.Intn(9)+2; i < n; i++ {
			runOp(chooseOp())
		}

		e.resetEvents()
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("block %d: end blocker panicked: %v", e.ctx.BlockHeight(), r)
				}
			}()
			require.NoError(t, e.k.EndBlocker(e.ctx))
		}()
		liquidatedByExpiry += len(liquidatedIDs(e.ctx))
		require.LessOrEqual(t, len(liquidatedIDs(e.ctx)), 4, "max_expiries_per_block")

		e.checkInvariants()
		checkSimulationState(t, e, merchantStart)
	}

	// The run exercised every path it claims to.
	names := make([]string, 0, len(ops))
	for _, o := range ops {
		names = append(names, o.name)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("%-24s ok %4d  refused %v", n, okCount[n], errCount[n])
	}
	counts := map[types.GuaranteeStatus]int{}
	require.NoError(t, e.k.Guarantees.Walk(e.ctx, nil, func(_ uint64, g types.Guarantee) (bool, error) {
		counts[g.Status]++
		return false, nil
	}))
	t.Logf("guarantees: %v; liquidated by the end blocker: %d; took %s", counts, liquidatedByExpiry, time.Since(start).Round(time.Millisecond))
	t.Logf("module account solvency margin (balance − open fees − rewards owed): %s aamp", solvencyMargin(t, e, pools, stakers))
	require.Greater(t, counts[types.GUARANTEE_STATUS_SETTLED], 20)
	require.Greater(t, counts[types.GUARANTEE_STATUS_LIQUIDATED], 20)
	require.Greater(t, liquidatedByExpiry, 5)
	for _, n := range []string{"supply", "supply-holder", "supply-by-transfer", "open-guarantee", "attest", "request-withdrawal",
		"claim-withdrawals", "claim-rewards", "move-holder-collateral", "deposit-holder-excess", "direct-transfer"} {
		require.Greater(t, okCount[n], 3, "%s never succeeded", n)
	}
	require.NotEmpty(t, errCount["open-guarantee"], "some opens were refused")
}

// checkSimulationState checks what the registered invariants do not: the
// merchant received exactly the payouts of the liquidated guarantees (never
// a double payment), every open guarantee is in the expiry queue, and a
// pool's free capacity is never negative.
func checkSimulationState(t *testing.T, e *env, merchantStart math.Int) {
	t.Helper()
	paid := math.ZeroInt()
	require.NoError(t, e.k.Guarantees.Walk(e.ctx, nil, func(id uint64, g types.Guarantee) (bool, error) {
		switch g.Status {
		case types.GUARANTEE_STATUS_LIQUIDATED:
			paid = paid.Add(g.Payout)
			require.True(t, g.Payout.LTE(g.Lock), "guarantee %d paid more than its lock", id)
		case types.GUARANTEE_STATUS_OPEN:
			require.True(t, g.Payout.IsZero())
		case types.GUARANTEE_STATUS_SETTLED:
			require.True(t, g.Payout.IsZero())
		}
		return false, nil
	}))
	require.Equal(t, paid.String(), e.balance(e.merchant.Address).Sub(merchantStart).String(), "the merchant got exactly the payouts")
	require.NoError(t, e.k.Pools.Walk(e.ctx, nil, func(_ []byte, p types.Pool) (bool, error) {
		require.True(t, p.Locked.LTE(p.ActiveValue), "pool %s is under-collateralised", p.Partition)
		require.False(t, p.PendingWithdrawals.IsNegative())
		return false, nil
	}))
}

// solvencyMargin is the collateral module account's balance less what it
// owes: the fees of open guarantees and every staker's unclaimed rewards.
// Negative means some claim will fail (see TestBugRewardsNeverExceedFees).
func solvencyMargin(t *testing.T, e *env, pools []amptypes.Partition, stakers []apptesting.Account) math.Int {
	t.Helper()
	margin := e.moduleBalance()
	require.NoError(t, e.k.Guarantees.Walk(e.ctx, nil, func(_ uint64, g types.Guarantee) (bool, error) {
		if g.Status == types.GUARANTEE_STATUS_OPEN {
			margin = margin.Sub(g.Fee)
		}
		return false, nil
	}))
	for _, p := range pools {
		for _, s := range stakers {
			res, err := e.query.Rewards(e.ctx, &types.QueryRewardsRequest{Partition: p.String(), Staker: s.Address.String()})
			require.NoError(t, err)
			margin = margin.Sub(res.Rewards.AmountOf("aamp"))
		}
	}
	return margin
}

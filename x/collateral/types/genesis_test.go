package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/ampchain/ampchain/x/collateral/types"
)

// validGenesis has one of everything, consistent.
func validGenesis() types.GenesisState {
	gs := *types.DefaultGenesis()
	gs.NextManagerId, gs.NextGuaranteeId, gs.NextWithdrawalId = 2, 3, 2
	gs.Managers = []types.Manager{{Id: 1, Address: mgrAddr.String(), Owner: addrA.String(), Rules: types.DefaultRules(), WithdrawalLimit: math.NewInt(10)}}
	gs.Roles = []types.RoleAssignment{{ManagerId: 1, Role: types.ROLE_ATTESTER, Address: addrB.String()}}
	gs.Pools = []types.Pool{{
		Partition: pool.String(), ManagerId: 1, ActiveValue: math.NewInt(100), TotalShares: math.LegacyNewDec(100),
		Locked: math.NewInt(25), PendingWithdrawals: math.NewInt(5), RewardPerShare: math.LegacyZeroDec(), HolderCustody: math.ZeroInt(), Epoch: 1,
	}}
	gs.Positions = []types.Position{{
		Partition: pool.String(), Staker: addrB.String(), Shares: math.LegacyNewDec(100), RewardDebt: math.LegacyZeroDec(),
		UnclaimedRewards: math.LegacyZeroDec(), HolderCustody: math.ZeroInt(), Epoch: 1,
	}}
	g := types.Guarantee{
		Id: 1, ManagerId: 1, Partition: pool.String(), Processor: addrA.String(), Merchant: addrB.String(),
		Value: math.LegacyNewDec(10), Quote: "USD", Payment: types.ExternalPayment{SourceChain: "ethereum", Asset: "ETH", Reference: "0x1"},
		Deadline: t0.Add(time.Minute), Price: math.LegacyMustNewDecFromStr("0.5"), Lock: math.NewInt(25), Fee: math.NewInt(1),
		Status: types.GUARANTEE_STATUS_OPEN, OpenedAt: t0, OpenedHeight: 3, ExposedValue: math.NewInt(100), Payout: math.ZeroInt(),
	}
	settled := g
	settled.Id, settled.Status, settled.ResolvedHeight = 2, types.GUARANTEE_STATUS_SETTLED, 4
	gs.Guarantees = []types.Guarantee{g, settled}
	gs.Attestations = []types.Attestation{{GuaranteeId: 1, Attester: addrB.String(), Confirmed: true}}
	gs.Withdrawals = []types.Withdrawal{{Id: 1, Partition: pool.String(), Staker: addrB.String(), Amount: math.NewInt(5), RequestedAt: t0, CompletesAt: t0.Add(time.Hour), RequestedHeight: 2}}
	gs.EpochEnds = []types.EpochEnd{{Partition: pool.String(), Epoch: 0, RewardPerShare: math.LegacyZeroDec()}}
	return gs
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, validGenesis().Validate())

	for name, tc := range map[string]struct {
		edit func(*types.GenesisState)
		want error
	}{
		"zero max expiries":       {func(gs *types.GenesisState) { gs.Params.MaxExpiriesPerBlock = 0 }, types.ErrInvalidParams},
		"duplicate manager":       {func(gs *types.GenesisState) { gs.Managers = append(gs.Managers, gs.Managers[0]) }, types.ErrInvalidGenesis},
		"manager id = next":       {func(gs *types.GenesisState) { gs.NextManagerId = 1 }, types.ErrInvalidGenesis},
		"manager address":         {func(gs *types.GenesisState) { gs.Managers[0].Address = types.ManagerAddress(2).String() }, types.ErrInvalidGenesis},
		"manager owner":           {func(gs *types.GenesisState) { gs.Managers[0].Owner = "owner" }, types.ErrInvalidGenesis},
		"manager rules":           {func(gs *types.GenesisState) { gs.Managers[0].Rules.AttesterThreshold = 0 }, types.ErrInvalidGenesis},
		"guarantee id 0":          {func(gs *types.GenesisState) { gs.Guarantees[0].Id = 0 }, types.ErrInvalidGenesis},
		"guarantee id = next":     {func(gs *types.GenesisState) { gs.NextGuaranteeId = 2 }, types.ErrInvalidGenesis},
		"guarantee manager":       {func(gs *types.GenesisState) { gs.Guarantees[1].ManagerId = 7 }, types.ErrInvalidGenesis},
		"withdrawal id 0":         {func(gs *types.GenesisState) { gs.Withdrawals[0].Id = 0 }, types.ErrInvalidGenesis},
		"withdrawal id = next":    {func(gs *types.GenesisState) { gs.NextWithdrawalId = 1 }, types.ErrInvalidGenesis},
		"pool of unknown manager": {func(gs *types.GenesisState) { gs.Pools[0].ManagerId = 2 }, types.ErrInvalidGenesis},
	} {
		gs := validGenesis()
		tc.edit(&gs)
		require.ErrorIs(t, gs.Validate(), tc.want, name)
	}
}

// BUG 8 (types side): GenesisState.Validate misses these, and InitGenesis
// then panics or stores inconsistent state (see the keeper's
// TestBugInitGenesisNeverPanics for the proposed fix).
func TestBugGenesisValidateChecksEveryEntry(t *testing.T) {
	for name, edit := range map[string]func(*types.GenesisState){
		"role address":              func(gs *types.GenesisState) { gs.Roles[0].Address = "nope" },
		"role of unknown manager":   func(gs *types.GenesisState) { gs.Roles[0].ManagerId = 9 },
		"unspecified role":          func(gs *types.GenesisState) { gs.Roles[0].Role = types.ROLE_UNSPECIFIED },
		"pool partition":            func(gs *types.GenesisState) { gs.Pools[0].Partition = "0x12" },
		"pool of another manager":   func(gs *types.GenesisState) { gs.Pools[0].Partition = holder.String() },
		"duplicate pool":            func(gs *types.GenesisState) { gs.Pools = append(gs.Pools, gs.Pools[0]) },
		"position staker":           func(gs *types.GenesisState) { gs.Positions[0].Staker = "" },
		"position of unknown pool":  func(gs *types.GenesisState) { gs.Positions[0].Partition = holder.String() },
		"attestation attester":      func(gs *types.GenesisState) { gs.Attestations[0].Attester = "x" },
		"attestation of unknown id": func(gs *types.GenesisState) { gs.Attestations[0].GuaranteeId = 99 },
		"withdrawal staker":         func(gs *types.GenesisState) { gs.Withdrawals[0].Staker = "x" },
		"withdrawal partition":      func(gs *types.GenesisState) { gs.Withdrawals[0].Partition = "0x" },
		"duplicate guarantee":       func(gs *types.GenesisState) { gs.Guarantees[1].Id = 1 },
	} {
		gs := validGenesis()
		edit(&gs)
		assert.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis, name)
	}
}

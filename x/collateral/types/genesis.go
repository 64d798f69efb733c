package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"github.com/ampchain/ampchain/internal/validate"
	amptypes "github.com/ampchain/ampchain/x/amp/types"
)

// DefaultGenesis has no managers.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextManagerId: 1, NextGuaranteeId: 1, NextWithdrawalId: 1}
}

func genesisErr(format string, args ...any) error {
	return errorsmod.Wrap(ErrInvalidGenesis, fmt.Sprintf(format, args...))
}

// Validate checks every entry of the genesis state without a store, so
// InitGenesis never meets a malformed one.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.NextManagerId == 0 || gs.NextGuaranteeId == 0 || gs.NextWithdrawalId == 0 {
		return genesisErr("next ids start at 1")
	}
	managers := map[uint64]bool{}
	for _, m := range gs.Managers {
		if managers[m.Id] || m.Id == 0 || m.Id >= gs.NextManagerId {
			return genesisErr("manager id %d duplicated or outside 1..%d", m.Id, gs.NextManagerId-1)
		}
		managers[m.Id] = true
		if m.Address != ManagerAddress(m.Id).String() {
			return genesisErr("manager %d has address %s, want %s", m.Id, m.Address, ManagerAddress(m.Id))
		}
		if err := validate.Address("owner", m.Owner); err != nil {
			return genesisErr("manager %d: %s", m.Id, err)
		}
		if err := m.Rules.Validate(); err != nil {
			return genesisErr("manager %d: %s", m.Id, err)
		}
		if err := validateNonNegative("withdrawal_limit", m.WithdrawalLimit); err != nil {
			return genesisErr("manager %d: %s", m.Id, err)
		}
	}
	roles := map[string]bool{}
	for _, r := range gs.Roles {
		if !managers[r.ManagerId] {
			return genesisErr("role of unknown manager %d", r.ManagerId)
		}
		if err := ValidateRole(r.Role); err != nil {
			return genesisErr("manager %d: %s", r.ManagerId, err)
		}
		if err := validate.Address("role holder", r.Address); err != nil {
			return genesisErr("manager %d: %s", r.ManagerId, err)
		}
		key := fmt.Sprintf("%d/%d/%s", r.ManagerId, r.Role, r.Address)
		if roles[key] {
			return genesisErr("role %s listed twice", key)
		}
		roles[key] = true
	}
	pools := map[string]bool{}
	for _, p := range gs.Pools {
		if !managers[p.ManagerId] {
			return genesisErr("pool %s of unknown manager %d", p.Partition, p.ManagerId)
		}
		partition, err := PoolPartition(p.Partition, ManagerAddress(p.ManagerId))
		if err != nil {
			return genesisErr("pool %s: %s", p.Partition, err)
		}
		if pools[partition.String()] {
			return genesisErr("pool %s listed twice", partition)
		}
		pools[partition.String()] = true
		for name, v := range map[string]interface{ IsNil() bool }{
			"active_value": p.ActiveValue, "total_shares": p.TotalShares, "locked": p.Locked,
			"pending_withdrawals": p.PendingWithdrawals, "reward_per_share": p.RewardPerShare, "holder_custody": p.HolderCustody,
		} {
			if v.IsNil() {
				return genesisErr("pool %s: %s is missing", p.Partition, name)
			}
		}
		if p.ActiveValue.IsNegative() || p.Locked.IsNegative() || p.PendingWithdrawals.IsNegative() || p.TotalShares.IsNegative() || p.HolderCustody.IsNegative() {
			return genesisErr("pool %s has a negative amount", p.Partition)
		}
	}
	positions := map[string]bool{}
	for _, pos := range gs.Positions {
		if !pools[partitionString(pos.Partition)] {
			return genesisErr("position of %s in unknown pool %s", pos.Staker, pos.Partition)
		}
		if err := validate.Address("staker", pos.Staker); err != nil {
			return genesisErr("position in %s: %s", pos.Partition, err)
		}
		if pos.Shares.IsNil() || pos.Shares.IsNegative() || pos.RewardDebt.IsNil() || pos.UnclaimedRewards.IsNil() ||
			pos.UnclaimedRewards.IsNegative() || pos.HolderCustody.IsNil() || pos.HolderCustody.IsNegative() {
			return genesisErr("position of %s in %s has a missing or negative amount", pos.Staker, pos.Partition)
		}
		key := pos.Partition + "/" + pos.Staker
		if positions[key] {
			return genesisErr("position %s listed twice", key)
		}
		positions[key] = true
	}
	guarantees := map[uint64]bool{}
	for _, g := range gs.Guarantees {
		if guarantees[g.Id] || g.Id == 0 || g.Id >= gs.NextGuaranteeId {
			return genesisErr("guarantee id %d duplicated or outside 1..%d", g.Id, gs.NextGuaranteeId-1)
		}
		guarantees[g.Id] = true
		if !managers[g.ManagerId] || !pools[partitionString(g.Partition)] {
			return genesisErr("guarantee %d of unknown manager %d or pool %s", g.Id, g.ManagerId, g.Partition)
		}
		if err := validate.Addresses("processor", g.Processor, "merchant", g.Merchant); err != nil {
			return genesisErr("guarantee %d: %s", g.Id, err)
		}
		if _, ok := GuaranteeStatus_name[int32(g.Status)]; !ok || g.Status == GUARANTEE_STATUS_UNSPECIFIED {
			return genesisErr("guarantee %d has status %d", g.Id, g.Status)
		}
		if g.Value.IsNil() || g.Price.IsNil() || !g.Price.IsPositive() || g.Lock.IsNil() || g.Lock.IsNegative() ||
			g.Fee.IsNil() || g.Fee.IsNegative() || g.ExposedValue.IsNil() || g.Payout.IsNil() {
			return genesisErr("guarantee %d has a missing or invalid amount", g.Id)
		}
	}
	attestations := map[string]bool{}
	for _, a := range gs.Attestations {
		if !guarantees[a.GuaranteeId] {
			return genesisErr("attestation of unknown guarantee %d", a.GuaranteeId)
		}
		if err := validate.Address("attester", a.Attester); err != nil {
			return genesisErr("attestation of guarantee %d: %s", a.GuaranteeId, err)
		}
		key := fmt.Sprintf("%d/%s", a.GuaranteeId, a.Attester)
		if attestations[key] {
			return genesisErr("attestation %s listed twice", key)
		}
		attestations[key] = true
	}
	withdrawals := map[uint64]bool{}
	for _, w := range gs.Withdrawals {
		if withdrawals[w.Id] || w.Id == 0 || w.Id >= gs.NextWithdrawalId {
			return genesisErr("withdrawal id %d duplicated or outside 1..%d", w.Id, gs.NextWithdrawalId-1)
		}
		withdrawals[w.Id] = true
		if !pools[partitionString(w.Partition)] {
			return genesisErr("withdrawal %d from unknown pool %s", w.Id, w.Partition)
		}
		if err := validate.Address("staker", w.Staker); err != nil {
			return genesisErr("withdrawal %d: %s", w.Id, err)
		}
		if err := validateNonNegative("amount", w.Amount); err != nil {
			return genesisErr("withdrawal %d: %s", w.Id, err)
		}
	}
	for _, e := range gs.EpochEnds {
		if !pools[partitionString(e.Partition)] || e.RewardPerShare.IsNil() {
			return genesisErr("epoch end %d of unknown pool %s", e.Epoch, e.Partition)
		}
	}
	return nil
}

// partitionString normalises a partition for comparisons.
func partitionString(s string) string {
	p, err := amptypes.ParsePartition(s)
	if err != nil {
		return s
	}
	return p.String()
}

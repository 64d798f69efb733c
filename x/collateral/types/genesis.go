package types

import errorsmod "cosmossdk.io/errors"

// DefaultGenesis has no managers.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextManagerId: 1, NextGuaranteeId: 1, NextWithdrawalId: 1}
}

// Validate checks the genesis state without a store.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	ids := map[uint64]bool{}
	for _, m := range gs.Managers {
		if ids[m.Id] || m.Id >= gs.NextManagerId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "manager id %d duplicated or not below next id %d", m.Id, gs.NextManagerId)
		}
		ids[m.Id] = true
		if m.Address != ManagerAddress(m.Id).String() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "manager %d has address %s, want %s", m.Id, m.Address, ManagerAddress(m.Id))
		}
		if err := validateAddress("owner", m.Owner); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := m.Rules.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "manager %d: %s", m.Id, err)
		}
	}
	for _, g := range gs.Guarantees {
		if g.Id == 0 || g.Id >= gs.NextGuaranteeId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "guarantee id %d not below next id %d", g.Id, gs.NextGuaranteeId)
		}
		if !ids[g.ManagerId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "guarantee %d of unknown manager %d", g.Id, g.ManagerId)
		}
	}
	for _, w := range gs.Withdrawals {
		if w.Id == 0 || w.Id >= gs.NextWithdrawalId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "withdrawal id %d not below next id %d", w.Id, gs.NextWithdrawalId)
		}
	}
	for _, p := range gs.Pools {
		if !ids[p.ManagerId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pool %s of unknown manager %d", p.Partition, p.ManagerId)
		}
	}
	return nil
}

package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/ampchain/ampchain/internal/validate"
)

// DefaultGenesis ships the two built-in strategies under their prefixes.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Strategies: []PartitionStrategy{
			{Prefix: CollateralPoolPrefix.String(), Strategy: StrategyCollateralPool},
			{Prefix: HolderCollateralPrefix.String(), Strategy: StrategyHolderCollateral},
		},
	}
}

// Validate checks the genesis state without a store.
func (gs GenesisState) Validate() error {
	seen := make(map[string]bool)
	for _, s := range gs.Strategies {
		if err := ValidateStrategyBinding(s.Prefix, s.Strategy); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if seen[s.Prefix] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "prefix %s bound twice", s.Prefix)
		}
		seen[s.Prefix] = true
	}
	seen = make(map[string]bool)
	for _, m := range gs.CollateralManagers {
		if err := validate.Address("collateral manager", m); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if seen[m] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "collateral manager %s listed twice", m)
		}
		seen[m] = true
	}
	seen = make(map[string]bool)
	for _, b := range gs.Balances {
		if err := validate.Address("holder", b.Holder); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		p, err := ParsePartition(b.Partition)
		if err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if p.IsDefault() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "balance of %s: the default partition lives in x/bank", b.Holder)
		}
		if err := validatePositive("balance", b.Amount); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "balance of %s in %s: %s", b.Holder, b.Partition, err)
		}
		key := b.Holder + "/" + p.String()
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "balance of %s in %s listed twice", b.Holder, p)
		}
		seen[key] = true
	}
	seen = make(map[string]bool)
	for _, a := range gs.Allowances {
		if err := validate.Addresses("owner", a.Owner, "spender", a.Spender); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		p, err := ParsePartition(a.Partition)
		if err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validatePositive("allowance", a.Amount); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		key := p.String() + "/" + a.Owner + "/" + a.Spender
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "allowance %s listed twice", key)
		}
		seen[key] = true
	}
	seen = make(map[string]bool)
	for _, o := range gs.Operators {
		if err := validateOperatorPair(o.Holder, o.Operator); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if o.Partition != "" {
			if _, err := ParsePartition(o.Partition); err != nil {
				return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
			}
		}
		key := o.Holder + "/" + o.Operator + "/" + o.Partition
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "operator %s listed twice", key)
		}
		seen[key] = true
	}
	return nil
}

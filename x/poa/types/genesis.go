package types

import (
	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

var _ codectypes.UnpackInterfacesMessage = GenesisState{}

// DefaultGenesis has no validators and the given admin.
func DefaultGenesis(admin string) *GenesisState {
	return &GenesisState{Params: NewParams(admin)}
}

// UnpackInterfaces resolves every validator's consensus key.
func (gs GenesisState) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	for _, v := range gs.Validators {
		if err := v.UnpackInterfaces(unpacker); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks the genesis state without a store: params, unique
// operators and keys, valid powers, and well-formed fee records.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	tombstoned := make(map[string]bool, len(gs.Tombstoned))
	for _, c := range gs.Tombstoned {
		if _, err := sdk.ConsAddressFromBech32(c); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "tombstoned %q: %s", c, err)
		}
		tombstoned[c] = true
	}
	operators := make(map[string]bool, len(gs.Validators))
	consAddrs := make(map[string]bool, len(gs.Validators))
	for _, v := range gs.Validators {
		if err := validateValAddress(v.OperatorAddress); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if operators[v.OperatorAddress] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate validator %s", v.OperatorAddress)
		}
		operators[v.OperatorAddress] = true
		if err := ValidateMoniker(v.Moniker); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "validator %s: %s", v.OperatorAddress, err)
		}
		if err := ValidatePower(v.Power); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "validator %s: %s", v.OperatorAddress, err)
		}
		consAddr, err := v.ConsAddress()
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "validator %s: %s", v.OperatorAddress, err)
		}
		if consAddrs[consAddr.String()] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate consensus key for %s", v.OperatorAddress)
		}
		if tombstoned[consAddr.String()] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "validator %s uses a tombstoned consensus key", v.OperatorAddress)
		}
		consAddrs[consAddr.String()] = true
	}
	feeOwners := make(map[string]bool, len(gs.Fees))
	for _, f := range gs.Fees {
		if err := validateValAddress(f.OperatorAddress); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if feeOwners[f.OperatorAddress] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate fee record for %s", f.OperatorAddress)
		}
		feeOwners[f.OperatorAddress] = true
		if err := f.Outstanding.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "fees of %s: %s", f.OperatorAddress, err)
		}
	}
	return nil
}

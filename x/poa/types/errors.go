package types

import errorsmod "cosmossdk.io/errors"

// x/poa errors. Codes are part of the chain's API: never renumber them.
var (
	ErrUnauthorized          = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrValidatorNotFound     = errorsmod.Register(ModuleName, 3, "validator not found")
	ErrValidatorExists       = errorsmod.Register(ModuleName, 4, "validator already exists")
	ErrConsensusKeyInUse     = errorsmod.Register(ModuleName, 5, "consensus key already in use")
	ErrConsensusKeyTombstone = errorsmod.Register(ModuleName, 6, "consensus key was removed for double-signing")
	ErrInvalidPubKey         = errorsmod.Register(ModuleName, 7, "invalid consensus public key")
	ErrInvalidPower          = errorsmod.Register(ModuleName, 8, "invalid validator power")
	ErrLastValidator         = errorsmod.Register(ModuleName, 9, "cannot remove the last validator")
	ErrPowerChangeTooLarge   = errorsmod.Register(ModuleName, 10, "power change in one block exceeds 1/3 of total power")
	ErrInvalidMoniker        = errorsmod.Register(ModuleName, 11, "invalid moniker")
	ErrNotValidator          = errorsmod.Register(ModuleName, 12, "only active validators may take part in governance")
	ErrNoFees                = errorsmod.Register(ModuleName, 13, "no fees to withdraw")
	ErrInvalidParams         = errorsmod.Register(ModuleName, 14, "invalid params")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 15, "invalid genesis")
)

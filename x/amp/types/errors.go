package types

import errorsmod "cosmossdk.io/errors"

// x/amp errors. Codes are part of the chain's API: never renumber them.
var (
	ErrInvalidPartition         = errorsmod.Register(ModuleName, 2, "invalid partition")
	ErrInvalidPrefix            = errorsmod.Register(ModuleName, 3, "invalid partition prefix")
	ErrInvalidAmount            = errorsmod.Register(ModuleName, 4, "invalid amount")
	ErrInvalidReceiver          = errorsmod.Register(ModuleName, 5, "invalid receiver")
	ErrInsufficientBalance      = errorsmod.Register(ModuleName, 6, "insufficient balance")
	ErrInsufficientAllowance    = errorsmod.Register(ModuleName, 7, "insufficient allowance")
	ErrPartitionReserved        = errorsmod.Register(ModuleName, 8, "partition reserved")
	ErrConflictingDestination   = errorsmod.Register(ModuleName, 9, "conflicting destination partitions")
	ErrStrategyExists           = errorsmod.Register(ModuleName, 10, "partition prefix already has a strategy")
	ErrUnknownStrategy          = errorsmod.Register(ModuleName, 11, "unknown partition strategy")
	ErrAlreadyCollateralManager = errorsmod.Register(ModuleName, 12, "already a collateral manager")
	ErrNotCollateralManager     = errorsmod.Register(ModuleName, 13, "partition owner is not a collateral manager")
	ErrStrategyRefused          = errorsmod.Register(ModuleName, 14, "partition strategy refused the transfer")
	ErrUnauthorized             = errorsmod.Register(ModuleName, 15, "unauthorized")
	ErrSelfOperator             = errorsmod.Register(ModuleName, 16, "holder cannot be its own operator")
	ErrAllowanceBelowZero       = errorsmod.Register(ModuleName, 17, "decreased allowance below zero")
	ErrDataTooLong              = errorsmod.Register(ModuleName, 18, "data too long")
	ErrInvalidGenesis           = errorsmod.Register(ModuleName, 19, "invalid genesis")
	ErrPlainSendToHookedAddress = errorsmod.Register(ModuleName, 20, "plain sends of aamp to a collateral manager with hooks are refused; use transfer-by-partition")
)

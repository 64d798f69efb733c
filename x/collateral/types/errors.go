package types

import errorsmod "cosmossdk.io/errors"

// x/collateral errors. Codes are part of the chain's API: never renumber them.
var (
	ErrInvalidRules          = errorsmod.Register(ModuleName, 2, "invalid manager rules")
	ErrManagerNotFound       = errorsmod.Register(ModuleName, 3, "manager not found")
	ErrUnauthorized          = errorsmod.Register(ModuleName, 4, "unauthorized")
	ErrInvalidRole           = errorsmod.Register(ModuleName, 5, "invalid role")
	ErrInvalidPartition      = errorsmod.Register(ModuleName, 6, "invalid pool partition")
	ErrPoolExists            = errorsmod.Register(ModuleName, 7, "pool already exists")
	ErrPoolNotFound          = errorsmod.Register(ModuleName, 8, "pool not found")
	ErrPoolNotEmpty          = errorsmod.Register(ModuleName, 9, "pool is not empty")
	ErrInvalidAmount         = errorsmod.Register(ModuleName, 10, "invalid amount")
	ErrInsufficientCapacity  = errorsmod.Register(ModuleName, 11, "insufficient free capacity")
	ErrInsufficientPosition  = errorsmod.Register(ModuleName, 12, "insufficient position")
	ErrWithdrawalLimit       = errorsmod.Register(ModuleName, 13, "withdrawal limit exceeded")
	ErrGuaranteeNotFound     = errorsmod.Register(ModuleName, 14, "guarantee not found")
	ErrGuaranteeNotOpen      = errorsmod.Register(ModuleName, 15, "guarantee is not open")
	ErrAlreadyAttested       = errorsmod.Register(ModuleName, 16, "attester already attested this guarantee")
	ErrNotExpired            = errorsmod.Register(ModuleName, 17, "guarantee has not expired")
	ErrInvalidDeadline       = errorsmod.Register(ModuleName, 18, "invalid deadline")
	ErrInvalidGuarantee      = errorsmod.Register(ModuleName, 19, "invalid guarantee")
	ErrPartitionNotPermitted = errorsmod.Register(ModuleName, 20, "partition not permitted by the manager")
	ErrManagerTransfer       = errorsmod.Register(ModuleName, 21, "collateral leaves a manager only through x/collateral")
	ErrCollateralInUse       = errorsmod.Register(ModuleName, 22, "holder collateral is staked; request a withdrawal")
	ErrNoRewards             = errorsmod.Register(ModuleName, 23, "no rewards to claim")
	ErrNoWithdrawals         = errorsmod.Register(ModuleName, 24, "no matured withdrawals")
	ErrInvalidParams         = errorsmod.Register(ModuleName, 25, "invalid params")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 26, "invalid genesis")
	ErrInvalidOutcome        = errorsmod.Register(ModuleName, 27, "invalid settlement outcome")
)

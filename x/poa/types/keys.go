package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and module account name.
	ModuleName = "poa"
	StoreKey   = ModuleName

	// MaxMonikerLength bounds a validator's moniker, as x/staking does.
	MaxMonikerLength = 70

	// MaxValidatorPower keeps the sum of any realistic validator set far below
	// CometBFT's MaxTotalVotingPower (MaxInt64/8).
	MaxValidatorPower int64 = 1 << 40

	// RemovalReasonAdmin and RemovalReasonDoubleSign are the reasons carried by
	// EventValidatorRemoved.
	RemovalReasonAdmin      = "admin"
	RemovalReasonDoubleSign = "double_sign"
)

var (
	ParamsKey           = collections.NewPrefix(0)
	ValidatorsKey       = collections.NewPrefix(1)
	ValidatorsByConsKey = collections.NewPrefix(2)
	LastValidatorSetKey = collections.NewPrefix(3)
	PendingUpdatesKey   = collections.NewPrefix(4)
	TombstonedKey       = collections.NewPrefix(5)
	OutstandingFeesKey  = collections.NewPrefix(6)
	ConsensusKeysKey    = collections.NewPrefix(7)
)

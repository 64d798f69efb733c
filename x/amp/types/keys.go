package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and escrow account.
	ModuleName = "amp"
	StoreKey   = ModuleName

	// TokenName, TokenSymbol, Decimals and Granularity match the ERC-20.
	TokenName   = "Amp"
	TokenSymbol = "AMP"
	Decimals    = 18
	Granularity = 1

	// MaxDataLength bounds the data and operator-data bytes of a transfer.
	MaxDataLength = 1024
	// MaxStrategyNameLength bounds a strategy name.
	MaxStrategyNameLength = 64

	// Built-in strategy names.
	StrategyCollateralPool   = "collateral-pool"
	StrategyHolderCollateral = "holder-collateral"
)

var (
	BalancesKey           = collections.NewPrefix(0)
	PartitionSupplyKey    = collections.NewPrefix(1)
	OperatorsKey          = collections.NewPrefix(2)
	PartitionOperatorsKey = collections.NewPrefix(3)
	AllowancesKey         = collections.NewPrefix(4)
	StrategiesKey         = collections.NewPrefix(5)
	CollateralManagersKey = collections.NewPrefix(6)
)

package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name and store key.
	ModuleName = "oracle"
	StoreKey   = ModuleName
)

var (
	ParamsKey = collections.NewPrefix(0)
	PairsKey  = collections.NewPrefix(1)
	PricesKey = collections.NewPrefix(2)
)

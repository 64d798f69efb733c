package types

import errorsmod "cosmossdk.io/errors"

// x/oracle errors. Codes are part of the chain's API: never renumber them.
var (
	ErrUnauthorized          = errorsmod.Register(ModuleName, 2, "unauthorized")
	ErrInvalidPair           = errorsmod.Register(ModuleName, 3, "invalid pair")
	ErrPairNotFound          = errorsmod.Register(ModuleName, 4, "pair not found")
	ErrInvalidPrice          = errorsmod.Register(ModuleName, 5, "invalid price")
	ErrPriceNotFound         = errorsmod.Register(ModuleName, 6, "no price for pair")
	ErrPriceStale            = errorsmod.Register(ModuleName, 7, "price is older than the pair's max age")
	ErrNotPublisher          = errorsmod.Register(ModuleName, 8, "not the pair's publisher")
	ErrFallbackDisabled      = errorsmod.Register(ModuleName, 9, "publisher fallback is off: prices come from vote extensions")
	ErrMoveTooLarge          = errorsmod.Register(ModuleName, 10, "price moves more than the pair's max move")
	ErrInvalidParams         = errorsmod.Register(ModuleName, 11, "invalid params")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 12, "invalid genesis")
	ErrInvalidVoteExtension  = errorsmod.Register(ModuleName, 13, "invalid oracle vote extension")
	ErrInvalidInjectedPrices = errorsmod.Register(ModuleName, 14, "invalid injected prices")
)

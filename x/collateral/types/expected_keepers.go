package types

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
)

// AmpKeeper is what x/collateral needs of x/amp: every AMP movement is a
// transfer by partition, so x/amp's rules and events apply to it too.
type AmpKeeper interface {
	TransferByPartition(ctx context.Context, t amptypes.Transfer) (amptypes.Partition, error)
	RegisterCollateralManager(ctx context.Context, manager sdk.AccAddress) error
	BalanceOfByPartition(ctx context.Context, partition amptypes.Partition, holder sdk.AccAddress) (math.Int, error)
	Denom() string
}

// BankKeeper moves merchant fees, which are paid in default-partition AMP.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
	BlockedAddr(addr sdk.AccAddress) bool
}

// AccountKeeper gives the module account's address.
type AccountKeeper interface {
	GetModuleAddress(moduleName string) sdk.AccAddress
}

// OracleKeeper prices AMP: quote per AMP, with its time, or an error when
// the price is missing or stale.
type OracleKeeper interface {
	GetPrice(ctx context.Context, pair string) (math.LegacyDec, time.Time, error)
}

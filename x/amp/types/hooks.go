package types

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Transfer is what hooks and strategies see of a transfer by partition,
// the arguments of the contract's hook calls.
type Transfer struct {
	FromPartition Partition
	ToPartition   Partition
	Operator      sdk.AccAddress
	From          sdk.AccAddress
	To            sdk.AccAddress
	Amount        math.Int
	Data          []byte
	OperatorData  []byte
}

// TokensSender is the contract's AmpTokensSender: called before tokens
// leave its address (or, for holder collateral, the partitions it owns).
// An error refuses the transfer, which then changes nothing.
type TokensSender interface {
	TokensToTransfer(ctx context.Context, t Transfer) error
}

// TokensRecipient is the contract's AmpTokensRecipient: called after tokens
// arrive at its address. An error refuses the transfer.
type TokensRecipient interface {
	TokensReceived(ctx context.Context, t Transfer) error
}

// HookProvider takes the ERC-1820 registry's role: modules that own
// addresses (x/collateral's managers) answer for their hooks. Registered at
// app wiring.
type HookProvider interface {
	SenderHook(ctx context.Context, addr sdk.AccAddress) (TokensSender, bool)
	RecipientHook(ctx context.Context, addr sdk.AccAddress) (TokensRecipient, bool)
}

// StrategyView is the token state a partition strategy may consult.
type StrategyView interface {
	IsCollateralManager(ctx context.Context, addr sdk.AccAddress) (bool, error)
	IsOperatorForCollateralManager(ctx context.Context, partition Partition, operator, manager sdk.AccAddress) (bool, error)
	SenderHook(ctx context.Context, addr sdk.AccAddress) (TokensSender, bool)
}

// Strategy is the contract's IAmpPartitionStrategyValidator, bound
// to a prefix by the chain authority.
type Strategy interface {
	// Name identifies the strategy in set-partition-strategy.
	Name() string
	// IsOperatorForPartitionScope grants operator rights implied by the
	// partition itself.
	IsOperatorForPartitionScope(ctx context.Context, view StrategyView, partition Partition, operator, holder sdk.AccAddress) (bool, error)
	// TokensFromPartitionToValidate checks tokens leaving a partition.
	TokensFromPartitionToValidate(ctx context.Context, view StrategyView, t Transfer) error
	// TokensToPartitionToValidate checks tokens entering a partition.
	TokensToPartitionToValidate(ctx context.Context, view StrategyView, t Transfer) error
}

package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

// RegisterInvariants registers DESIGN §8's token invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) { //nolint:staticcheck // the SDK still calls it
	ir.RegisterRoute(types.ModuleName, "escrow-backs-partitions", EscrowInvariant(k))
	ir.RegisterRoute(types.ModuleName, "partition-supply", PartitionSupplyInvariant(k))
	ir.RegisterRoute(types.ModuleName, "total-supply", TotalSupplyInvariant(k))
}

// AllInvariants runs every invariant; tests assert it after each scenario.
func AllInvariants(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		for _, inv := range []sdk.Invariant{EscrowInvariant(k), PartitionSupplyInvariant(k), TotalSupplyInvariant(k)} {
			if msg, broken := inv(ctx); broken {
				return msg, true
			}
		}
		return "", false
	}
}

// EscrowInvariant: the module account holds exactly the sum of all
// non-default partition balances.
func EscrowInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		sum := math.ZeroInt()
		err := k.Balances.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, []byte], amount math.Int) (bool, error) {
			sum = sum.Add(amount)
			return false, nil
		})
		held := k.escrowBalance(ctx)
		return sdk.FormatInvariant(types.ModuleName, "escrow-backs-partitions",
			fmt.Sprintf("escrow holds %s, partitions hold %s (walk error: %v)", held, sum, err)), err != nil || !held.Equal(sum)
	}
}

// PartitionSupplyInvariant: every partition's supply is the sum of its
// holders' balances, and neither table keeps zero entries.
func PartitionSupplyInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		sums := map[string]math.Int{}
		var msg string
		err := k.Balances.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, []byte], amount math.Int) (bool, error) {
			if !amount.IsPositive() {
				msg += fmt.Sprintf("balance of %s in %x is %s\n", key.K1(), key.K2(), amount)
			}
			p := string(key.K2())
			if cur, ok := sums[p]; ok {
				sums[p] = cur.Add(amount)
			} else {
				sums[p] = amount
			}
			return false, nil
		})
		if err == nil {
			err = k.PartitionSupply.Walk(ctx, nil, func(partition []byte, supply math.Int) (bool, error) {
				if sum, ok := sums[string(partition)]; !ok || !sum.Equal(supply) {
					msg += fmt.Sprintf("partition %x: supply %s, balances %v\n", partition, supply, sums[string(partition)])
				}
				delete(sums, string(partition))
				return false, nil
			})
		}
		for p, sum := range sums {
			msg += fmt.Sprintf("partition %x: balances %s but no supply record\n", p, sum)
		}
		if err != nil {
			msg += err.Error()
		}
		return sdk.FormatInvariant(types.ModuleName, "partition-supply", msg), msg != ""
	}
}

// TotalSupplyInvariant: all holders' balances over all partitions add up
// to the bank supply of the denom.
func TotalSupplyInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		escrow := k.accountKeeper.GetModuleAddress(types.ModuleName)
		total := math.ZeroInt()
		k.bankKeeper.IterateAllBalances(ctx, func(addr sdk.AccAddress, coin sdk.Coin) bool {
			if coin.Denom == k.denom && !addr.Equals(escrow) {
				total = total.Add(coin.Amount)
			}
			return false
		})
		err := k.Balances.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, []byte], amount math.Int) (bool, error) {
			total = total.Add(amount)
			return false, nil
		})
		supply := k.bankKeeper.GetSupply(ctx, k.denom).Amount
		return sdk.FormatInvariant(types.ModuleName, "total-supply",
			fmt.Sprintf("holders hold %s, bank supply is %s (walk error: %v)", total, supply, err)), err != nil || !total.Equal(supply)
	}
}

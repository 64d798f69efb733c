package keeper

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// RegisterInvariants registers the module's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) { //nolint:staticcheck // the SDK still calls it
	ir.RegisterRoute(types.ModuleName, "fees-backed", FeesBackedInvariant(k))
	ir.RegisterRoute(types.ModuleName, "consensus-index", ConsensusIndexInvariant(k))
}

// FeesBackedInvariant: the module account holds exactly the fees owed to
// operators, so every collected coin is owed to someone and payable.
func FeesBackedInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		owed := sdk.DecCoins{}
		err := k.OutstandingFees.Walk(ctx, nil, func(_ sdk.ValAddress, f types.ValidatorFees) (bool, error) {
			owed = owed.Add(f.Outstanding...)
			return false, nil
		})
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "fees-backed", err.Error()), true
		}
		held := sdk.NewDecCoinsFromCoins(k.bankKeeper.GetAllBalances(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName))...)
		broken := !held.Equal(owed)
		return sdk.FormatInvariant(types.ModuleName, "fees-backed",
			fmt.Sprintf("module holds %s, operators are owed %s", held, owed)), broken
	}
}

// ConsensusIndexInvariant: every validator is indexed by its consensus
// address and the index points at nothing else.
func ConsensusIndexInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var msg string
		count := 0
		err := k.Validators.Walk(ctx, nil, func(operator sdk.ValAddress, v types.Validator) (bool, error) {
			count++
			consAddr, err := v.ConsAddress()
			if err != nil {
				return true, err
			}
			indexed, err := k.ValidatorsByCons.Get(ctx, consAddr)
			if err != nil || !sdk.ValAddress(indexed).Equals(operator) {
				msg += fmt.Sprintf("validator %s is not indexed by %s\n", operator, consAddr)
			}
			return false, nil
		})
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "consensus-index", err.Error()), true
		}
		indexCount := 0
		if err := k.ValidatorsByCons.Walk(ctx, nil, func(sdk.ConsAddress, []byte) (bool, error) {
			indexCount++
			return false, nil
		}); err != nil {
			return sdk.FormatInvariant(types.ModuleName, "consensus-index", err.Error()), true
		}
		if indexCount != count {
			msg += fmt.Sprintf("%d validators but %d index entries\n", count, indexCount)
		}
		return sdk.FormatInvariant(types.ModuleName, "consensus-index", msg), msg != ""
	}
}

package keeper

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// RegisterInvariants registers the module's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) { //nolint:staticcheck // the SDK still calls it
	ir.RegisterRoute(types.ModuleName, "pairs-valid", PairsValidInvariant(k))
	ir.RegisterRoute(types.ModuleName, "prices-registered", PricesRegisteredInvariant(k))
}

// PairsValidInvariant: every stored pair is valid and stored under its name.
func PairsValidInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var msg string
		err := k.Pairs.Walk(ctx, nil, func(name string, p types.Pair) (bool, error) {
			if p.Name != name {
				msg += fmt.Sprintf("pair %q stored under %q\n", p.Name, name)
			}
			if err := p.Validate(); err != nil {
				msg += fmt.Sprintf("pair %q: %s\n", name, err)
			}
			return false, nil
		})
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "pairs-valid", err.Error()), true
		}
		return sdk.FormatInvariant(types.ModuleName, "pairs-valid", msg), msg != ""
	}
}

// PricesRegisteredInvariant: every stored price belongs to a registered pair,
// is stored under that pair and is a valid price.
func PricesRegisteredInvariant(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var msg string
		err := k.Prices.Walk(ctx, nil, func(name string, p types.Price) (bool, error) {
			if p.Pair != name {
				msg += fmt.Sprintf("price of %q stored under %q\n", p.Pair, name)
			}
			has, err := k.Pairs.Has(ctx, name)
			if err != nil {
				return true, err
			}
			if !has {
				msg += fmt.Sprintf("price of unregistered pair %q\n", name)
			}
			if err := types.ValidatePrice(p.Price); err != nil {
				msg += fmt.Sprintf("price of %q: %s\n", name, err)
			}
			return false, nil
		})
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "prices-registered", err.Error()), true
		}
		return sdk.FormatInvariant(types.ModuleName, "prices-registered", msg), msg != ""
	}
}

package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

// InitGenesis loads the state; it must run after x/bank, whose module
// account balance has to back the partition balances exactly.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	for _, s := range gs.Strategies {
		prefix, _ := types.ParsePrefix(s.Prefix)
		if err := k.SetPartitionStrategy(ctx, prefix, s.Strategy); err != nil {
			return err
		}
	}
	for _, m := range gs.CollateralManagers {
		if err := k.CollateralManagers.Set(ctx, sdk.MustAccAddressFromBech32(m)); err != nil {
			return err
		}
	}
	escrowed := math.ZeroInt()
	for _, b := range gs.Balances {
		p, _ := types.ParsePartition(b.Partition)
		if err := k.addToPartition(ctx, sdk.MustAccAddressFromBech32(b.Holder), p, b.Amount); err != nil {
			return err
		}
		escrowed = escrowed.Add(b.Amount)
	}
	if held := k.escrowBalance(ctx); !held.Equal(escrowed) {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "the %s module account holds %s%s but partition balances add up to %s",
			types.ModuleName, held, k.denom, escrowed)
	}
	for _, a := range gs.Allowances {
		p, _ := types.ParsePartition(a.Partition)
		if err := k.setAllowance(ctx, p, sdk.MustAccAddressFromBech32(a.Owner), sdk.MustAccAddressFromBech32(a.Spender), a.Amount); err != nil {
			return err
		}
	}
	for _, o := range gs.Operators {
		holder, operator := sdk.MustAccAddressFromBech32(o.Holder), sdk.MustAccAddressFromBech32(o.Operator)
		var err error
		if o.Partition == "" {
			err = k.Operators.Set(ctx, collections.Join(holder, operator))
		} else {
			p, _ := types.ParsePartition(o.Partition)
			err = k.PartitionOperators.Set(ctx, collections.Join3(holder, p.Bytes(), operator))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (k *Keeper) escrowBalance(ctx context.Context) math.Int {
	return k.bankKeeper.GetBalance(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName), k.denom).Amount
}

// ExportGenesis writes the state out.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	err := k.Strategies.Walk(ctx, nil, func(prefix []byte, name string) (bool, error) {
		p, err := types.PrefixFromBytes(prefix)
		gs.Strategies = append(gs.Strategies, types.PartitionStrategy{Prefix: p.String(), Strategy: name})
		return false, err
	})
	if err != nil {
		return nil, err
	}
	err = k.CollateralManagers.Walk(ctx, nil, func(m sdk.AccAddress) (bool, error) {
		gs.CollateralManagers = append(gs.CollateralManagers, m.String())
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Balances.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, []byte], amount math.Int) (bool, error) {
		p, err := types.PartitionFromBytes(key.K2())
		gs.Balances = append(gs.Balances, types.PartitionBalance{Holder: key.K1().String(), Partition: p.String(), Amount: amount})
		return false, err
	})
	if err != nil {
		return nil, err
	}
	err = k.Allowances.Walk(ctx, nil, func(key collections.Triple[[]byte, sdk.AccAddress, sdk.AccAddress], amount math.Int) (bool, error) {
		p, err := types.PartitionFromBytes(key.K1())
		gs.Allowances = append(gs.Allowances, types.Allowance{Partition: p.String(), Owner: key.K2().String(), Spender: key.K3().String(), Amount: amount})
		return false, err
	})
	if err != nil {
		return nil, err
	}
	err = k.Operators.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, sdk.AccAddress]) (bool, error) {
		gs.Operators = append(gs.Operators, types.OperatorAuthorization{Holder: key.K1().String(), Operator: key.K2().String()})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.PartitionOperators.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, []byte, sdk.AccAddress]) (bool, error) {
		p, err := types.PartitionFromBytes(key.K2())
		gs.Operators = append(gs.Operators, types.OperatorAuthorization{Holder: key.K1().String(), Operator: key.K3().String(), Partition: p.String()})
		return false, err
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}

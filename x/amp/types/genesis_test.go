package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/ampchain/ampchain/x/amp/types"
)

func TestGenesisValidate(t *testing.T) {
	one := math.OneInt()
	bal := func(holder, partition string, amount math.Int) types.PartitionBalance {
		return types.PartitionBalance{Holder: holder, Partition: partition, Amount: amount}
	}
	tests := []struct {
		name    string
		gs      types.GenesisState
		wantErr bool
	}{
		{"empty", types.GenesisState{}, false},
		{"default", *types.DefaultGenesis(), false},
		{"full", types.GenesisState{
			Strategies:         types.DefaultGenesis().Strategies,
			CollateralManagers: []string{addrA, addrB},
			Balances:           []types.PartitionBalance{bal(addrA, part, one), bal(addrB, part, one), bal(addrA, part2, one)},
			Allowances: []types.Allowance{
				{Partition: types.DefaultPartition.String(), Owner: addrA, Spender: addrB, Amount: one},
				{Partition: part, Owner: addrA, Spender: addrB, Amount: one},
			},
			Operators: []types.OperatorAuthorization{
				{Holder: addrA, Operator: addrB},
				{Holder: addrA, Operator: addrB, Partition: part},
				{Holder: addrB, Operator: addrA, Partition: part},
			},
		}, false},

		{"zero prefix strategy", types.GenesisState{Strategies: []types.PartitionStrategy{{Prefix: "0x00000000", Strategy: "x"}}}, true},
		{"malformed prefix", types.GenesisState{Strategies: []types.PartitionStrategy{{Prefix: "0xabc", Strategy: "x"}}}, true},
		{"nameless strategy", types.GenesisState{Strategies: []types.PartitionStrategy{{Prefix: "0x12345678"}}}, true},
		{"prefix bound twice", types.GenesisState{Strategies: []types.PartitionStrategy{
			{Prefix: "0x12345678", Strategy: "a"}, {Prefix: "0x12345678", Strategy: "b"},
		}}, true},
		{"bad manager", types.GenesisState{CollateralManagers: []string{"nope"}}, true},
		{"manager twice", types.GenesisState{CollateralManagers: []string{addrA, addrA}}, true},
		{"balance in the default partition", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, types.DefaultPartition.String(), one)}}, true},
		{"zero balance", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, part, math.ZeroInt())}}, true},
		{"negative balance", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, part, math.NewInt(-1))}}, true},
		{"nil balance", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, part, math.Int{})}}, true},
		{"balance listed twice", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, part, one), bal(addrA, part, one)}}, true},
		{"balance of a bad holder", types.GenesisState{Balances: []types.PartitionBalance{bal("x", part, one)}}, true},
		{"balance in a bad partition", types.GenesisState{Balances: []types.PartitionBalance{bal(addrA, "0x01", one)}}, true},
		{"zero allowance", types.GenesisState{Allowances: []types.Allowance{{Partition: part, Owner: addrA, Spender: addrB, Amount: math.ZeroInt()}}}, true},
		{"allowance twice", types.GenesisState{Allowances: []types.Allowance{
			{Partition: part, Owner: addrA, Spender: addrB, Amount: one}, {Partition: part, Owner: addrA, Spender: addrB, Amount: one},
		}}, true},
		{"allowance bad spender", types.GenesisState{Allowances: []types.Allowance{{Partition: part, Owner: addrA, Spender: "", Amount: one}}}, true},
		{"allowance bad partition", types.GenesisState{Allowances: []types.Allowance{{Partition: "", Owner: addrA, Spender: addrB, Amount: one}}}, true},
		{"self operator", types.GenesisState{Operators: []types.OperatorAuthorization{{Holder: addrA, Operator: addrA}}}, true},
		{"operator twice", types.GenesisState{Operators: []types.OperatorAuthorization{{Holder: addrA, Operator: addrB}, {Holder: addrA, Operator: addrB}}}, true},
		{"operator bad partition", types.GenesisState{Operators: []types.OperatorAuthorization{{Holder: addrA, Operator: addrB, Partition: "0x"}}}, true},
		{"operator bad address", types.GenesisState{Operators: []types.OperatorAuthorization{{Holder: addrA, Operator: "op"}}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.gs.Validate()
			if !tc.wantErr {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
		})
	}
}

func TestDefaultGenesisShipsBuiltinStrategies(t *testing.T) {
	gs := types.DefaultGenesis()
	require.Equal(t, []types.PartitionStrategy{
		{Prefix: "0xcccccccc", Strategy: types.StrategyCollateralPool},
		{Prefix: "0xaaaaaaaa", Strategy: types.StrategyHolderCollateral},
	}, gs.Strategies)
	names := map[string]bool{}
	for _, s := range types.BuiltinStrategies() {
		names[s.Name()] = true
	}
	for _, s := range gs.Strategies {
		require.True(t, names[s.Strategy], "default genesis binds %q, which is built in", s.Strategy)
	}
}

package amp

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/ampchain/ampchain/x/amp/types"
)

// AutoCLIOptions names every command after the contract function it mirrors,
// in kebab-case with the contract's argument order. Partitions and prefixes
// are 0x-prefixed hex.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "BalanceOf", Use: "balance-of [holder]", Short: "Total AMP of holder over all partitions (default partition = bank balance)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "holder"}}},
				{RpcMethod: "BalanceOfByPartition", Use: "balance-of-by-partition [partition] [holder]", Short: "Holder's balance in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "holder"}}},
				{RpcMethod: "PartitionsOf", Use: "partitions-of [holder]", Short: "Partitions in which holder has a balance", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "holder"}}},
				{RpcMethod: "TotalSupply", Use: "total-supply", Short: "Total supply of aamp"},
				{RpcMethod: "TotalPartitions", Use: "total-partitions", Short: "Partitions with a non-zero supply (the default partition always)"},
				{RpcMethod: "TotalSupplyByPartition", Use: "total-supply-by-partition [partition]", Short: "Supply held in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}}},
				{RpcMethod: "IsOperator", Use: "is-operator [operator] [holder]", Short: "Whether operator may move all of holder's tokens", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}, {ProtoField: "holder"}}},
				{RpcMethod: "IsOperatorForPartition", Use: "is-operator-for-partition [partition] [operator] [holder]", Short: "Whether operator may move holder's tokens in partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "operator"}, {ProtoField: "holder"}}},
				{RpcMethod: "IsOperatorForCollateralManager", Use: "is-operator-for-collateral-manager [partition] [operator] [manager]", Short: "Whether operator acts for collateral manager in partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "operator"}, {ProtoField: "manager"}}},
				{RpcMethod: "Allowance", Use: "allowance [owner] [spender]", Short: "Default-partition allowance", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}, {ProtoField: "spender"}}},
				{RpcMethod: "AllowanceByPartition", Use: "allowance-by-partition [partition] [owner] [spender]", Short: "Allowance in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "owner"}, {ProtoField: "spender"}}},
				{RpcMethod: "CollateralManagers", Use: "collateral-managers", Short: "Registered collateral managers"},
				{RpcMethod: "IsCollateralManager", Use: "is-collateral-manager [address]", Short: "Whether address is a collateral manager", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "PartitionStrategies", Use: "partition-strategies", Short: "Prefixes bound to strategies"},
				{RpcMethod: "IsPartitionStrategy", Use: "is-partition-strategy [prefix]", Short: "Whether prefix has a strategy", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "prefix"}}},
				{RpcMethod: "TokenInfo", Use: "token-info", Short: "Name, symbol, decimals and granularity"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "TransferByPartition", Use: "transfer-by-partition [partition] [from] [to] [amount]", Short: "Move amount of a partition of from to to; the signer (--from) is the operator", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "from"}, {ProtoField: "to"}, {ProtoField: "amount"}}, FlagOptions: map[string]*autocliv1.FlagOptions{"to_partition": {Name: "to-partition"}, "data": {Name: "data"}, "operator_data": {Name: "operator-data"}}},
				{RpcMethod: "TransferFrom", Use: "transfer-from [from] [to] [amount]", Short: "Move default-partition tokens of from with your allowance or operator rights", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "from"}, {ProtoField: "to"}, {ProtoField: "amount"}}},
				{RpcMethod: "AuthorizeOperator", Use: "authorize-operator [operator]", Short: "Let operator move all your tokens in every partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}}},
				{RpcMethod: "RevokeOperator", Use: "revoke-operator [operator]", Short: "Withdraw operator's rights over all your partitions", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "operator"}}},
				{RpcMethod: "AuthorizeOperatorByPartition", Use: "authorize-operator-by-partition [partition] [operator]", Short: "Let operator move your tokens in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "operator"}}},
				{RpcMethod: "RevokeOperatorByPartition", Use: "revoke-operator-by-partition [partition] [operator]", Short: "Withdraw operator's rights over one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "operator"}}},
				{RpcMethod: "Approve", Use: "approve [spender] [amount]", Short: "Set spender's default-partition allowance (ERC-20 approve)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "spender"}, {ProtoField: "amount"}}},
				{RpcMethod: "IncreaseAllowance", Use: "increase-allowance [spender] [added-value]", Short: "Raise spender's default-partition allowance", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "spender"}, {ProtoField: "added_value"}}},
				{RpcMethod: "DecreaseAllowance", Use: "decrease-allowance [spender] [subtracted-value]", Short: "Lower spender's default-partition allowance", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "spender"}, {ProtoField: "subtracted_value"}}},
				{RpcMethod: "ApproveByPartition", Use: "approve-by-partition [partition] [spender] [amount]", Short: "Set spender's allowance in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "spender"}, {ProtoField: "amount"}}},
				{RpcMethod: "IncreaseAllowanceByPartition", Use: "increase-allowance-by-partition [partition] [spender] [added-value]", Short: "Raise spender's allowance in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "spender"}, {ProtoField: "added_value"}}},
				{RpcMethod: "DecreaseAllowanceByPartition", Use: "decrease-allowance-by-partition [partition] [spender] [subtracted-value]", Short: "Lower spender's allowance in one partition", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "spender"}, {ProtoField: "subtracted_value"}}},
				{RpcMethod: "RegisterCollateralManager", Use: "register-collateral-manager", Short: "Register the signer as a collateral manager (append-only)"},
				{RpcMethod: "SetPartitionStrategy", Use: "set-partition-strategy [prefix] [strategy]", Short: "Bind a 4-byte prefix to a strategy, once (chain authority only)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "prefix"}, {ProtoField: "strategy"}}},
			},
		},
	}
}

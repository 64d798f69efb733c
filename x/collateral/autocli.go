package collateral

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/ampchain/ampchain/x/collateral/types"
)

// AutoCLIOptions describes the commands autocli builds; create-manager,
// update-manager-rules and open-guarantee are hand-written in client/cli.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Manager", Use: "manager [address]", Short: "Show a manager", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "Managers", Use: "managers", Short: "List managers"},
				{RpcMethod: "Pool", Use: "pool [partition]", Short: "Show a pool", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}}},
				{RpcMethod: "Pools", Use: "pools", Short: "List pools (--manager to filter)"},
				{RpcMethod: "Position", Use: "position [partition] [staker]", Short: "A staker's shares and their value", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "staker"}}},
				{RpcMethod: "Guarantee", Use: "guarantee [id]", Short: "Show a guarantee", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}}},
				{RpcMethod: "Guarantees", Use: "guarantees", Short: "List guarantees (--partition, --status, --merchant, --processor)"},
				{RpcMethod: "Capacity", Use: "capacity [partition]", Short: "Free capacity in AMP and in the quote currency (--quote, default USD)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}}},
				{RpcMethod: "Rewards", Use: "rewards [partition] [staker]", Short: "Claimable fee rewards", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "staker"}}},
				{RpcMethod: "Withdrawals", Use: "withdrawals [staker]", Short: "Pending withdrawals", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "staker"}}},
				{RpcMethod: "Params", Use: "params", Short: "Module params"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "TransferOwnership", Use: "transfer-ownership [manager] [new-owner]", Short: "Hand a manager to a new owner (owner only)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "new_owner"}}},
				{RpcMethod: "SetRole", Use: "set-role [manager] [role] [address]", Short: "Grant a role: partition-manager, withdrawal-publisher, fallback-publisher, withdrawal-limit-publisher, direct-transferer, processor, attester", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "role"}, {ProtoField: "address"}}},
				{RpcMethod: "RemoveRole", Use: "remove-role [manager] [role] [address]", Short: "Revoke a role", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "role"}, {ProtoField: "address"}}},
				{RpcMethod: "AddPartition", Use: "add-partition [manager] [partition]", Short: "Permit a pool partition 0xcccccccc|sub|manager (owner or partition manager)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "partition"}}},
				{RpcMethod: "RemovePartition", Use: "remove-partition [manager] [partition]", Short: "Retire an empty pool", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "partition"}}},
				{RpcMethod: "Supply", Use: "supply [partition] [amount]", Short: "Stake aamp into a pool (0xcccccccc…) or as holder collateral (0xaaaaaaaa…)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "amount"}}},
				{RpcMethod: "RequestWithdrawal", Use: "request-withdrawal [partition] [amount]", Short: "Set aamp aside for payout after the unbonding period", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "amount"}}},
				{RpcMethod: "ClaimWithdrawals", Use: "claim-withdrawals", Short: "Collect every matured withdrawal"},
				{RpcMethod: "ClaimRewards", Use: "claim-rewards [partition]", Short: "Collect your fee rewards of a pool", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}}},
				{RpcMethod: "AttestSettlement", Use: "attest-settlement [guarantee-id] [outcome]", Short: "Attest the external payment: confirmed or failed", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "guarantee_id"}, {ProtoField: "outcome"}}},
				{RpcMethod: "LiquidateExpired", Use: "liquidate-expired [guarantee-id]", Short: "Liquidate an open guarantee past its deadline", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "guarantee_id"}}},
				{RpcMethod: "ModifyWithdrawalLimit", Use: "modify-withdrawal-limit [manager] [signed-amount]", Short: "Raise (+N) or lower (-N) the withdrawal limit", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "manager"}, {ProtoField: "amount"}}},
				{RpcMethod: "DirectTransfer", Use: "direct-transfer [partition] [to] [amount]", Short: "Move free pool aamp to an address within the withdrawal limit", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "to"}, {ProtoField: "amount"}}},
				{RpcMethod: "RequestRelease", Use: "request-release [partition] [amount]", Short: "Ask the manager to release supplied aamp", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "partition"}, {ProtoField: "amount"}}},
				{RpcMethod: "CreateManager", Skip: true},
				{RpcMethod: "UpdateManagerRules", Skip: true},
				{RpcMethod: "OpenGuarantee", Skip: true},
				{RpcMethod: "UpdateParams", Use: "update-params [params-json]", Short: "Replace the module params (gov)", PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}}},
			},
		},
	}
}

package poa

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/ampchain/ampchain/x/poa/types"
)

// AutoCLIOptions describes the module's CLI for autocli.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Validators", Use: "validators", Short: "List validators and candidates"},
				{
					RpcMethod: "Validator", Use: "validator [validator-address]", Short: "Show one validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator_address"}},
				},
				{RpcMethod: "Params", Use: "params", Short: "Show the module's params (the admin)"},
				{
					RpcMethod: "OutstandingFees", Use: "outstanding-fees [validator-address]", Short: "Show the fees a validator can withdraw",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator_address"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "CreateValidator", Skip: true},
				{
					RpcMethod: "SetValidatorPower", Use: "set-validator-power [validator-address] [power]",
					Short:          "Set a validator's voting power; 0 makes it a candidate again (admin only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator_address"}, {ProtoField: "power"}},
				},
				{
					RpcMethod: "RemoveValidator", Use: "remove-validator [validator-address]",
					Short:          "Remove a validator or candidate (admin only)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator_address"}},
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [params-json]",
					Short:          `Replace the params, e.g. '{"admin":"amp1…"}' (admin only)`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
				},
				{RpcMethod: "WithdrawFees", Use: "withdraw-fees", Short: "Withdraw the fees your validator has earned"},
			},
		},
	}
}

package oracle

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// AutoCLIOptions describes the module's CLI for autocli.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Price", Use: "price [pair]",
					Short:          "Show a pair's stored price, when it was stored and whether it is stale, e.g. price AMP/USD",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}},
				},
				{RpcMethod: "Prices", Use: "prices", Short: "List every stored price"},
				{
					RpcMethod: "Pair", Use: "pair [pair]", Short: "Show a registered pair and its limits",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}},
				},
				{RpcMethod: "Pairs", Use: "pairs", Short: "List the registered pairs and their limits"},
				{RpcMethod: "Params", Use: "params", Short: "Show the module's params (publisher fallback on or off)"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "SetPrice", Use: "set-price [pair] [price]",
					Short:          "Set a pair's price as its publisher (only while params.publisher_fallback is on)",
					Example:        "ampd tx oracle set-price AMP/USD 0.0123 --from publisher",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}, {ProtoField: "price"}},
				},
				{
					RpcMethod: "SetPair", Use: "set-pair [pair] [max-age] [max-move]",
					Short: "Propose to add or update a pair (authority: governance); --min-power defaults to 2/3",
					Example: "ampd tx oracle set-pair BTC/USD 60s 0.10 --min-power 0.75 --publisher amp1… " +
						"--title 'BTC/USD' --summary 'track BTC/USD' --deposit 1000000000000000000000aamp --from validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}, {ProtoField: "max_age"}, {ProtoField: "max_move"}},
					GovProposal:    true,
				},
				{
					RpcMethod: "RemovePair", Use: "remove-pair [pair]",
					Short:          "Propose to remove a pair and its price (authority: governance)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "pair"}},
					GovProposal:    true,
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params [params-json]",
					Short:          `Propose new params, e.g. '{"publisher_fallback":true}' (authority: governance)`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}

package app

import (
	"fmt"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/baseapp/txnrunner"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"

	oracleabci "github.com/ampchain/ampchain/x/oracle/abci"
	"github.com/ampchain/ampchain/x/oracle/pricefeed"
)

// setOracleABCI wires x/oracle into ABCI++:
//
//   - ExtendVote: the node puts its prices (from the [oracle] source in
//     app.toml) for the registered pairs in its vote extension;
//   - VerifyVoteExtension: malformed extensions are rejected;
//   - PrepareProposal: once vote extensions are on, the proposer checks the
//     extended commit (signatures by x/poa's consensus keys, >= 2/3 power)
//     and puts the power-weighted medians, with the commit, first in the
//     block behind a prefix no transaction can start with;
//   - ProcessProposal: every validator recomputes them and rejects a block
//     whose payload differs, is missing, or sits anywhere but first;
//   - PreBlocker (App.PreBlocker): the prices are stored, move limits apply;
//   - the tx runner gives the payload a successful "not a transaction"
//     result instead of executing it, so it never disturbs FinalizeBlock.
//
// The default mempool-driven proposal handlers do the rest of the block.
func (app *App) setOracleABCI(appOpts servertypes.AppOptions, logger log.Logger) {
	cfg, err := pricefeed.ReadConfig(appOpts)
	if err != nil {
		panic(fmt.Errorf("app.toml [oracle]: %w", err))
	}
	provider, err := pricefeed.New(cfg)
	if err != nil {
		panic(fmt.Errorf("app.toml [oracle]: %w", err))
	}
	if provider != nil {
		logger.Info("oracle: reporting prices from " + provider.String())
	}
	app.oracleABCI = oracleabci.NewHandler(logger, app.OracleKeeper, app.PoAKeeper, provider)

	proposals := baseapp.NewDefaultProposalHandler(app.Mempool(), app)
	app.SetExtendVoteHandler(app.oracleABCI.ExtendVoteHandler())
	app.SetVerifyVoteExtensionHandler(app.oracleABCI.VerifyVoteExtensionHandler())
	app.SetPrepareProposal(app.oracleABCI.PrepareProposalHandler(proposals.PrepareProposalHandler()))
	app.SetProcessProposal(app.oracleABCI.ProcessProposalHandler(proposals.ProcessProposalHandler()))
	app.SetBlockSTMTxRunner(oracleabci.NewTxRunner(txnrunner.NewDefaultRunner(app.txConfig.TxDecoder())))
}

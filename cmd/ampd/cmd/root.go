// Package cmd builds ampd's command tree.
package cmd

import (
	"os"

	"github.com/spf13/cobra"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/module"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"

	"github.com/ampchain/ampchain/app"
	oraclecli "github.com/ampchain/ampchain/x/oracle/client/cli"
	poacli "github.com/ampchain/ampchain/x/poa/client/cli"
)

// NewRootCmd returns ampd's root command.
func NewRootCmd() *cobra.Command {
	// A throw-away app supplies the codecs and the modules' CLI descriptions.
	tempHome, err := os.MkdirTemp("", "ampd-cli")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tempHome)
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(tempHome))

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithTxConfig(tempApp.TxConfig()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome).
		WithViper("AMPD")

	rootCmd := &cobra.Command{
		Use:           app.Name,
		Short:         "AMP sidechain node and client",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())

			clientCtx := initClientCtx.WithCmdContext(cmd.Context())
			clientCtx, err := client.ReadPersistentCommandFlags(clientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			clientCtx, err = config.ReadFromClientConfig(clientCtx)
			if err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
				return err
			}
			template, appCfg := appConfig()
			return server.InterceptConfigsPreRunHandler(cmd, template, appCfg, cometConfig())
		},
	}

	basics := tempApp.BasicModuleManager
	rootCmd.AddCommand(
		genutilcli.InitCmd(basics, app.DefaultNodeHome),
		debug.Cmd(),
		pruning.Cmd(newApp, app.DefaultNodeHome),
		snapshot.Cmd(newApp),
	)
	server.AddCommandsWithStartCmdOptions(rootCmd, app.DefaultNodeHome, newApp, exportApp, server.StartCmdOptions{})
	rootCmd.AddCommand(
		server.StatusCommand(),
		genesisCommand(tempApp.TxConfig(), basics),
		queryCommand(),
		txCommand(),
		keys.Commands(),
	)

	autoCliOpts := tempApp.AutoCliOpts()
	autoCliOpts.ClientCtx = initClientCtx
	if err := autoCliOpts.EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	setChainIDDefault(rootCmd)
	return rootCmd
}

// setChainIDDefault makes `ampd init` default to the local chain id.
func setChainIDDefault(rootCmd *cobra.Command) {
	for _, c := range rootCmd.Commands() {
		if c.Name() == "init" {
			if f := c.Flags().Lookup(flags.FlagChainID); f != nil {
				f.DefValue = app.DefaultChainID
				_ = f.Value.Set(app.DefaultChainID)
			}
		}
	}
}

func genesisCommand(txConfig client.TxConfig, basics module.BasicManager) *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "genesis",
		Short:                      "Build and check genesis.json",
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	addressCodec := txConfig.SigningContext().AddressCodec()
	cmd.AddCommand(
		genutilcli.AddGenesisAccountCmd(app.DefaultNodeHome, addressCodec),
		genutilcli.AddBulkGenesisAccountCmd(app.DefaultNodeHome, addressCodec),
		genutilcli.ValidateGenesisCmd(basics),
		genutilcli.MigrateGenesisCmd(genutilcli.MigrationMap),
		poacli.AddPoAValidatorCmd(app.DefaultNodeHome),
		poacli.SetPoAAdminCmd(app.DefaultNodeHome),
		oraclecli.AddOraclePairCmd(app.DefaultNodeHome),
		oraclecli.SetOraclePublisherFallbackCmd(app.DefaultNodeHome),
		oraclecli.SetVoteExtensionsHeightCmd(app.DefaultNodeHome),
	)
	return cmd
}

func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "query",
		Aliases:                    []string{"q"},
		Short:                      "Querying subcommands",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.QueryEventForTxCmd(),
		server.QueryBlockCmd(),
		server.QueryBlocksCmd(),
		server.QueryBlockResultsCmd(),
		authcmd.QueryTxsByEventsCmd(),
		authcmd.QueryTxCmd(),
	)
	return cmd
}

func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "tx",
		Short:                      "Transactions subcommands",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetMultiSignBatchCmd(),
		authcmd.GetValidateSignaturesCommand(),
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

func newApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	return app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
}

func exportApp(
	logger log.Logger, db dbm.DB, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	a := app.New(logger, db, height == -1, appOpts)
	if height != -1 {
		if err := a.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	return a.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}

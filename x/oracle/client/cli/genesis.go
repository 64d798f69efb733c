// Package cli holds x/oracle's genesis commands; its transactions and
// queries come from autocli (see ../autocli.go).
package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	sdk "github.com/cosmos/cosmos-sdk/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/ampchain/ampchain/internal/genesisfile"
	"github.com/ampchain/ampchain/x/oracle/types"
)

const (
	flagMinPower  = "min-power"
	flagPublisher = "publisher"
)

// AddOraclePairCmd registers a price pair in genesis.json.
func AddOraclePairCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add-oracle-pair [pair] [max-age] [max-move]",
		Short: "Register a price pair in genesis.json, e.g. add-oracle-pair AMP/USD 60s 0.10",
		Long: `Register a price pair with its limits in the oracle genesis state (or update it):
  max-age   how long a stored price may be used, e.g. 60s
  max-move  the largest change one update may make, as a fraction (0.10 = 10 %)
  --min-power  the fraction of validator power that must report it (default 2/3)
  --publisher  the account that may set it by transaction in publisher-fallback mode`,
		Args:         cobra.ExactArgs(3),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			maxAge, err := time.ParseDuration(args[1])
			if err != nil {
				return fmt.Errorf("max-age %q: %w", args[1], err)
			}
			maxMove, err := math.LegacyNewDecFromStr(args[2])
			if err != nil {
				return fmt.Errorf("max-move %q: %w", args[2], err)
			}
			minPower := math.LegacyZeroDec()
			if s, _ := cmd.Flags().GetString(flagMinPower); s != "" {
				if minPower, err = math.LegacyNewDecFromStr(s); err != nil {
					return fmt.Errorf("--%s %q: %w", flagMinPower, s, err)
				}
			}
			publisher, _ := cmd.Flags().GetString(flagPublisher)
			if publisher != "" {
				if _, err := sdk.AccAddressFromBech32(publisher); err != nil {
					return fmt.Errorf("--%s %q: %w", flagPublisher, publisher, err)
				}
			}
			pair := types.NewPair(args[0], maxAge, maxMove, minPower, publisher)
			if err := pair.Validate(); err != nil {
				return err
			}
			return updateOracleGenesis(clientCtx, func(gs *types.GenesisState) error {
				replaced := false
				for i := range gs.Pairs {
					if gs.Pairs[i].Name == pair.Name {
						gs.Pairs[i], replaced = pair, true
					}
				}
				if !replaced {
					gs.Pairs = append(gs.Pairs, pair)
				}
				return gs.Validate()
			})
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	cmd.Flags().String(flagMinPower, "", "fraction of the validator power that must report the pair (default 2/3)")
	cmd.Flags().String(flagPublisher, "", "account that may set the price in publisher-fallback mode")
	return cmd
}

// SetOraclePublisherFallbackCmd sets params.publisher_fallback in genesis.json.
func SetOraclePublisherFallbackCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:          "set-oracle-publisher-fallback [true|false]",
		Short:        "Let pair publishers set prices by transaction instead of vote extensions (genesis.json)",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			on, err := strconv.ParseBool(args[0])
			if err != nil {
				return fmt.Errorf("%q: want true or false", args[0])
			}
			return updateOracleGenesis(client.GetClientContextFromCmd(cmd), func(gs *types.GenesisState) error {
				gs.Params.PublisherFallback = on
				return gs.Validate()
			})
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	return cmd
}

// SetVoteExtensionsHeightCmd sets the consensus params' vote-extension
// enable height in genesis.json. x/oracle's prices come from vote
// extensions; blocks after this height carry them.
func SetVoteExtensionsHeightCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:          "set-vote-extensions-height [height]",
		Short:        "Enable CometBFT vote extensions (the oracle's price reports) from a height (genesis.json; 0 = off)",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			height, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || height < 0 {
				return fmt.Errorf("height %q: want a non-negative integer", args[0])
			}
			genFile := genesisfile.Path(client.GetClientContextFromCmd(cmd))
			appGenesis, err := genutiltypes.AppGenesisFromFile(genFile)
			if err != nil {
				return fmt.Errorf("read %s: %w", genFile, err)
			}
			if appGenesis.Consensus == nil || appGenesis.Consensus.Params == nil {
				return fmt.Errorf("%s has no consensus params", genFile)
			}
			appGenesis.Consensus.Params.ABCI.VoteExtensionsEnableHeight = height
			if err := appGenesis.Consensus.Params.ValidateBasic(); err != nil {
				return err
			}
			return appGenesis.SaveAs(genFile)
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	return cmd
}

func updateOracleGenesis(clientCtx client.Context, update func(*types.GenesisState) error) error {
	return genesisfile.UpdateModule(clientCtx, types.ModuleName, types.DefaultGenesis(), update)
}

package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// FlagPubKey names the consensus key as JSON, like x/staking's flag.
const FlagPubKey = "pubkey"

// NewTxCmd is the root of `ampd tx poa`.
func NewTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Permissioned validator set transactions",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(NewCreateValidatorCmd())
	return cmd
}

// NewCreateValidatorCmd registers the signer as a candidate.
func NewCreateValidatorCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create-validator [moniker]",
		Short: "Register as a validator candidate (power 0 until the admin activates it)",
		Long: `Register the --from account as a validator candidate. The consensus key is
read from this node's priv_validator_key.json under --home unless --pubkey gives it
as JSON, e.g. --pubkey "$(ampd comet show-validator)".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			pubKeyJSON, _ := cmd.Flags().GetString(FlagPubKey)
			pk, err := ResolveConsensusPubKey(clientCtx, pubKeyJSON)
			if err != nil {
				return err
			}
			msg, err := types.NewMsgCreateValidator(clientCtx.GetFromAddress(), pk, args[0])
			if err != nil {
				return err
			}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().String(FlagPubKey, "", "consensus public key as JSON (default: this node's priv_validator_key.json)")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// ResolveConsensusPubKey parses pubKeyJSON or, when it is empty, reads the
// node key file under the client's home.
func ResolveConsensusPubKey(clientCtx client.Context, pubKeyJSON string) (cryptotypes.PubKey, error) {
	if pubKeyJSON != "" {
		var pk cryptotypes.PubKey
		if err := clientCtx.Codec.UnmarshalInterfaceJSON([]byte(pubKeyJSON), &pk); err != nil {
			return nil, fmt.Errorf("--%s: %w", FlagPubKey, err)
		}
		return pk, nil
	}
	return ReadNodeConsensusPubKey(filepath.Join(clientCtx.HomeDir, "config", "priv_validator_key.json"))
}

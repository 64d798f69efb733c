package cli

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/internal/genesisfile"
	"github.com/ampchain/ampchain/x/poa/types"
)

const flagMoniker = "moniker"

// AddPoAValidatorCmd puts a validator straight into genesis.json: the
// permissioned set needs no gentx.
func AddPoAValidatorCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add-poa-validator [operator-address-or-key-name] [power]",
		Short: "Add a genesis validator to genesis.json (no gentx needed)",
		Long: `Add a validator with the given power to the poa genesis state. The consensus key is
this node's priv_validator_key.json under --home unless --pubkey gives it as JSON.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			operator, err := resolveAddress(cmd, clientCtx, args[0])
			if err != nil {
				return err
			}
			power, err := strconv.ParseInt(args[1], 10, 64)
			if err != nil {
				return fmt.Errorf("power %q: not an integer", args[1])
			}
			if err := types.ValidatePower(power); err != nil {
				return fmt.Errorf("power: %w", err)
			}
			moniker, _ := cmd.Flags().GetString(flagMoniker)
			pubKeyJSON, _ := cmd.Flags().GetString(FlagPubKey)
			pk, err := ResolveConsensusPubKey(clientCtx, pubKeyJSON)
			if err != nil {
				return err
			}
			v, err := types.NewValidator(sdk.ValAddress(operator), pk, moniker, power)
			if err != nil {
				return err
			}
			return updatePoAGenesis(clientCtx, func(gs *types.GenesisState) error {
				gs.Validators = append(gs.Validators, v)
				return gs.Validate()
			})
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "Select keyring's backend (os|file|kwallet|pass|test)")
	cmd.Flags().String(flagMoniker, "validator", "the validator's name")
	cmd.Flags().String(FlagPubKey, "", "consensus public key as JSON (default: this node's priv_validator_key.json)")
	return cmd
}

// SetPoAAdminCmd names the admin in genesis.json.
func SetPoAAdminCmd(defaultNodeHome string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "set-poa-admin [address-or-key-name]",
		Short: "Set the validator-set admin in genesis.json (a key, a multisig or the gov module)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			admin, err := resolveAddress(cmd, clientCtx, args[0])
			if err != nil {
				return err
			}
			return updatePoAGenesis(clientCtx, func(gs *types.GenesisState) error {
				gs.Params.Admin = admin.String()
				return gs.Validate()
			})
		},
	}
	cmd.Flags().String(flags.FlagHome, defaultNodeHome, "The application home directory")
	cmd.Flags().String(flags.FlagKeyringBackend, flags.DefaultKeyringBackend, "Select keyring's backend (os|file|kwallet|pass|test)")
	return cmd
}

// resolveAddress accepts a bech32 account address or a key name in the keyring.
func resolveAddress(cmd *cobra.Command, clientCtx client.Context, arg string) (sdk.AccAddress, error) {
	if addr, err := sdk.AccAddressFromBech32(arg); err == nil {
		return addr, nil
	}
	backend, _ := cmd.Flags().GetString(flags.FlagKeyringBackend)
	kr, err := keyring.New(sdk.KeyringServiceName(), backend, clientCtx.HomeDir, bufio.NewReader(cmd.InOrStdin()), clientCtx.Codec)
	if err != nil {
		return nil, err
	}
	record, err := kr.Key(arg)
	if err != nil {
		return nil, fmt.Errorf("%q is neither an amp1… address nor a key in the keyring: %w", arg, err)
	}
	return record.GetAddress()
}

func updatePoAGenesis(clientCtx client.Context, update func(*types.GenesisState) error) error {
	return genesisfile.UpdateModule(clientCtx, types.ModuleName, &types.GenesisState{}, update)
}

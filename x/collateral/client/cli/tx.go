// Package cli holds the collateral commands autocli cannot express: rules
// as one flag each, and a guarantee's value with its quote currency.
package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/collateral/types"
)

const (
	flagCollateralRatio      = "collateral-ratio"
	flagFeeBps               = "fee-bps"
	flagCommission           = "commission"
	flagUnbondingPeriod      = "unbonding-period"
	flagMaxGuaranteeDuration = "max-guarantee-duration"
	flagWithdrawalLimit      = "withdrawal-limit"
	flagFallbackDelay        = "fallback-delay"
	flagAttesterThreshold    = "attester-threshold"
	flagSourceChain          = "source-chain"
	flagAsset                = "asset"
	flagPaymentRef           = "payment-ref"
	flagDeadline             = "deadline"
)

// NewTxCmd is the root of `ampd tx collateral`; autocli adds the rest.
func NewTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Collateral managers, pools and guarantees",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(newCreateManagerCmd(), newUpdateManagerRulesCmd(), newOpenGuaranteeCmd())
	return cmd
}

func addRuleFlags(fs *pflag.FlagSet) {
	d := types.DefaultRules()
	fs.String(flagCollateralRatio, d.CollateralRatio.String(), "AMP locked per unit of guaranteed value (≥ 1)")
	fs.Uint32(flagFeeBps, d.FeeBps, "merchant fee in basis points of the guaranteed value")
	fs.String(flagCommission, d.Commission.String(), "owner's share of every fee, 0 to 1")
	fs.Duration(flagUnbondingPeriod, d.UnbondingPeriod, "wait between a withdrawal request and its payout (≥ max guarantee duration)")
	fs.Duration(flagMaxGuaranteeDuration, d.MaxGuaranteeDuration, "longest deadline a guarantee may have")
	fs.Duration(flagFallbackDelay, d.FallbackDelay, "Flexa fallback delay")
	fs.Uint32(flagAttesterThreshold, d.AttesterThreshold, "distinct attesters needed to resolve a guarantee")
}

func readRules(fs *pflag.FlagSet) (types.ManagerRules, error) {
	var r types.ManagerRules
	var err error
	ratio, _ := fs.GetString(flagCollateralRatio)
	if r.CollateralRatio, err = math.LegacyNewDecFromStr(ratio); err != nil {
		return r, fmt.Errorf("--%s %q: %w", flagCollateralRatio, ratio, err)
	}
	commission, _ := fs.GetString(flagCommission)
	if r.Commission, err = math.LegacyNewDecFromStr(commission); err != nil {
		return r, fmt.Errorf("--%s %q: %w", flagCommission, commission, err)
	}
	r.FeeBps, _ = fs.GetUint32(flagFeeBps)
	r.UnbondingPeriod, _ = fs.GetDuration(flagUnbondingPeriod)
	r.MaxGuaranteeDuration, _ = fs.GetDuration(flagMaxGuaranteeDuration)
	r.FallbackDelay, _ = fs.GetDuration(flagFallbackDelay)
	r.AttesterThreshold, _ = fs.GetUint32(flagAttesterThreshold)
	return r, r.Validate()
}

func newCreateManagerCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create-manager",
		Short: "Create a collateral manager owned by --from; its address is derived and registered with x/amp",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			rules, err := readRules(cmd.Flags())
			if err != nil {
				return err
			}
			limitStr, _ := cmd.Flags().GetString(flagWithdrawalLimit)
			limit, ok := math.NewIntFromString(limitStr)
			if !ok {
				return fmt.Errorf("--%s %q: not an integer amount of aamp", flagWithdrawalLimit, limitStr)
			}
			msg := &types.MsgCreateManager{Owner: clientCtx.GetFromAddress().String(), Rules: rules, WithdrawalLimit: limit}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	addRuleFlags(cmd.Flags())
	cmd.Flags().String(flagWithdrawalLimit, "0", "initial withdrawal limit in aamp")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func newUpdateManagerRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update-manager-rules [manager]",
		Short: "Replace a manager's rules (owner only); unset flags take their defaults",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			if _, err := sdk.AccAddressFromBech32(args[0]); err != nil {
				return fmt.Errorf("manager %q: %w", args[0], err)
			}
			rules, err := readRules(cmd.Flags())
			if err != nil {
				return err
			}
			msg := &types.MsgUpdateManagerRules{Owner: clientCtx.GetFromAddress().String(), Manager: args[0], Rules: rules}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	addRuleFlags(cmd.Flags())
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func newOpenGuaranteeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "open-guarantee [partition] [merchant] [value] [quote]",
		Short: "Lock AMP for a merchant's payment, e.g. open-guarantee 0xcccc… amp1… 25.90 USD --source-chain ethereum --asset USDC --payment-ref 0xabc… --deadline 10m",
		Args:  cobra.ExactArgs(4),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			value, err := math.LegacyNewDecFromStr(args[2])
			if err != nil {
				return fmt.Errorf("value %q: %w", args[2], err)
			}
			deadline, err := parseDeadline(cmd)
			if err != nil {
				return err
			}
			source, _ := cmd.Flags().GetString(flagSourceChain)
			asset, _ := cmd.Flags().GetString(flagAsset)
			ref, _ := cmd.Flags().GetString(flagPaymentRef)
			msg := &types.MsgOpenGuarantee{
				Processor: clientCtx.GetFromAddress().String(), Partition: args[0], Merchant: args[1],
				Value: value, Quote: args[3], Deadline: deadline,
				Payment: types.ExternalPayment{SourceChain: source, Asset: asset, Reference: ref},
			}
			if err := msg.ValidateBasic(); err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	cmd.Flags().String(flagSourceChain, "", "chain the payment settles on, e.g. ethereum or bitcoin")
	cmd.Flags().String(flagAsset, "", "asset paid, e.g. ETH, USDC, BTC")
	cmd.Flags().String(flagPaymentRef, "", "the payment's transaction reference on its chain")
	cmd.Flags().String(flagDeadline, "10m", "deadline: a duration from now (10m) or an RFC 3339 time")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// parseDeadline reads --deadline as a duration from now or an RFC 3339 time.
func parseDeadline(cmd *cobra.Command) (time.Time, error) {
	s, _ := cmd.Flags().GetString(flagDeadline)
	if d, err := time.ParseDuration(s); err == nil {
		return time.Now().Add(d).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--%s %q: neither a duration nor an RFC 3339 time", flagDeadline, s)
	}
	return t.UTC(), nil
}

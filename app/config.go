package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// Name is the application's name.
	Name = "ampd"

	// AccountAddressPrefix is the bech32 prefix of accounts (amp1…).
	AccountAddressPrefix = "amp"

	// BondDenom is AMP's base denomination: 1 AMP = 10^18 aamp, one-to-one
	// with the ERC-20's base units.
	BondDenom = "aamp"
	// DisplayDenom is the unit wallets show.
	DisplayDenom = "AMP"
	// DenomExponent is the number of decimals between aamp and AMP.
	DenomExponent = 18

	// DefaultChainID is the chain id localnets use.
	DefaultChainID = "ampchain-local-1"
)

var (
	AccountPubKeyPrefix    = AccountAddressPrefix + "pub"
	ValidatorAddressPrefix = AccountAddressPrefix + "valoper"
	ValidatorPubKeyPrefix  = AccountAddressPrefix + "valoperpub"
	ConsNodeAddressPrefix  = AccountAddressPrefix + "valcons"
	ConsNodePubKeyPrefix   = AccountAddressPrefix + "valconspub"
)

// The SDK keeps bech32 prefixes in a process-wide config that its address
// types read; setting it at package load makes every binary and test that
// links the app agree on amp1… addresses.
func init() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(AccountAddressPrefix, AccountPubKeyPrefix)
	cfg.SetBech32PrefixForValidator(ValidatorAddressPrefix, ValidatorPubKeyPrefix)
	cfg.SetBech32PrefixForConsensusNode(ConsNodeAddressPrefix, ConsNodePubKeyPrefix)
	cfg.Seal()
}

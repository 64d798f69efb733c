package app

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"cosmossdk.io/math"
)

// GenesisState is the app state at genesis, keyed by module name.
type GenesisState map[string]json.RawMessage

// AMPMetadata describes aamp/AMP for wallets: 18 decimals, like the ERC-20.
func AMPMetadata() banktypes.Metadata {
	return banktypes.Metadata{
		Description: "AMP, the collateral token, mirrored 1:1 from the Ethereum ERC-20",
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: BondDenom, Exponent: 0, Aliases: []string{"attoamp"}},
			{Denom: DisplayDenom, Exponent: DenomExponent},
		},
		Base:    BondDenom,
		Display: DisplayDenom,
		Name:    "Amp",
		Symbol:  DisplayDenom,
	}
}

// NewDefaultGenesisState is every module's default genesis, with bank
// describing aamp and governance deposits in aamp.
func NewDefaultGenesisState(cdc codec.JSONCodec, basics module.BasicManager) GenesisState {
	genesis := basics.DefaultGenesis(cdc)

	var bankGenesis banktypes.GenesisState
	cdc.MustUnmarshalJSON(genesis[banktypes.ModuleName], &bankGenesis)
	bankGenesis.DenomMetadata = append(bankGenesis.DenomMetadata, AMPMetadata())
	genesis[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGenesis)

	var govGenesis govv1.GenesisState
	cdc.MustUnmarshalJSON(genesis[govtypes.ModuleName], &govGenesis)
	// 1,000 AMP to put a proposal to the validators; 1 AMP to open one.
	oneAMP := math.NewIntWithDecimal(1, DenomExponent)
	govGenesis.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, oneAMP.MulRaw(1000)))
	govGenesis.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, oneAMP.MulRaw(5000)))
	genesis[govtypes.ModuleName] = cdc.MustMarshalJSON(&govGenesis)
	return genesis
}

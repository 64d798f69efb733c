// Package apptesting builds AMP sidechain apps and genesis states for tests.
package apptesting

import (
	"encoding/json"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app"
	poatypes "github.com/ampchain/ampchain/x/poa/types"
)

// ChainID is the chain id test apps run under.
const ChainID = app.DefaultChainID

// OneAMP is 10^18 aamp.
var OneAMP = math.NewIntWithDecimal(1, app.DenomExponent)

// AMP returns n whole AMP as coins.
func AMP(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewCoin(app.BondDenom, OneAMP.MulRaw(n))) }

// Account is a funded test account.
type Account struct {
	Key     cryptotypes.PrivKey
	Address sdk.AccAddress
}

// NewAccount derives an account deterministically from seed.
func NewAccount(seed string) Account {
	key := secp256k1.GenPrivKeyFromSecret([]byte(seed))
	return Account{Key: key, Address: sdk.AccAddress(key.PubKey().Address())}
}

// Validator is a genesis validator: an operator account and a consensus key.
type Validator struct {
	Account
	Moniker string
	ConsKey cryptotypes.PrivKey
	Power   int64
}

// ValAddress is the validator's operator address.
func (v Validator) ValAddress() sdk.ValAddress { return sdk.ValAddress(v.Address) }

// ConsAddress is the address CometBFT knows the validator by.
func (v Validator) ConsAddress() sdk.ConsAddress {
	return sdk.ConsAddress(v.ConsKey.PubKey().Address())
}

// NewValidator derives a validator deterministically from seed.
func NewValidator(seed string, power int64) Validator {
	return Validator{
		Account: NewAccount("operator/" + seed),
		Moniker: seed,
		ConsKey: ed25519.GenPrivKeyFromSecret([]byte("consensus/" + seed)),
		Power:   power,
	}
}

// Options shape a test genesis.
type Options struct {
	// Validators form the genesis set; each operator gets FundEach.
	Validators []Validator
	// Accounts are extra funded accounts.
	Accounts []Account
	// FundEach is every account's genesis balance; default 1,000,000 AMP.
	FundEach sdk.Coins
	// Admin of x/poa; default the first validator's operator.
	Admin sdk.AccAddress
	// Modify edits the genesis state last.
	Modify func(cdc codec.JSONCodec, genesis app.GenesisState)
}

// GenesisState builds the app state Options describe.
func GenesisState(t testing.TB, a *app.App, opts Options) app.GenesisState {
	t.Helper()
	cdc := a.AppCodec()
	genesis := a.DefaultGenesis()
	fund := opts.FundEach
	if fund.Empty() {
		fund = AMP(1_000_000)
	}

	accounts := append([]Account{}, opts.Accounts...)
	poaGenesis := poatypes.GenesisState{}
	for _, v := range opts.Validators {
		accounts = append(accounts, v.Account)
		pv, err := poatypes.NewValidator(v.ValAddress(), v.ConsKey.PubKey(), v.Moniker, v.Power)
		require.NoError(t, err)
		poaGenesis.Validators = append(poaGenesis.Validators, pv)
	}
	admin := opts.Admin
	if admin == nil && len(opts.Validators) > 0 {
		admin = opts.Validators[0].Address
	}
	poaGenesis.Params = poatypes.NewParams(admin.String())
	genesis[poatypes.ModuleName] = cdc.MustMarshalJSON(&poaGenesis)

	var authGenesis authtypes.GenesisState
	cdc.MustUnmarshalJSON(genesis[authtypes.ModuleName], &authGenesis)
	var bankGenesis banktypes.GenesisState
	cdc.MustUnmarshalJSON(genesis[banktypes.ModuleName], &bankGenesis)
	for i, acc := range accounts {
		packed, err := authtypes.PackAccounts(authtypes.GenesisAccounts{authtypes.NewBaseAccount(acc.Address, nil, uint64(i), 0)})
		require.NoError(t, err)
		authGenesis.Accounts = append(authGenesis.Accounts, packed...)
		bankGenesis.Balances = append(bankGenesis.Balances, banktypes.Balance{Address: acc.Address.String(), Coins: fund})
		bankGenesis.Supply = bankGenesis.Supply.Add(fund...)
	}
	genesis[authtypes.ModuleName] = cdc.MustMarshalJSON(&authGenesis)
	genesis[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGenesis)

	if opts.Modify != nil {
		opts.Modify(cdc, genesis)
	}
	return genesis
}

// NewApp returns an app over an in-memory database, before InitChain.
func NewApp(t testing.TB) *app.App {
	t.Helper()
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(ChainID))
}

// Setup returns an app that has run InitChain with the genesis Options
// describe; a.NewContext(false) is then a writable context for block 1.
func Setup(t testing.TB, opts Options) (*app.App, app.GenesisState) {
	t.Helper()
	a := NewApp(t)
	genesis := GenesisState(t, a, opts)
	InitChain(t, a, genesis)
	return a, genesis
}

// InitChain runs InitChain with genesis and the default consensus params.
func InitChain(t testing.TB, a *app.App, genesis app.GenesisState) *abci.ResponseInitChain {
	t.Helper()
	stateBytes, err := json.Marshal(genesis)
	require.NoError(t, err)
	res, err := a.InitChain(&abci.RequestInitChain{
		ChainId:         ChainID,
		Time:            time.Unix(1_700_000_000, 0).UTC(),
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   stateBytes,
		InitialHeight:   1,
	})
	require.NoError(t, err)
	return res
}

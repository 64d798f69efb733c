// Package bench measures the chain the way a payment processor meets it:
// pre-signed transactions broadcast to a live node, each timed from
// broadcast to the block that commits it.
package bench

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// Account is a load-generating account whose transactions are signed
// before the clock starts.
type Account struct {
	Key      cryptotypes.PrivKey
	Address  sdk.AccAddress
	Number   uint64
	Sequence uint64
}

// NewAccount derives account i of a run deterministically.
func NewAccount(run string, i int) *Account {
	key := secp256k1.GenPrivKeyFromSecret([]byte(fmt.Sprintf("ampbench/%s/%d", run, i)))
	return &Account{Key: key, Address: sdk.AccAddress(key.PubKey().Address())}
}

// Signer signs transactions offline for one chain.
type Signer struct {
	TxConfig client.TxConfig
	ChainID  string
	GasLimit uint64
	Fees     sdk.Coins
}

// Sign builds and signs a transaction of msgs from acc at its current
// sequence, then advances the sequence.
func (s Signer) Sign(acc *Account, msgs ...sdk.Msg) ([]byte, error) {
	builder := s.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	builder.SetGasLimit(s.GasLimit)
	builder.SetFeeAmount(s.Fees)
	signMode := signing.SignMode_SIGN_MODE_DIRECT
	// The first pass sets the signer info that the sign bytes cover.
	if err := builder.SetSignatures(signing.SignatureV2{
		PubKey: acc.Key.PubKey(), Data: &signing.SingleSignatureData{SignMode: signMode}, Sequence: acc.Sequence,
	}); err != nil {
		return nil, err
	}
	signerData := authsigning.SignerData{
		Address: acc.Address.String(), ChainID: s.ChainID, AccountNumber: acc.Number, Sequence: acc.Sequence, PubKey: acc.Key.PubKey(),
	}
	sig, err := tx.SignWithPrivKey(context.Background(), signMode, signerData, builder, acc.Key, s.TxConfig, acc.Sequence)
	if err != nil {
		return nil, err
	}
	if err := builder.SetSignatures(sig); err != nil {
		return nil, err
	}
	acc.Sequence++
	return s.TxConfig.TxEncoder()(builder.GetTx())
}

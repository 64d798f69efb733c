package types

import (
	errorsmod "cosmossdk.io/errors"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"
)

var _ codectypes.UnpackInterfacesMessage = (*Validator)(nil)

// NewValidator builds a validator record.
func NewValidator(operator sdk.ValAddress, pubKey cryptotypes.PubKey, moniker string, power int64) (Validator, error) {
	pkAny, err := codectypes.NewAnyWithValue(pubKey)
	if err != nil {
		return Validator{}, err
	}
	return Validator{OperatorAddress: operator.String(), ConsensusPubkey: pkAny, Moniker: moniker, Power: power}, nil
}

// UnpackInterfaces resolves the consensus key's Any.
func (v Validator) UnpackInterfaces(unpacker codectypes.AnyUnpacker) error {
	var pk cryptotypes.PubKey
	return unpacker.UnpackAny(v.ConsensusPubkey, &pk)
}

// ConsPubKey returns the validator's consensus public key.
func (v Validator) ConsPubKey() (cryptotypes.PubKey, error) {
	if v.ConsensusPubkey == nil {
		return nil, errorsmod.Wrap(ErrInvalidPubKey, "validator has no consensus key")
	}
	return ConsensusPubKeyFromAny(v.ConsensusPubkey)
}

// ConsensusPubKeyFromAny unpacks a consensus key and checks its length, so a
// malformed key is refused here rather than panicking where CometBFT reads it.
func ConsensusPubKeyFromAny(pkAny *codectypes.Any) (cryptotypes.PubKey, error) {
	if pkAny == nil {
		return nil, errorsmod.Wrap(ErrInvalidPubKey, "consensus_pubkey is required")
	}
	pk, ok := pkAny.GetCachedValue().(cryptotypes.PubKey)
	if !ok || pk == nil {
		return nil, errorsmod.Wrapf(ErrInvalidPubKey, "expected a public key, got %s", pkAny.TypeUrl)
	}
	want := map[string]int{"ed25519": ed25519.PubKeySize, "secp256k1": secp256k1.PubKeySize}
	if size, known := want[pk.Type()]; known && len(pk.Bytes()) != size {
		return nil, errorsmod.Wrapf(ErrInvalidPubKey, "%s key must have %d bytes, got %d", pk.Type(), size, len(pk.Bytes()))
	}
	return pk, nil
}

// ConsAddress returns the address CometBFT knows the validator by.
func (v Validator) ConsAddress() (sdk.ConsAddress, error) {
	pk, err := v.ConsPubKey()
	if err != nil {
		return nil, err
	}
	return sdk.ConsAddress(pk.Address()), nil
}

// OperatorBytes returns the operator address's bytes.
func (v Validator) OperatorBytes() (sdk.ValAddress, error) {
	return sdk.ValAddressFromBech32(v.OperatorAddress)
}

// IsActive reports whether the validator is in CometBFT's set.
func (v Validator) IsActive() bool { return v.Power > 0 }

// ABCIUpdate is the validator update CometBFT receives for this validator at power.
func (v Validator) ABCIUpdate(power int64) (abci.ValidatorUpdate, error) {
	pk, err := v.ConsPubKey()
	if err != nil {
		return abci.ValidatorUpdate{}, err
	}
	cmtPk, err := cryptocodec.ToCmtProtoPublicKey(pk)
	if err != nil {
		return abci.ValidatorUpdate{}, errorsmod.Wrap(ErrInvalidPubKey, err.Error())
	}
	return abci.ValidatorUpdate{PubKey: cmtPk, Power: power}, nil
}

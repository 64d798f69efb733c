package cli

import (
	"fmt"
	"os"

	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"

	"github.com/cometbft/cometbft/privval"
)

// ReadNodeConsensusPubKey returns the public half of a CometBFT
// priv_validator_key.json.
func ReadNodeConsensusPubKey(keyFile string) (cryptotypes.PubKey, error) {
	if _, err := os.Stat(keyFile); err != nil {
		return nil, fmt.Errorf("consensus key file: %w (pass --%s or --home of an initialised node)", err, FlagPubKey)
	}
	cmtPk, err := privval.LoadFilePVEmptyState(keyFile, "").GetPubKey()
	if err != nil {
		return nil, fmt.Errorf("consensus key file %s: %w", keyFile, err)
	}
	return cryptocodec.FromCmtPubKeyInterface(cmtPk)
}

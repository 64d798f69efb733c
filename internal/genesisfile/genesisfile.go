// Package genesisfile edits one module's state inside a node's genesis.json,
// for the `ampd genesis …` commands that set up a chain without gentxs.
package genesisfile

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
)

// Path is genesis.json under the client's home.
func Path(clientCtx client.Context) string {
	return filepath.Join(clientCtx.HomeDir, "config", "genesis.json")
}

// UpdateModule reads module's state from genesis.json into gs (left as
// given when the module has none yet), lets update change it, and writes
// the file back.
func UpdateModule[T proto.Message](clientCtx client.Context, module string, gs T, update func(T) error) error {
	genFile := Path(clientCtx)
	appGenesis, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return fmt.Errorf("read %s: %w", genFile, err)
	}
	appState, err := genutiltypes.GenesisStateFromAppGenesis(appGenesis)
	if err != nil {
		return err
	}
	if raw, ok := appState[module]; ok {
		if err := clientCtx.Codec.UnmarshalJSON(raw, gs); err != nil {
			return fmt.Errorf("%s genesis: %w", module, err)
		}
	}
	if err := update(gs); err != nil {
		return err
	}
	bz, err := clientCtx.Codec.MarshalJSON(gs)
	if err != nil {
		return err
	}
	appState[module] = bz
	if appGenesis.AppState, err = json.Marshal(appState); err != nil {
		return err
	}
	return appGenesis.SaveAs(genFile)
}

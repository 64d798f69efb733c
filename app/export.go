package app

import (
	"encoding/json"

	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"

	cmttypes "github.com/cometbft/cometbft/types"
)

// ExportAppStateAndValidators dumps the state as genesis JSON with the active
// validator set. There is no stake to unbond, so a zero-height export only
// restarts the height.
func (app *App) ExportAppStateAndValidators(forZeroHeight bool, _ []string, modulesToExport []string) (servertypes.ExportedApp, error) {
	ctx := app.NewContext(true)
	height := app.LastBlockHeight() + 1
	if forZeroHeight {
		height = 0
	}
	genState, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genState, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	active, err := app.PoAKeeper.ActiveValidators(ctx)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	validators := make([]cmttypes.GenesisValidator, 0, len(active))
	for _, v := range active {
		pk, err := v.ConsPubKey()
		if err != nil {
			return servertypes.ExportedApp{}, err
		}
		cmtPk, err := cryptocodec.ToCmtPubKeyInterface(pk)
		if err != nil {
			return servertypes.ExportedApp{}, err
		}
		validators = append(validators, cmttypes.GenesisValidator{
			Address: cmtPk.Address(),
			PubKey:  cmtPk,
			Power:   v.Power,
			Name:    v.Moniker,
		})
	}
	return servertypes.ExportedApp{
		AppState:        appState,
		Validators:      validators,
		Height:          height,
		ConsensusParams: app.GetConsensusParams(ctx),
	}, nil
}

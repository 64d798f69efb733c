package app

import (
	"errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
)

// HandlerOptions are the SDK's ante options plus IBC's.
type HandlerOptions struct {
	ante.HandlerOptions
	IBCKeeper *ibckeeper.Keeper
}

// NewAnteHandler runs the SDK's standard chain (fees, signatures, sequences)
// and then IBC's filter that rejects relays already processed.
func NewAnteHandler(options HandlerOptions) (sdk.AnteHandler, error) {
	if options.IBCKeeper == nil {
		return nil, errors.New("ibc keeper is required for the ante handler")
	}
	standard, err := ante.NewAnteHandler(options.HandlerOptions)
	if err != nil {
		return nil, err
	}
	redundantRelay := ibcante.NewRedundantRelayDecorator(options.IBCKeeper)
	done := func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) { return ctx, nil }
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		ctx, err := standard(ctx, tx, simulate)
		if err != nil {
			return ctx, err
		}
		return redundantRelay.AnteHandle(ctx, tx, simulate, done)
	}, nil
}

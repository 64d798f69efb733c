package keeper_test

import (
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"
)

type protoMessage = proto.Message

func abciEvent(e sdk.Event) abci.Event { return abci.Event(e) }

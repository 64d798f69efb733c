package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterInterfaces registers the module's messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgSetPair{},
		&MsgRemovePair{},
		&MsgSetPrice{},
		&MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (ledgers).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgSetPair{}, "ampchain/x/oracle/MsgSetPair")
	legacy.RegisterAminoMsg(cdc, &MsgRemovePair{}, "ampchain/x/oracle/MsgRemovePair")
	legacy.RegisterAminoMsg(cdc, &MsgSetPrice{}, "ampchain/x/oracle/MsgSetPrice")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "ampchain/x/oracle/MsgUpdateParams")
}

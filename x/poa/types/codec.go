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
		&MsgCreateValidator{},
		&MsgSetValidatorPower{},
		&MsgRemoveValidator{},
		&MsgUpdateParams{},
		&MsgWithdrawFees{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (ledgers).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgCreateValidator{}, "ampchain/x/poa/MsgCreateValidator")
	legacy.RegisterAminoMsg(cdc, &MsgSetValidatorPower{}, "ampchain/x/poa/MsgSetValidatorPower")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveValidator{}, "ampchain/x/poa/MsgRemoveValidator")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "ampchain/x/poa/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawFees{}, "ampchain/x/poa/MsgWithdrawFees")
}

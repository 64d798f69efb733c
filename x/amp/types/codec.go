package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var allMsgs = []sdk.Msg{
	&MsgTransferByPartition{}, &MsgTransferFrom{},
	&MsgAuthorizeOperator{}, &MsgRevokeOperator{},
	&MsgAuthorizeOperatorByPartition{}, &MsgRevokeOperatorByPartition{},
	&MsgApprove{}, &MsgIncreaseAllowance{}, &MsgDecreaseAllowance{},
	&MsgApproveByPartition{}, &MsgIncreaseAllowanceByPartition{}, &MsgDecreaseAllowanceByPartition{},
	&MsgRegisterCollateralManager{}, &MsgSetPartitionStrategy{},
}

// RegisterInterfaces registers the module's messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), allMsgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing,
// under the names their proto options give.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, msg := range allMsgs {
		legacy.RegisterAminoMsg(cdc, msg, "amp/"+sdk.MsgTypeURL(msg)[len("/ampchain.amp.v1."):])
	}
}

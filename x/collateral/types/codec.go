package types

import (
	"strings"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

var allMsgs = []sdk.Msg{
	&MsgCreateManager{}, &MsgUpdateManagerRules{}, &MsgTransferOwnership{}, &MsgSetRole{}, &MsgRemoveRole{},
	&MsgAddPartition{}, &MsgRemovePartition{}, &MsgSupply{}, &MsgRequestWithdrawal{}, &MsgClaimWithdrawals{},
	&MsgClaimRewards{}, &MsgOpenGuarantee{}, &MsgAttestSettlement{}, &MsgLiquidateExpired{},
	&MsgModifyWithdrawalLimit{}, &MsgDirectTransfer{}, &MsgRequestRelease{}, &MsgUpdateParams{},
}

// RegisterInterfaces registers the module's messages.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil), allMsgs...)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing
// under the names their proto options give ("collateral/Msg…").
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	for _, msg := range allMsgs {
		name := sdk.MsgTypeURL(msg)[strings.LastIndex(sdk.MsgTypeURL(msg), ".")+1:]
		legacy.RegisterAminoMsg(cdc, msg, "collateral/"+name)
	}
}

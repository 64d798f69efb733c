package types_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/ampchain/ampchain/x/amp/types"
)

var (
	addrA    = sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String()
	addrB    = sdk.AccAddress(bytes.Repeat([]byte{2}, 20)).String()
	zeroAddr = sdk.AccAddress(make([]byte, 20)).String()
	part     = types.NewPartition(types.HolderCollateralPrefix, [8]byte{1}, owner).String()
	part2    = types.NewPartition(types.CollateralPoolPrefix, [8]byte{2}, owner).String()
)

type validateBasicCase struct {
	name    string
	msg     sdk.HasValidateBasic
	wantErr error
}

func TestValidateBasic(t *testing.T) {
	one := math.OneInt()
	tooLong := make([]byte, types.MaxDataLength+1)
	tbp := func(mut func(m *types.MsgTransferByPartition)) *types.MsgTransferByPartition {
		m := &types.MsgTransferByPartition{Operator: addrA, Partition: part, From: addrA, To: addrB, Amount: one}
		if mut != nil {
			mut(m)
		}
		return m
	}
	tests := []validateBasicCase{
		{"transfer-by-partition", tbp(nil), nil},
		{"transfer-by-partition with data at the limit", tbp(func(m *types.MsgTransferByPartition) {
			m.Data, m.OperatorData = make([]byte, types.MaxDataLength), make([]byte, types.MaxDataLength)
		}), nil},
		{"transfer-by-partition to-partition and flag agreeing", tbp(func(m *types.MsgTransferByPartition) {
			p, _ := types.ParsePartition(part2)
			m.ToPartition, m.Data = part2, types.EncodeDestinationInData(p)
		}), nil},
		{"transfer-by-partition bad operator", tbp(func(m *types.MsgTransferByPartition) { m.Operator = "amp1xyz" }), sdkerrors.ErrInvalidAddress},
		{"transfer-by-partition empty from", tbp(func(m *types.MsgTransferByPartition) { m.From = "" }), sdkerrors.ErrInvalidAddress},
		{"transfer-by-partition bad to", tbp(func(m *types.MsgTransferByPartition) { m.To = "nope" }), types.ErrInvalidReceiver},
		{"transfer-by-partition zero to", tbp(func(m *types.MsgTransferByPartition) { m.To = zeroAddr }), types.ErrInvalidReceiver},
		{"transfer-by-partition short partition", tbp(func(m *types.MsgTransferByPartition) { m.Partition = "0x00" }), types.ErrInvalidPartition},
		{"transfer-by-partition zero amount", tbp(func(m *types.MsgTransferByPartition) { m.Amount = math.ZeroInt() }), types.ErrInvalidAmount},
		{"transfer-by-partition negative amount", tbp(func(m *types.MsgTransferByPartition) { m.Amount = math.NewInt(-1) }), types.ErrInvalidAmount},
		{"transfer-by-partition nil amount", tbp(func(m *types.MsgTransferByPartition) { m.Amount = math.Int{} }), types.ErrInvalidAmount},
		{"transfer-by-partition data too long", tbp(func(m *types.MsgTransferByPartition) { m.Data = tooLong }), types.ErrDataTooLong},
		{"transfer-by-partition operator data too long", tbp(func(m *types.MsgTransferByPartition) { m.OperatorData = tooLong }), types.ErrDataTooLong},
		{"transfer-by-partition bad to-partition", tbp(func(m *types.MsgTransferByPartition) { m.ToPartition = "0xff" }), types.ErrInvalidPartition},
		{"transfer-by-partition conflicting destinations", tbp(func(m *types.MsgTransferByPartition) {
			p, _ := types.ParsePartition(part)
			m.ToPartition, m.Data = part2, types.EncodeDestinationInData(p)
		}), types.ErrConflictingDestination},

		{"transfer-from", &types.MsgTransferFrom{Spender: addrA, From: addrB, To: addrA, Amount: one}, nil},
		{"transfer-from bad spender", &types.MsgTransferFrom{Spender: "x", From: addrB, To: addrA, Amount: one}, sdkerrors.ErrInvalidAddress},
		{"transfer-from zero to", &types.MsgTransferFrom{Spender: addrA, From: addrB, To: zeroAddr, Amount: one}, types.ErrInvalidReceiver},
		{"transfer-from zero amount", &types.MsgTransferFrom{Spender: addrA, From: addrB, To: addrA, Amount: math.ZeroInt()}, types.ErrInvalidAmount},

		{"authorize-operator", &types.MsgAuthorizeOperator{Holder: addrA, Operator: addrB}, nil},
		{"authorize-operator self", &types.MsgAuthorizeOperator{Holder: addrA, Operator: addrA}, types.ErrSelfOperator},
		{"authorize-operator bad operator", &types.MsgAuthorizeOperator{Holder: addrA, Operator: ""}, sdkerrors.ErrInvalidAddress},
		{"revoke-operator", &types.MsgRevokeOperator{Holder: addrA, Operator: addrB}, nil},
		{"revoke-operator self", &types.MsgRevokeOperator{Holder: addrB, Operator: addrB}, types.ErrSelfOperator},
		{"revoke-operator bad holder", &types.MsgRevokeOperator{Holder: "bad", Operator: addrB}, sdkerrors.ErrInvalidAddress},
		{"authorize-operator-by-partition", &types.MsgAuthorizeOperatorByPartition{Holder: addrA, Partition: part, Operator: addrB}, nil},
		{"authorize-operator-by-partition bad partition", &types.MsgAuthorizeOperatorByPartition{Holder: addrA, Partition: "", Operator: addrB}, types.ErrInvalidPartition},
		{"authorize-operator-by-partition bad operator", &types.MsgAuthorizeOperatorByPartition{Holder: addrA, Partition: part, Operator: "x"}, sdkerrors.ErrInvalidAddress},
		{"revoke-operator-by-partition", &types.MsgRevokeOperatorByPartition{Holder: addrA, Partition: part, Operator: addrB}, nil},
		{"revoke-operator-by-partition bad partition", &types.MsgRevokeOperatorByPartition{Holder: addrA, Partition: "0x" + strings.Repeat("0", 63), Operator: addrB}, types.ErrInvalidPartition},

		{"approve", &types.MsgApprove{Owner: addrA, Spender: addrB, Amount: one}, nil},
		{"approve zero", &types.MsgApprove{Owner: addrA, Spender: addrB, Amount: math.ZeroInt()}, nil},
		{"approve negative", &types.MsgApprove{Owner: addrA, Spender: addrB, Amount: math.NewInt(-5)}, types.ErrInvalidAmount},
		{"approve nil", &types.MsgApprove{Owner: addrA, Spender: addrB}, types.ErrInvalidAmount},
		{"approve bad spender", &types.MsgApprove{Owner: addrA, Spender: "s", Amount: one}, sdkerrors.ErrInvalidAddress},
		{"increase-allowance", &types.MsgIncreaseAllowance{Owner: addrA, Spender: addrB, AddedValue: one}, nil},
		{"increase-allowance zero", &types.MsgIncreaseAllowance{Owner: addrA, Spender: addrB, AddedValue: math.ZeroInt()}, types.ErrInvalidAmount},
		{"decrease-allowance", &types.MsgDecreaseAllowance{Owner: addrA, Spender: addrB, SubtractedValue: one}, nil},
		{"decrease-allowance negative", &types.MsgDecreaseAllowance{Owner: addrA, Spender: addrB, SubtractedValue: math.NewInt(-1)}, types.ErrInvalidAmount},
		{"decrease-allowance bad owner", &types.MsgDecreaseAllowance{Owner: "", Spender: addrB, SubtractedValue: one}, sdkerrors.ErrInvalidAddress},
		{"approve-by-partition", &types.MsgApproveByPartition{Owner: addrA, Partition: part, Spender: addrB, Amount: math.ZeroInt()}, nil},
		{"approve-by-partition bad partition", &types.MsgApproveByPartition{Owner: addrA, Partition: "0xzz", Spender: addrB, Amount: one}, types.ErrInvalidPartition},
		{"approve-by-partition negative", &types.MsgApproveByPartition{Owner: addrA, Partition: part, Spender: addrB, Amount: math.NewInt(-1)}, types.ErrInvalidAmount},
		{"increase-allowance-by-partition", &types.MsgIncreaseAllowanceByPartition{Owner: addrA, Partition: part, Spender: addrB, AddedValue: one}, nil},
		{"increase-allowance-by-partition zero", &types.MsgIncreaseAllowanceByPartition{Owner: addrA, Partition: part, Spender: addrB, AddedValue: math.ZeroInt()}, types.ErrInvalidAmount},
		{"increase-allowance-by-partition bad partition", &types.MsgIncreaseAllowanceByPartition{Owner: addrA, Spender: addrB, AddedValue: one}, types.ErrInvalidPartition},
		{"decrease-allowance-by-partition", &types.MsgDecreaseAllowanceByPartition{Owner: addrA, Partition: part, Spender: addrB, SubtractedValue: one}, nil},
		{"decrease-allowance-by-partition nil", &types.MsgDecreaseAllowanceByPartition{Owner: addrA, Partition: part, Spender: addrB}, types.ErrInvalidAmount},

		{"register-collateral-manager", &types.MsgRegisterCollateralManager{Manager: addrA}, nil},
		{"register-collateral-manager bad", &types.MsgRegisterCollateralManager{Manager: "m"}, sdkerrors.ErrInvalidAddress},

		{"set-partition-strategy", &types.MsgSetPartitionStrategy{Authority: addrA, Prefix: "0x12345678", Strategy: "s"}, nil},
		{"set-partition-strategy zero prefix", &types.MsgSetPartitionStrategy{Authority: addrA, Prefix: "0x00000000", Strategy: "s"}, types.ErrInvalidPrefix},
		{"set-partition-strategy short prefix", &types.MsgSetPartitionStrategy{Authority: addrA, Prefix: "0x1234", Strategy: "s"}, types.ErrInvalidPrefix},
		{"set-partition-strategy empty name", &types.MsgSetPartitionStrategy{Authority: addrA, Prefix: "0x12345678"}, types.ErrUnknownStrategy},
		{"set-partition-strategy long name", &types.MsgSetPartitionStrategy{Authority: addrA, Prefix: "0x12345678", Strategy: strings.Repeat("s", types.MaxStrategyNameLength+1)}, types.ErrUnknownStrategy},
		{"set-partition-strategy bad authority", &types.MsgSetPartitionStrategy{Authority: "gov", Prefix: "0x12345678", Strategy: "s"}, sdkerrors.ErrInvalidAddress},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
		})
	}
}

func TestErrorCodesDistinct(t *testing.T) {
	errs := []*errorsmod.Error{
		types.ErrInvalidPartition, types.ErrInvalidPrefix, types.ErrInvalidAmount, types.ErrInvalidReceiver,
		types.ErrInsufficientBalance, types.ErrInsufficientAllowance, types.ErrPartitionReserved,
		types.ErrConflictingDestination, types.ErrStrategyExists, types.ErrUnknownStrategy,
		types.ErrAlreadyCollateralManager, types.ErrNotCollateralManager, types.ErrStrategyRefused,
		types.ErrUnauthorized, types.ErrSelfOperator, types.ErrAllowanceBelowZero, types.ErrDataTooLong,
		types.ErrInvalidGenesis, types.ErrPlainSendToHookedAddress,
	}
	seen := map[uint32]bool{}
	for _, e := range errs {
		require.Equal(t, types.ModuleName, e.Codespace())
		require.False(t, seen[e.ABCICode()], "code %d used twice", e.ABCICode())
		seen[e.ABCICode()] = true
	}
	// The e2e test and wallets rely on these.
	require.Equal(t, uint32(7), types.ErrInsufficientAllowance.ABCICode())
}

package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// Seeds for the fuzzers live in testdata/fuzz and in f.Add below; plain
// `go test` runs only those. Explore with e.g.
//
//	go test -run '^$' -fuzz FuzzMsgValidateBasic ./x/collateral/types/

// fuzzMsgs are fresh instances of every x/collateral message, by kind.
func fuzzMsgs() []interface {
	proto.Message
	sdk.HasValidateBasic
	Unmarshal([]byte) error
	Marshal() ([]byte, error)
} {
	return []interface {
		proto.Message
		sdk.HasValidateBasic
		Unmarshal([]byte) error
		Marshal() ([]byte, error)
	}{
		&types.MsgCreateManager{}, &types.MsgUpdateManagerRules{}, &types.MsgTransferOwnership{}, &types.MsgSetRole{},
		&types.MsgRemoveRole{}, &types.MsgAddPartition{}, &types.MsgRemovePartition{}, &types.MsgSupply{},
		&types.MsgRequestWithdrawal{}, &types.MsgClaimWithdrawals{}, &types.MsgClaimRewards{}, &types.MsgOpenGuarantee{},
		&types.MsgAttestSettlement{}, &types.MsgLiquidateExpired{}, &types.MsgModifyWithdrawalLimit{},
		&types.MsgDirectTransfer{}, &types.MsgRequestRelease{}, &types.MsgUpdateParams{},
	}
}

// registeredCodespaces are where a ValidateBasic error may come from.
var registeredCodespaces = map[string]bool{types.ModuleName: true, amptypes.ModuleName: true, "sdk": true}

func requireRegistered(t *testing.T, what string, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if !registeredCodespaces[codespace] || code == 1 || code == 111222 {
		t.Fatalf("%s: unregistered error %v (codespace %q code %d)", what, err, codespace, code)
	}
}

// FuzzMsgValidateBasic decodes arbitrary bytes as each message kind and
// runs ValidateBasic: it must never panic, and refuse only with a
// registered error.
func FuzzMsgValidateBasic(f *testing.F) {
	for i, msg := range validMsgs() {
		bz, err := msg.(interface{ Marshal() ([]byte, error) }).Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), bz)
		f.Add(uint8(i), bz[:len(bz)/2])
	}
	f.Add(uint8(11), []byte{0x22, 0x03, '1', 'e', '9'})
	f.Add(uint8(14), []byte{})
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		msgs := fuzzMsgs()
		msg := msgs[int(kind)%len(msgs)]
		if err := msg.Unmarshal(data); err != nil {
			return
		}
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%T.ValidateBasic panicked on %x: %v", msg, data, r)
			}
		}()
		if err := msg.ValidateBasic(); err != nil {
			requireRegistered(t, proto.MessageName(msg), err)
			return
		}
		// An accepted message survives a round trip unchanged.
		bz, err := msg.Marshal()
		if err != nil {
			t.Fatalf("%T accepted but does not marshal: %v", msg, err)
		}
		again := fuzzMsgs()[int(kind)%len(msgs)]
		if err := again.Unmarshal(bz); err != nil || again.ValidateBasic() != nil {
			t.Fatalf("%T accepted, round trip: %v", msg, err)
		}
	})
}

// FuzzMsgFields builds every message from the same arbitrary strings
// (addresses, partition, amounts, value, quote, references) and runs
// ValidateBasic: never a panic, only registered errors.
func FuzzMsgFields(f *testing.F) {
	f.Add(addrA.String(), mgrAddr.String(), pool.String(), "100", "25.90", "USD", "ethereum", int32(6), int64(1_700_000_000), uint32(30), "1.25")
	f.Add("", "", "", "", "", "", "", int32(0), int64(0), uint32(0), "")
	f.Add("amp1", "cosmos1", "0x", "-1", "-0.5", "usd", strings.Repeat("x", 300), int32(-1), int64(-1), uint32(10_001), "0.99")
	f.Add(addrB.String(), addrB.String(), holder.String(), "0x10", "1"+strings.Repeat("0", 70), "AMP/USD", "btc", int32(99), int64(1<<62), uint32(1<<31), "1"+strings.Repeat("0", 80))
	f.Fuzz(func(t *testing.T, a1, a2, partition, amount, value, quote, ref string, role int32, deadline int64, bps uint32, ratio string) {
		amt, ok := math.NewIntFromString(amount)
		if !ok {
			amt = math.Int{}
		}
		val, err := math.LegacyNewDecFromStr(value)
		if err != nil {
			val = math.LegacyDec{}
		}
		rules := types.DefaultRules()
		rules.FeeBps = bps
		if r, err := math.LegacyNewDecFromStr(ratio); err == nil {
			rules.CollateralRatio, rules.Commission = r, r
		}
		rules.MaxGuaranteeDuration = time.Duration(deadline)
		payment := types.ExternalPayment{SourceChain: ref, Asset: quote, Reference: ref}
		msgs := []sdk.HasValidateBasic{
			&types.MsgCreateManager{Owner: a1, Rules: rules, WithdrawalLimit: amt},
			&types.MsgUpdateManagerRules{Owner: a1, Manager: a2, Rules: rules},
			&types.MsgTransferOwnership{Owner: a1, Manager: a2, NewOwner: a1},
			&types.MsgSetRole{Owner: a1, Manager: a2, Role: types.Role(role), Address: a1},
			&types.MsgRemoveRole{Owner: a1, Manager: a2, Role: types.Role(role), Address: a2},
			&types.MsgAddPartition{Authority: a1, Manager: a2, Partition: partition},
			&types.MsgRemovePartition{Authority: a1, Manager: a2, Partition: partition},
			&types.MsgSupply{Staker: a1, Partition: partition, Amount: amt},
			&types.MsgRequestWithdrawal{Staker: a1, Partition: partition, Amount: amt},
			&types.MsgClaimWithdrawals{Staker: a1},
			&types.MsgClaimRewards{Staker: a1, Partition: partition},
			&types.MsgOpenGuarantee{Processor: a1, Partition: partition, Merchant: a2, Value: val, Quote: quote, Payment: payment, Deadline: time.Unix(deadline, 0)},
			&types.MsgAttestSettlement{Attester: a1, GuaranteeId: uint64(deadline), Outcome: types.SettlementOutcome(role)},
			&types.MsgLiquidateExpired{Sender: a1, GuaranteeId: uint64(deadline)},
			&types.MsgModifyWithdrawalLimit{Publisher: a1, Manager: a2, Amount: amount},
			&types.MsgDirectTransfer{Transferer: a1, Partition: partition, To: a2, Amount: amt},
			&types.MsgRequestRelease{Staker: a1, Partition: partition, Amount: amt},
			&types.MsgUpdateParams{Authority: a1, Params: types.Params{MaxExpiriesPerBlock: bps}},
		}
		for _, msg := range msgs {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%T.ValidateBasic panicked: %v", msg, r)
					}
				}()
				if err := msg.ValidateBasic(); err != nil {
					requireRegistered(t, proto.MessageName(msg.(proto.Message)), err)
				}
			}()
		}
		if _, err := types.ParseSignedAmount(amount); err != nil {
			requireRegistered(t, "ParseSignedAmount", err)
		}
	})
}

package bench

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	collateraltypes "github.com/ampchain/ampchain/x/collateral/types"
)

// Chain is a live node seen through the SDK client: queries and
// broadcasts that wait for inclusion.
type Chain struct {
	Ctx    client.Context
	Signer Signer
	Denom  string
}

// Refresh reads accounts' numbers and sequences from the chain.
func (c Chain) Refresh(accounts ...*Account) error {
	for _, a := range accounts {
		num, seq, err := c.Ctx.AccountRetriever.GetAccountNumberSequence(c.Ctx, a.Address)
		if err != nil {
			return fmt.Errorf("account %s: %w", a.Address, err)
		}
		a.Number, a.Sequence = num, seq
	}
	return nil
}

// Deliver signs msgs from acc, broadcasts them and waits for the block;
// it fails unless the transaction executed.
func (c Chain) Deliver(ctx context.Context, acc *Account, msgs ...sdk.Msg) error {
	if err := c.Refresh(acc); err != nil {
		return err
	}
	txBytes, err := c.Signer.Sign(acc, msgs...)
	if err != nil {
		return err
	}
	res, err := c.Ctx.Client.BroadcastTxSync(ctx, txBytes)
	if err != nil {
		return err
	}
	if res.Code != 0 {
		return fmt.Errorf("CheckTx refused %T…: code %d: %s", msgs[0], res.Code, res.Log)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		committed, err := c.Ctx.Client.Tx(ctx, res.Hash, false)
		if err == nil {
			if committed.TxResult.Code != 0 {
				return fmt.Errorf("%T… failed: code %d: %s", msgs[0], committed.TxResult.Code, committed.TxResult.Log)
			}
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("transaction %s not committed within 30 s", hex.EncodeToString(res.Hash))
}

// Fixture is the on-chain setup every row shares.
type Fixture struct {
	Funder    *Account
	Accounts  []*Account
	Sink      sdk.AccAddress
	Manager   sdk.AccAddress
	Pool      amptypes.Partition
	Holder    amptypes.Partition
	HasPrice  bool
	PriceNote string
}

// Setup funds the accounts in one multi-send, creates a collateral manager
// owned by the funder with a well-supplied pool, and makes every account a
// processor and attester of it.
func Setup(ctx context.Context, c Chain, funder *Account, accounts []*Account, each, poolSupply math.Int) (*Fixture, error) {
	f := &Fixture{Funder: funder, Accounts: accounts, Sink: NewAccount("sink", 0).Address}
	outputs := make([]banktypes.Output, len(accounts))
	for i, a := range accounts {
		outputs[i] = banktypes.Output{Address: a.Address.String(), Coins: sdk.NewCoins(sdk.NewCoin(c.Denom, each))}
	}
	total := sdk.NewCoins(sdk.NewCoin(c.Denom, each.MulRaw(int64(len(accounts)))))
	if err := c.Deliver(ctx, funder, &banktypes.MsgMultiSend{
		Inputs: []banktypes.Input{{Address: funder.Address.String(), Coins: total}}, Outputs: outputs,
	}); err != nil {
		return nil, fmt.Errorf("funding: %w", err)
	}

	rules := collateraltypes.DefaultRules()
	rules.MaxGuaranteeDuration, rules.UnbondingPeriod = time.Hour, time.Hour
	if err := c.Deliver(ctx, funder, &collateraltypes.MsgCreateManager{Owner: funder.Address.String(), Rules: rules, WithdrawalLimit: math.ZeroInt()}); err != nil {
		return nil, fmt.Errorf("create manager: %w", err)
	}
	managers, err := collateraltypes.NewQueryClient(c.Ctx).Managers(ctx, &collateraltypes.QueryManagersRequest{})
	if err != nil {
		return nil, err
	}
	for _, m := range managers.Managers {
		if m.Owner == funder.Address.String() {
			f.Manager = sdk.MustAccAddressFromBech32(m.Address)
		}
	}
	if f.Manager == nil {
		return nil, fmt.Errorf("the manager just created is not listed")
	}
	f.Pool = amptypes.NewPartition(amptypes.CollateralPoolPrefix, [8]byte{}, f.Manager)
	f.Holder = amptypes.NewPartition(amptypes.HolderCollateralPrefix, [8]byte{}, f.Manager)
	msgs := []sdk.Msg{&collateraltypes.MsgAddPartition{Authority: funder.Address.String(), Manager: f.Manager.String(), Partition: f.Pool.String()}}
	for _, a := range accounts {
		for _, role := range []collateraltypes.Role{collateraltypes.ROLE_PROCESSOR, collateraltypes.ROLE_ATTESTER} {
			msgs = append(msgs, &collateraltypes.MsgSetRole{Owner: funder.Address.String(), Manager: f.Manager.String(), Role: role, Address: a.Address.String()})
		}
	}
	msgs = append(msgs, &collateraltypes.MsgSupply{Staker: funder.Address.String(), Partition: f.Pool.String(), Amount: poolSupply})
	if err := c.Deliver(ctx, funder, msgs...); err != nil {
		return nil, fmt.Errorf("manager setup: %w", err)
	}
	capacity, err := collateraltypes.NewQueryClient(c.Ctx).Capacity(ctx, &collateraltypes.QueryCapacityRequest{Partition: f.Pool.String(), Quote: "USD"})
	if err != nil {
		return nil, err
	}
	f.HasPrice = capacity.Price.IsPositive()
	if !f.HasPrice {
		f.PriceNote = "the chain has no fresh AMP/USD price, so guarantees cannot be opened"
	}
	return f, c.Refresh(accounts...)
}

// Msgs builds the i-th message of a row for account a.
type Msgs func(f *Fixture, a *Account, i int) sdk.Msg

// BankSend moves 1 aamp to a sink.
func BankSend(c Chain) Msgs {
	return func(f *Fixture, a *Account, _ int) sdk.Msg {
		return banktypes.NewMsgSend(a.Address, f.Sink, sdk.NewCoins(sdk.NewCoin(c.Denom, math.OneInt())))
	}
}

// TransferByPartition moves 1 aamp of the default partition into the
// account's holder-collateral partition of the bench manager.
func TransferByPartition(f *Fixture, a *Account, _ int) sdk.Msg {
	return &amptypes.MsgTransferByPartition{
		Operator: a.Address.String(), Partition: amptypes.DefaultPartition.String(), From: a.Address.String(),
		To: a.Address.String(), Amount: math.OneInt(), ToPartition: f.Holder.String(),
	}
}

// OpenGuarantee guarantees a 0.01 USD payment from the bench pool.
func OpenGuarantee(f *Fixture, a *Account, i int) sdk.Msg {
	return &collateraltypes.MsgOpenGuarantee{
		Processor: a.Address.String(), Partition: f.Pool.String(), Merchant: f.Sink.String(),
		Value: math.LegacyNewDecWithPrec(1, 2), Quote: "USD", Deadline: time.Now().Add(30 * time.Minute).UTC(),
		Payment: collateraltypes.ExternalPayment{SourceChain: "ethereum", Asset: "USDC", Reference: fmt.Sprintf("%s/%d", a.Address, i)},
	}
}

// Attest confirms guarantees in order; ids are assigned to accounts before
// signing so no two transactions attest the same guarantee.
func Attest(ids map[string][]uint64) Msgs {
	return func(_ *Fixture, a *Account, i int) sdk.Msg {
		return &collateraltypes.MsgAttestSettlement{Attester: a.Address.String(), GuaranteeId: ids[a.Address.String()][i], Outcome: collateraltypes.SETTLEMENT_OUTCOME_CONFIRMED}
	}
}

// Presign signs perAccount transactions of msgs for every account.
func Presign(c Chain, f *Fixture, name string, perAccount int, msgs Msgs) (Load, error) {
	if err := c.Refresh(f.Accounts...); err != nil {
		return Load{}, err
	}
	load := Load{Name: name, Streams: make([][][]byte, len(f.Accounts))}
	for ai, a := range f.Accounts {
		for i := 0; i < perAccount; i++ {
			tx, err := c.Signer.Sign(a, msgs(f, a, i))
			if err != nil {
				return load, err
			}
			load.Streams[ai] = append(load.Streams[ai], tx)
		}
	}
	return load, nil
}

// OpenGuaranteeIDs lists open guarantees of the bench pool, perAccount per
// account, for the attest row.
func OpenGuaranteeIDs(ctx context.Context, c Chain, f *Fixture, perAccount int) (map[string][]uint64, error) {
	ids := map[string][]uint64{}
	res, err := collateraltypes.NewQueryClient(c.Ctx).Guarantees(ctx, &collateraltypes.QueryGuaranteesRequest{
		Partition: f.Pool.String(), Status: collateraltypes.GUARANTEE_STATUS_OPEN,
		Pagination: &query.PageRequest{Limit: uint64(perAccount * len(f.Accounts))},
	})
	if err != nil {
		return nil, err
	}
	if len(res.Guarantees) < perAccount*len(f.Accounts) {
		return nil, fmt.Errorf("only %d open guarantees for %d attestations", len(res.Guarantees), perAccount*len(f.Accounts))
	}
	for i, a := range f.Accounts {
		for j := 0; j < perAccount; j++ {
			ids[a.Address.String()] = append(ids[a.Address.String()], res.Guarantees[i*perAccount+j].Id)
		}
	}
	return ids, nil
}

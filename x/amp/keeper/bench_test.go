package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/ampchain/ampchain/x/amp/types"
)

// Keeper-level costs of a transfer by partition against a plain bank send
// of aamp, on the same fixture (an app after InitChain, block-1 context).
// Run: go test -run xxx -bench . -benchtime 2000x ./x/amp/keeper/

func BenchmarkTransferByPartition(b *testing.B) {
	b.Run("partition-to-partition", func(b *testing.B) {
		f := newFixture(b)
		alice, bob := f.alice.Address, f.bob.Address
		p := holderPartition(f.manager.Address, 1)
		f.fund(b, alice, p, genesisFund.QuoRaw(2))
		tr := types.Transfer{FromPartition: p, ToPartition: p, Operator: alice, From: alice, To: bob, Amount: amt(1)}
		benchTransfers(b, f, tr)
	})
	b.Run("default-to-partition", func(b *testing.B) {
		f := newFixture(b)
		alice, bob := f.alice.Address, f.bob.Address
		p := holderPartition(f.manager.Address, 1)
		tr := types.Transfer{FromPartition: types.DefaultPartition, ToPartition: p, Operator: alice, From: alice, To: bob, Amount: amt(1)}
		benchTransfers(b, f, tr)
	})
}

func benchTransfers(b *testing.B, f *fixture, tr types.Transfer) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := f.ctx.WithEventManager(sdk.NewEventManager())
		if _, err := f.k.TransferByPartition(ctx, tr); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	requireInvariants(b, f.ctx, f.k)
}

func BenchmarkBankSend(b *testing.B) {
	f := newFixture(b)
	alice, bob := f.alice.Address, f.bob.Address
	one := coins(1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := f.ctx.WithEventManager(sdk.NewEventManager())
		if err := f.app.BankKeeper.SendCoins(ctx, alice, bob, one); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	requireInvariants(b, f.ctx, f.k)
}

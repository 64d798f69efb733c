package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// RegisterInvariants registers DESIGN §8's pool invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) { //nolint:staticcheck // the SDK still calls it
	ir.RegisterRoute(types.ModuleName, "pools", PoolInvariant(k))
}

// PoolInvariant: for every pool, locked ≤ total; shares > 0 ⇔ active value
// > 0; the open guarantees' locks add up to locked; the positions' shares
// add up to the total; and the AMP in custody (the pool partition at the
// manager's address plus counted holder collateral) equals the active
// value plus pending withdrawals.
func PoolInvariant(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		var msg string
		locks := map[string]math.Int{}
		err := k.Guarantees.Walk(ctx, nil, func(_ uint64, g types.Guarantee) (bool, error) {
			if g.Status == types.GUARANTEE_STATUS_OPEN {
				if cur, ok := locks[g.Partition]; ok {
					locks[g.Partition] = cur.Add(g.Lock)
				} else {
					locks[g.Partition] = g.Lock
				}
			}
			return false, nil
		})
		if err == nil {
			err = k.Pools.Walk(ctx, nil, func(key []byte, p types.Pool) (bool, error) {
				msg += checkPool(ctx, k, key, p, locks[p.Partition])
				return false, nil
			})
		}
		if err != nil {
			msg += err.Error()
		}
		return sdk.FormatInvariant(types.ModuleName, "pools", msg), msg != ""
	}
}

func checkPool(ctx sdk.Context, k *Keeper, key []byte, p types.Pool, openLocks math.Int) string {
	var msg string
	if openLocks.IsNil() {
		openLocks = math.ZeroInt()
	}
	if p.Locked.GT(p.ActiveValue) {
		msg += fmt.Sprintf("pool %s: locked %s > active %s\n", p.Partition, p.Locked, p.ActiveValue)
	}
	if p.TotalShares.IsPositive() != p.ActiveValue.IsPositive() {
		msg += fmt.Sprintf("pool %s: shares %s but active value %s\n", p.Partition, p.TotalShares, p.ActiveValue)
	}
	if !openLocks.Equal(p.Locked) {
		msg += fmt.Sprintf("pool %s: open locks add to %s, locked is %s\n", p.Partition, openLocks, p.Locked)
	}
	shares, holders := math.LegacyZeroDec(), math.ZeroInt()
	_ = k.Positions.Walk(ctx, collections.NewPrefixedPairRange[[]byte, sdk.AccAddress](key),
		func(_ collections.Pair[[]byte, sdk.AccAddress], pos types.Position) (bool, error) {
			if pos.Epoch == p.Epoch {
				shares = shares.Add(pos.Shares)
			}
			holders = holders.Add(pos.HolderCustody)
			return false, nil
		})
	if !shares.Equal(p.TotalShares) {
		msg += fmt.Sprintf("pool %s: positions hold %s shares, total is %s\n", p.Partition, shares, p.TotalShares)
	}
	if !holders.Equal(p.HolderCustody) {
		msg += fmt.Sprintf("pool %s: positions count %s holder custody, pool %s\n", p.Partition, holders, p.HolderCustody)
	}
	partition, _ := amptypes.PartitionFromBytes(key)
	pooled, err := k.ampKeeper.BalanceOfByPartition(ctx, partition, types.ManagerAddress(p.ManagerId))
	if err != nil {
		return msg + err.Error()
	}
	if custody := pooled.Add(p.HolderCustody); !custody.Equal(p.ActiveValue.Add(p.PendingWithdrawals)) {
		msg += fmt.Sprintf("pool %s: custody %s ≠ active %s + pending %s\n", p.Partition, custody, p.ActiveValue, p.PendingWithdrawals)
	}
	return msg
}

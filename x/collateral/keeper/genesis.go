package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

// InitGenesis loads the state; it runs after x/amp, whose genesis lists the
// managers as collateral managers and holds their partition balances.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, seq := range []struct {
		s collections.Sequence
		v uint64
	}{{k.NextManagerID, gs.NextManagerId}, {k.NextGuaranteeID, gs.NextGuaranteeId}, {k.NextWithdrawalID, gs.NextWithdrawalId}} {
		if err := seq.s.Set(ctx, seq.v); err != nil {
			return err
		}
	}
	for _, m := range gs.Managers {
		if err := k.Managers.Set(ctx, m.Id, m); err != nil {
			return err
		}
		if err := k.ManagerByAddress.Set(ctx, sdk.MustAccAddressFromBech32(m.Address), m.Id); err != nil {
			return err
		}
	}
	for _, r := range gs.Roles {
		if err := k.Roles.Set(ctx, collections.Join3(r.ManagerId, int32(r.Role), sdk.MustAccAddressFromBech32(r.Address))); err != nil {
			return err
		}
	}
	for _, p := range gs.Pools {
		partition, err := amptypes.ParsePartition(p.Partition)
		if err != nil {
			return err
		}
		if err := k.Pools.Set(ctx, partition.Bytes(), p); err != nil {
			return err
		}
	}
	for _, pos := range gs.Positions {
		partition, err := amptypes.ParsePartition(pos.Partition)
		if err != nil {
			return err
		}
		if err := k.Positions.Set(ctx, collections.Join(partition.Bytes(), sdk.MustAccAddressFromBech32(pos.Staker)), pos); err != nil {
			return err
		}
	}
	for _, g := range gs.Guarantees {
		if err := k.Guarantees.Set(ctx, g.Id, g); err != nil {
			return err
		}
		if g.Status == types.GUARANTEE_STATUS_OPEN {
			if err := k.ExpiryQueue.Set(ctx, collections.Join(g.Deadline, g.Id)); err != nil {
				return err
			}
		}
	}
	for _, a := range gs.Attestations {
		if err := k.Attestations.Set(ctx, collections.Join(a.GuaranteeId, sdk.MustAccAddressFromBech32(a.Attester)), a.Confirmed); err != nil {
			return err
		}
	}
	for _, w := range gs.Withdrawals {
		partition, err := amptypes.ParsePartition(w.Partition)
		if err != nil {
			return err
		}
		if err := k.Withdrawals.Set(ctx, w.Id, w); err != nil {
			return err
		}
		if err := k.WithdrawalsByPool.Set(ctx, collections.Join(partition.Bytes(), w.Id)); err != nil {
			return err
		}
		if err := k.WithdrawalsByStaker.Set(ctx, collections.Join(sdk.MustAccAddressFromBech32(w.Staker), w.Id)); err != nil {
			return err
		}
	}
	for _, e := range gs.EpochEnds {
		partition, err := amptypes.ParsePartition(e.Partition)
		if err != nil {
			return err
		}
		if err := k.EpochEnds.Set(ctx, collections.Join(partition.Bytes(), e.Epoch), e); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes the state out.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.NextManagerId, err = k.NextManagerID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextGuaranteeId, err = k.NextGuaranteeID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextWithdrawalId, err = k.NextWithdrawalID.Peek(ctx); err != nil {
		return nil, err
	}
	if err := k.Managers.Walk(ctx, nil, func(_ uint64, m types.Manager) (bool, error) {
		gs.Managers = append(gs.Managers, m)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Roles.Walk(ctx, nil, func(key collections.Triple[uint64, int32, sdk.AccAddress]) (bool, error) {
		gs.Roles = append(gs.Roles, types.RoleAssignment{ManagerId: key.K1(), Role: types.Role(key.K2()), Address: key.K3().String()})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Pools.Walk(ctx, nil, func(_ []byte, p types.Pool) (bool, error) {
		gs.Pools = append(gs.Pools, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Positions.Walk(ctx, nil, func(_ collections.Pair[[]byte, sdk.AccAddress], p types.Position) (bool, error) {
		gs.Positions = append(gs.Positions, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Guarantees.Walk(ctx, nil, func(_ uint64, g types.Guarantee) (bool, error) {
		gs.Guarantees = append(gs.Guarantees, g)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Attestations.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], c bool) (bool, error) {
		gs.Attestations = append(gs.Attestations, types.Attestation{GuaranteeId: key.K1(), Attester: key.K2().String(), Confirmed: c})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Withdrawals.Walk(ctx, nil, func(_ uint64, w types.Withdrawal) (bool, error) {
		gs.Withdrawals = append(gs.Withdrawals, w)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.EpochEnds.Walk(ctx, nil, func(_ collections.Pair[[]byte, uint64], e types.EpochEnd) (bool, error) {
		gs.EpochEnds = append(gs.EpochEnds, e)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}

package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	amptypes "github.com/ampchain/ampchain/x/amp/types"
	"github.com/ampchain/ampchain/x/collateral/types"
)

type queryServer struct {
	k *Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

func invalid(err error) error { return status.Error(codes.InvalidArgument, err.Error()) }

func notFoundOr(err error, kind *errorsmod.Error) error {
	if errorsmod.IsOf(err, kind) {
		return status.Error(codes.NotFound, err.Error())
	}
	return err
}

func (q queryServer) Manager(ctx context.Context, req *types.QueryManagerRequest) (*types.QueryManagerResponse, error) {
	addr, err := sdk.AccAddressFromBech32(req.GetAddress())
	if err != nil {
		return nil, invalid(err)
	}
	m, err := q.k.GetManager(ctx, addr)
	if err != nil {
		return nil, notFoundOr(err, types.ErrManagerNotFound)
	}
	return &types.QueryManagerResponse{Manager: m}, nil
}

func (q queryServer) Managers(ctx context.Context, req *types.QueryManagersRequest) (*types.QueryManagersResponse, error) {
	managers, page, err := query.CollectionPaginate(ctx, q.k.Managers, req.GetPagination(),
		func(_ uint64, m types.Manager) (types.Manager, error) { return m, nil })
	if err != nil {
		return nil, invalid(err)
	}
	return &types.QueryManagersResponse{Managers: managers, Pagination: page}, nil
}

func (q queryServer) poolOf(ctx context.Context, partition string) (types.Pool, error) {
	p, err := amptypes.ParsePartition(partition)
	if err != nil {
		return types.Pool{}, invalid(err)
	}
	pool, err := q.k.GetPool(ctx, p)
	if err != nil {
		return types.Pool{}, notFoundOr(err, types.ErrPoolNotFound)
	}
	return pool, nil
}

func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	pool, err := q.poolOf(ctx, req.GetPartition())
	if err != nil {
		return nil, err
	}
	return &types.QueryPoolResponse{Pool: pool}, nil
}

func (q queryServer) Pools(ctx context.Context, req *types.QueryPoolsRequest) (*types.QueryPoolsResponse, error) {
	var managerID uint64
	if req.GetManager() != "" {
		m, err := q.k.getManagerByString(ctx, req.GetManager())
		if err != nil {
			return nil, notFoundOr(err, types.ErrManagerNotFound)
		}
		managerID = m.Id
	}
	pools, page, err := query.CollectionFilteredPaginate(ctx, q.k.Pools, req.GetPagination(),
		func(_ []byte, p types.Pool) (bool, error) { return managerID == 0 || p.ManagerId == managerID, nil },
		func(_ []byte, p types.Pool) (types.Pool, error) { return p, nil })
	if err != nil {
		return nil, invalid(err)
	}
	return &types.QueryPoolsResponse{Pools: pools, Pagination: page}, nil
}

func (q queryServer) Position(ctx context.Context, req *types.QueryPositionRequest) (*types.QueryPositionResponse, error) {
	pool, err := q.poolOf(ctx, req.GetPartition())
	if err != nil {
		return nil, err
	}
	staker, err := sdk.AccAddressFromBech32(req.GetStaker())
	if err != nil {
		return nil, invalid(err)
	}
	pos, err := q.k.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	return &types.QueryPositionResponse{Position: pos, Value: PositionValue(pool, pos)}, nil
}

func (q queryServer) Guarantee(ctx context.Context, req *types.QueryGuaranteeRequest) (*types.QueryGuaranteeResponse, error) {
	g, err := q.k.GetGuarantee(ctx, req.GetId())
	if err != nil {
		return nil, notFoundOr(err, types.ErrGuaranteeNotFound)
	}
	return &types.QueryGuaranteeResponse{Guarantee: g}, nil
}

// Guarantees scans guarantees in id order, keeping those that match every
// filter given.
func (q queryServer) Guarantees(ctx context.Context, req *types.QueryGuaranteesRequest) (*types.QueryGuaranteesResponse, error) {
	if req == nil {
		req = &types.QueryGuaranteesRequest{}
	}
	if req.Partition != "" {
		p, err := amptypes.ParsePartition(req.Partition)
		if err != nil {
			return nil, invalid(err)
		}
		req.Partition = p.String()
	}
	guarantees, page, err := query.CollectionFilteredPaginate(ctx, q.k.Guarantees, req.Pagination,
		func(_ uint64, g types.Guarantee) (bool, error) {
			return (req.Partition == "" || g.Partition == req.Partition) &&
				(req.Status == types.GUARANTEE_STATUS_UNSPECIFIED || g.Status == req.Status) &&
				(req.Merchant == "" || g.Merchant == req.Merchant) &&
				(req.Processor == "" || g.Processor == req.Processor), nil
		},
		func(_ uint64, g types.Guarantee) (types.Guarantee, error) { return g, nil })
	if err != nil {
		return nil, invalid(err)
	}
	return &types.QueryGuaranteesResponse{Guarantees: guarantees, Pagination: page}, nil
}

// Capacity reports free capacity in AMP and, at the oracle's price, in the
// quote currency (USD unless asked otherwise); without a fresh price the
// quote figure is zero and price empty.
func (q queryServer) Capacity(ctx context.Context, req *types.QueryCapacityRequest) (*types.QueryCapacityResponse, error) {
	pool, err := q.poolOf(ctx, req.GetPartition())
	if err != nil {
		return nil, err
	}
	quote := req.GetQuote()
	if quote == "" {
		quote = "USD"
	}
	if err := types.ValidateQuote(quote); err != nil {
		return nil, invalid(err)
	}
	free := FreeCapacity(pool)
	res := &types.QueryCapacityResponse{
		Total: pool.ActiveValue, Locked: pool.Locked, PendingWithdrawals: pool.PendingWithdrawals, Free: free,
		Quote: quote, FreeInQuote: math.LegacyZeroDec(), Price: math.LegacyZeroDec(),
	}
	if price, _, err := q.k.oracleKeeper.GetPrice(ctx, types.PricePair(quote)); err == nil {
		res.Price = price
		res.FreeInQuote = math.LegacyNewDecFromInt(free).Quo(oneAMP).Mul(price)
	}
	return res, nil
}

func (q queryServer) Rewards(ctx context.Context, req *types.QueryRewardsRequest) (*types.QueryRewardsResponse, error) {
	pool, err := q.poolOf(ctx, req.GetPartition())
	if err != nil {
		return nil, err
	}
	staker, err := sdk.AccAddressFromBech32(req.GetStaker())
	if err != nil {
		return nil, invalid(err)
	}
	pos, err := q.k.getPosition(ctx, pool, staker)
	if err != nil {
		return nil, err
	}
	return &types.QueryRewardsResponse{Rewards: sdk.NewCoins(sdk.NewCoin(q.k.denom(), pos.UnclaimedRewards.TruncateInt()))}, nil
}

func (q queryServer) Withdrawals(ctx context.Context, req *types.QueryWithdrawalsRequest) (*types.QueryWithdrawalsResponse, error) {
	staker, err := sdk.AccAddressFromBech32(req.GetStaker())
	if err != nil {
		return nil, invalid(err)
	}
	withdrawals, page, err := query.CollectionPaginate(ctx, q.k.WithdrawalsByStaker, req.GetPagination(),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Withdrawal, error) {
			return q.k.Withdrawals.Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](staker))
	if err != nil {
		return nil, invalid(err)
	}
	return &types.QueryWithdrawalsResponse{Withdrawals: withdrawals, Pagination: page}, nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.k.Params.Get(ctx)
	return &types.QueryParamsResponse{Params: params}, err
}

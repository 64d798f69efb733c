package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/ampchain/ampchain/x/oracle/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) Price(ctx context.Context, req *types.QueryPriceRequest) (*types.QueryPriceResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if err := types.ValidatePairName(req.Pair); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	pair, err := q.k.GetPair(ctx, req.Pair)
	if errorsmod.IsOf(err, types.ErrPairNotFound) {
		return nil, status.Errorf(codes.NotFound, "pair %s is not registered", req.Pair)
	}
	if err != nil {
		return nil, err
	}
	price, err := q.k.Prices.Get(ctx, req.Pair)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "pair %s has no price yet", req.Pair)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryPriceResponse{
		Price: price,
		Stale: pair.IsStale(price, sdk.UnwrapSDKContext(ctx).BlockTime()),
	}, nil
}

func (q queryServer) Prices(ctx context.Context, req *types.QueryPricesRequest) (*types.QueryPricesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	prices, page, err := query.CollectionPaginate(ctx, q.k.Prices, req.Pagination,
		func(_ string, p types.Price) (types.Price, error) { return p, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryPricesResponse{Prices: prices, Pagination: page}, nil
}

func (q queryServer) Pair(ctx context.Context, req *types.QueryPairRequest) (*types.QueryPairResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if err := types.ValidatePairName(req.Pair); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	pair, err := q.k.GetPair(ctx, req.Pair)
	if errorsmod.IsOf(err, types.ErrPairNotFound) {
		return nil, status.Errorf(codes.NotFound, "pair %s is not registered", req.Pair)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryPairResponse{Pair: pair}, nil
}

func (q queryServer) Pairs(ctx context.Context, req *types.QueryPairsRequest) (*types.QueryPairsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pairs, page, err := query.CollectionPaginate(ctx, q.k.Pairs, req.Pagination,
		func(_ string, p types.Pair) (types.Pair, error) { return p, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryPairsResponse{Pairs: pairs, Pagination: page}, nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/ampchain/ampchain/x/poa/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) Validators(ctx context.Context, req *types.QueryValidatorsRequest) (*types.QueryValidatorsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	vals, page, err := query.CollectionPaginate(ctx, q.k.Validators, req.Pagination,
		func(_ sdk.ValAddress, v types.Validator) (types.Validator, error) { return v, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryValidatorsResponse{Validators: vals, Pagination: page}, nil
}

func (q queryServer) Validator(ctx context.Context, req *types.QueryValidatorRequest) (*types.QueryValidatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	operator, err := sdk.ValAddressFromBech32(req.ValidatorAddress)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "validator_address %q: %s", req.ValidatorAddress, err)
	}
	v, err := q.k.GetValidator(ctx, operator)
	if errorsmod.IsOf(err, types.ErrValidatorNotFound) {
		return nil, status.Errorf(codes.NotFound, "validator %s not found", req.ValidatorAddress)
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryValidatorResponse{Validator: v}, nil
}

func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: params}, nil
}

func (q queryServer) OutstandingFees(ctx context.Context, req *types.QueryOutstandingFeesRequest) (*types.QueryOutstandingFeesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	operator, err := sdk.ValAddressFromBech32(req.ValidatorAddress)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "validator_address %q: %s", req.ValidatorAddress, err)
	}
	record, err := q.k.OutstandingFees.Get(ctx, operator)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return &types.QueryOutstandingFeesResponse{Fees: sdk.DecCoins{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &types.QueryOutstandingFeesResponse{Fees: record.Outstanding}, nil
}

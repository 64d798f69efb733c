package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/ampchain/ampchain/x/amp/types"
)

type queryServer struct {
	k *Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

func parseAddress(field, s string) (sdk.AccAddress, error) {
	addr, err := sdk.AccAddressFromBech32(s)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "%s %q: %s", field, s, err)
	}
	return addr, nil
}

func parsePartition(s string) (types.Partition, error) {
	p, err := types.ParsePartition(s)
	if err != nil {
		return p, status.Error(codes.InvalidArgument, err.Error())
	}
	return p, nil
}

func (q queryServer) BalanceOf(ctx context.Context, req *types.QueryBalanceOfRequest) (*types.QueryBalanceOfResponse, error) {
	holder, err := parseAddress("holder", req.GetHolder())
	if err != nil {
		return nil, err
	}
	amount, err := q.k.BalanceOf(ctx, holder)
	if err != nil {
		return nil, err
	}
	return &types.QueryBalanceOfResponse{Amount: amount}, nil
}

func (q queryServer) BalanceOfByPartition(ctx context.Context, req *types.QueryBalanceOfByPartitionRequest) (*types.QueryBalanceOfByPartitionResponse, error) {
	partition, err := parsePartition(req.GetPartition())
	if err != nil {
		return nil, err
	}
	holder, err := parseAddress("holder", req.GetHolder())
	if err != nil {
		return nil, err
	}
	amount, err := q.k.BalanceOfByPartition(ctx, partition, holder)
	if err != nil {
		return nil, err
	}
	return &types.QueryBalanceOfByPartitionResponse{Amount: amount}, nil
}

// PartitionsOf lists the default partition first (when the bank balance is
// not zero) and then the holder's other partitions in key order.
func (q queryServer) PartitionsOf(ctx context.Context, req *types.QueryPartitionsOfRequest) (*types.QueryPartitionsOfResponse, error) {
	holder, err := parseAddress("holder", req.GetHolder())
	if err != nil {
		return nil, err
	}
	partitions, page, err := query.CollectionPaginate(ctx, q.k.Balances, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, []byte], _ math.Int) (string, error) {
			p, err := types.PartitionFromBytes(key.K2())
			return p.String(), err
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, []byte](holder))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	if firstPage(req.Pagination) && q.k.bankKeeper.GetBalance(ctx, holder, q.k.denom).Amount.IsPositive() {
		partitions = append([]string{types.DefaultPartition.String()}, partitions...)
	}
	return &types.QueryPartitionsOfResponse{Partitions: partitions, Pagination: page}, nil
}

func firstPage(p *query.PageRequest) bool {
	return p == nil || (len(p.Key) == 0 && p.Offset == 0)
}

func (q queryServer) TotalSupply(ctx context.Context, _ *types.QueryTotalSupplyRequest) (*types.QueryTotalSupplyResponse, error) {
	return &types.QueryTotalSupplyResponse{Amount: q.k.bankKeeper.GetSupply(ctx, q.k.denom).Amount}, nil
}

// TotalPartitions lists the default partition first, as the contract does
// from deployment, and then every partition with a non-zero supply.
func (q queryServer) TotalPartitions(ctx context.Context, req *types.QueryTotalPartitionsRequest) (*types.QueryTotalPartitionsResponse, error) {
	partitions, page, err := query.CollectionPaginate(ctx, q.k.PartitionSupply, req.GetPagination(),
		func(key []byte, _ math.Int) (string, error) {
			p, err := types.PartitionFromBytes(key)
			return p.String(), err
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	if firstPage(req.GetPagination()) {
		partitions = append([]string{types.DefaultPartition.String()}, partitions...)
	}
	return &types.QueryTotalPartitionsResponse{Partitions: partitions, Pagination: page}, nil
}

func (q queryServer) TotalSupplyByPartition(ctx context.Context, req *types.QueryTotalSupplyByPartitionRequest) (*types.QueryTotalSupplyByPartitionResponse, error) {
	partition, err := parsePartition(req.GetPartition())
	if err != nil {
		return nil, err
	}
	amount, err := q.k.TotalSupplyByPartition(ctx, partition)
	if err != nil {
		return nil, err
	}
	return &types.QueryTotalSupplyByPartitionResponse{Amount: amount}, nil
}

func (q queryServer) IsOperator(ctx context.Context, req *types.QueryIsOperatorRequest) (*types.QueryIsOperatorResponse, error) {
	operator, err := parseAddress("operator", req.GetOperator())
	if err != nil {
		return nil, err
	}
	holder, err := parseAddress("holder", req.GetHolder())
	if err != nil {
		return nil, err
	}
	ok, err := q.k.IsOperator(ctx, operator, holder)
	return &types.QueryIsOperatorResponse{IsOperator: ok}, err
}

func (q queryServer) IsOperatorForPartition(ctx context.Context, req *types.QueryIsOperatorForPartitionRequest) (*types.QueryIsOperatorForPartitionResponse, error) {
	partition, err := parsePartition(req.GetPartition())
	if err != nil {
		return nil, err
	}
	operator, err := parseAddress("operator", req.GetOperator())
	if err != nil {
		return nil, err
	}
	holder, err := parseAddress("holder", req.GetHolder())
	if err != nil {
		return nil, err
	}
	ok, err := q.k.IsOperatorForPartition(ctx, partition, operator, holder)
	return &types.QueryIsOperatorForPartitionResponse{IsOperator: ok}, err
}

func (q queryServer) IsOperatorForCollateralManager(ctx context.Context, req *types.QueryIsOperatorForCollateralManagerRequest) (*types.QueryIsOperatorForCollateralManagerResponse, error) {
	partition, err := parsePartition(req.GetPartition())
	if err != nil {
		return nil, err
	}
	operator, err := parseAddress("operator", req.GetOperator())
	if err != nil {
		return nil, err
	}
	manager, err := parseAddress("manager", req.GetManager())
	if err != nil {
		return nil, err
	}
	ok, err := q.k.IsOperatorForCollateralManager(ctx, partition, operator, manager)
	return &types.QueryIsOperatorForCollateralManagerResponse{IsOperator: ok}, err
}

func (q queryServer) Allowance(ctx context.Context, req *types.QueryAllowanceRequest) (*types.QueryAllowanceResponse, error) {
	owner, err := parseAddress("owner", req.GetOwner())
	if err != nil {
		return nil, err
	}
	spender, err := parseAddress("spender", req.GetSpender())
	if err != nil {
		return nil, err
	}
	amount, err := q.k.AllowanceByPartition(ctx, types.DefaultPartition, owner, spender)
	return &types.QueryAllowanceResponse{Amount: amount}, err
}

func (q queryServer) AllowanceByPartition(ctx context.Context, req *types.QueryAllowanceByPartitionRequest) (*types.QueryAllowanceByPartitionResponse, error) {
	partition, err := parsePartition(req.GetPartition())
	if err != nil {
		return nil, err
	}
	owner, err := parseAddress("owner", req.GetOwner())
	if err != nil {
		return nil, err
	}
	spender, err := parseAddress("spender", req.GetSpender())
	if err != nil {
		return nil, err
	}
	amount, err := q.k.AllowanceByPartition(ctx, partition, owner, spender)
	return &types.QueryAllowanceByPartitionResponse{Amount: amount}, err
}

func (q queryServer) CollateralManagers(ctx context.Context, req *types.QueryCollateralManagersRequest) (*types.QueryCollateralManagersResponse, error) {
	managers, page, err := query.CollectionPaginate(ctx, q.k.CollateralManagers, req.GetPagination(),
		func(addr sdk.AccAddress, _ collections.NoValue) (string, error) { return addr.String(), nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryCollateralManagersResponse{Managers: managers, Pagination: page}, nil
}

func (q queryServer) IsCollateralManager(ctx context.Context, req *types.QueryIsCollateralManagerRequest) (*types.QueryIsCollateralManagerResponse, error) {
	addr, err := parseAddress("address", req.GetAddress())
	if err != nil {
		return nil, err
	}
	ok, err := q.k.IsCollateralManager(ctx, addr)
	return &types.QueryIsCollateralManagerResponse{IsCollateralManager: ok}, err
}

func (q queryServer) PartitionStrategies(ctx context.Context, req *types.QueryPartitionStrategiesRequest) (*types.QueryPartitionStrategiesResponse, error) {
	strategies, page, err := query.CollectionPaginate(ctx, q.k.Strategies, req.GetPagination(),
		func(prefix []byte, name string) (types.PartitionStrategy, error) {
			p, err := types.PrefixFromBytes(prefix)
			return types.PartitionStrategy{Prefix: p.String(), Strategy: name}, err
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryPartitionStrategiesResponse{Strategies: strategies, Pagination: page}, nil
}

func (q queryServer) IsPartitionStrategy(ctx context.Context, req *types.QueryIsPartitionStrategyRequest) (*types.QueryIsPartitionStrategyResponse, error) {
	prefix, err := types.ParsePrefix(req.GetPrefix())
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	ok, err := q.k.Strategies.Has(ctx, prefix.Bytes())
	return &types.QueryIsPartitionStrategyResponse{IsPartitionStrategy: ok}, err
}

func (q queryServer) TokenInfo(context.Context, *types.QueryTokenInfoRequest) (*types.QueryTokenInfoResponse, error) {
	return &types.QueryTokenInfoResponse{Info: types.TokenInfo{
		Name:        types.TokenName,
		Symbol:      types.TokenSymbol,
		Decimals:    types.Decimals,
		Granularity: math.NewInt(types.Granularity),
		Denom:       q.k.denom,
	}}, nil
}

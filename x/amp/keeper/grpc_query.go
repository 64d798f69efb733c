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
	hasDefault := q.k.bankKeeper.GetBalance(ctx, holder, q.k.denom).Amount.IsPositive()
	partitions, page, err := pageWithDefault(req.Pagination, hasDefault, func(pr *query.PageRequest) ([]string, *query.PageResponse, error) {
		return query.CollectionPaginate(ctx, q.k.Balances, pr,
			func(key collections.Pair[sdk.AccAddress, []byte], _ math.Int) (string, error) {
				p, err := types.PartitionFromBytes(key.K2())
				return p.String(), err
			},
			query.WithCollectionPaginationPairPrefix[sdk.AccAddress, []byte](holder))
	})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryPartitionsOfResponse{Partitions: partitions, Pagination: page}, nil
}

// pageWithDefault pages a list that starts with the default partition (when
// withDefault) and goes on with a collection's entries, all non-default:
// the default partition counts against limit, offset and total like any
// other entry. Store keys are partition bytes, so a next key of 32 zero
// bytes (the default partition) starts at the first stored entry.
func pageWithDefault(req *query.PageRequest, withDefault bool,
	fetch func(*query.PageRequest) ([]string, *query.PageResponse, error),
) ([]string, *query.PageResponse, error) {
	if !withDefault || (req != nil && len(req.Key) > 0) {
		return fetch(req)
	}
	r := query.PageRequest{}
	if req != nil {
		r = *req
	}
	if r.Offset > 0 {
		r.Offset-- // slot 0 is the default partition
		items, page, err := fetch(&r)
		if err == nil && page != nil && r.CountTotal {
			page.Total++
		}
		return items, page, err
	}
	if r.Limit == 0 {
		r.Limit = query.DefaultLimit
	}
	head := []string{types.DefaultPartition.String()}
	if r.Limit == 1 {
		items, page, err := fetch(&query.PageRequest{Limit: 1, CountTotal: r.CountTotal})
		if err != nil {
			return nil, nil, err
		}
		out := &query.PageResponse{}
		if page != nil && r.CountTotal {
			out.Total = page.Total + 1
		}
		if len(items) > 0 {
			out.NextKey = types.DefaultPartition.Bytes()
		}
		return head, out, nil
	}
	r.Limit--
	items, page, err := fetch(&r)
	if err != nil {
		return nil, nil, err
	}
	if page != nil && r.CountTotal {
		page.Total++
	}
	return append(head, items...), page, nil
}

func (q queryServer) TotalSupply(ctx context.Context, _ *types.QueryTotalSupplyRequest) (*types.QueryTotalSupplyResponse, error) {
	return &types.QueryTotalSupplyResponse{Amount: q.k.bankKeeper.GetSupply(ctx, q.k.denom).Amount}, nil
}

// TotalPartitions lists the default partition first, as the contract does
// from deployment, and then every partition with a non-zero supply.
func (q queryServer) TotalPartitions(ctx context.Context, req *types.QueryTotalPartitionsRequest) (*types.QueryTotalPartitionsResponse, error) {
	partitions, page, err := pageWithDefault(req.GetPagination(), true, func(pr *query.PageRequest) ([]string, *query.PageResponse, error) {
		return query.CollectionPaginate(ctx, q.k.PartitionSupply, pr,
			func(key []byte, _ math.Int) (string, error) {
				p, err := types.PartitionFromBytes(key)
				return p.String(), err
			})
	})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
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

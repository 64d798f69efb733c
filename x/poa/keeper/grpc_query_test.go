package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/keeper"
	"github.com/ampchain/ampchain/x/poa/types"
)

func TestQueryServer(t *testing.T) {
	vals := threeOfTen()
	f := newFixture(t, vals...)
	q := keeper.NewQueryServerImpl(f.k)

	all, err := q.Validators(f.ctx, &types.QueryValidatorsRequest{})
	require.NoError(t, err)
	require.Len(t, all.Validators, 3)
	page, err := q.Validators(f.ctx, &types.QueryValidatorsRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, page.Validators, 2)
	require.Equal(t, uint64(3), page.Pagination.Total)

	one, err := q.Validator(f.ctx, &types.QueryValidatorRequest{ValidatorAddress: vals[1].ValAddress().String()})
	require.NoError(t, err)
	require.Equal(t, "b", one.Validator.Moniker)
	require.Equal(t, int64(10), one.Validator.Power)

	_, err = q.Validator(f.ctx, &types.QueryValidatorRequest{ValidatorAddress: sdk.ValAddress(f.stranger.Address).String()})
	require.Equal(t, codes.NotFound, status.Code(err))
	_, err = q.Validator(f.ctx, &types.QueryValidatorRequest{ValidatorAddress: "bogus"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = q.Validator(f.ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
	_, err = q.Validators(f.ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	params, err := q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, f.admin.Address.String(), params.Params.Admin)

	fees, err := q.OutstandingFees(f.ctx, &types.QueryOutstandingFeesRequest{ValidatorAddress: vals[0].ValAddress().String()})
	require.NoError(t, err)
	require.True(t, fees.Fees.IsZero())
	owed := sdk.NewDecCoinsFromCoins(sdk.NewInt64Coin("aamp", 3))
	require.NoError(t, f.k.OutstandingFees.Set(f.ctx, vals[0].ValAddress(), types.ValidatorFees{OperatorAddress: vals[0].ValAddress().String(), Outstanding: owed}))
	fees, err = q.OutstandingFees(f.ctx, &types.QueryOutstandingFeesRequest{ValidatorAddress: vals[0].ValAddress().String()})
	require.NoError(t, err)
	require.Equal(t, owed, fees.Fees)
	_, err = q.OutstandingFees(f.ctx, &types.QueryOutstandingFeesRequest{ValidatorAddress: apptesting.NewAccount("x").Address.String()})
	require.Equal(t, codes.InvalidArgument, status.Code(err), "an account address is not an operator address")
	_, err = q.OutstandingFees(f.ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

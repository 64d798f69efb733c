package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/keeper"
	"github.com/ampchain/ampchain/x/poa/types"
)

type routeRecorder map[string]sdk.Invariant

func (r routeRecorder) RegisterRoute(module, route string, inv sdk.Invariant) {
	r[module+"/"+route] = inv
}

func TestRegisterInvariants(t *testing.T) {
	r := routeRecorder{}
	keeper.RegisterInvariants(r, newFixture(t, threeOfTen()...).k)
	require.Contains(t, r, "poa/fees-backed")
	require.Contains(t, r, "poa/consensus-index")
	require.Len(t, r, 2)
}

func TestFeesBackedInvariant(t *testing.T) {
	fees := sdk.NewCoins(sdk.NewInt64Coin("aamp", 100))
	tests := []struct {
		name       string
		corrupt    func(t *testing.T, f *fixture)
		wantBroken bool
	}{
		{"fresh chain", func(*testing.T, *fixture) {}, false},
		{
			name: "fees owed without coins in the module",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.k.OutstandingFees.Set(f.ctx, f.vals[0].ValAddress(), types.ValidatorFees{
					OperatorAddress: f.vals[0].ValAddress().String(), Outstanding: sdk.NewDecCoinsFromCoins(fees...),
				}))
			},
			wantBroken: true,
		},
		{
			name: "coins in the module owed to nobody",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.stranger.Address, types.ModuleName, fees))
			},
			wantBroken: true,
		},
		{
			name: "coins and debts that match",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.stranger.Address, types.ModuleName, fees))
				half := sdk.NewDecCoinsFromCoins(sdk.NewInt64Coin("aamp", 50))
				for _, v := range f.vals[:2] {
					require.NoError(t, f.k.OutstandingFees.Set(f.ctx, v.ValAddress(), types.ValidatorFees{
						OperatorAddress: v.ValAddress().String(), Outstanding: half,
					}))
				}
			},
			wantBroken: false,
		},
		{
			name: "debts one coin short of the coins",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.stranger.Address, types.ModuleName, fees))
				require.NoError(t, f.k.OutstandingFees.Set(f.ctx, f.vals[0].ValAddress(), types.ValidatorFees{
					OperatorAddress: f.vals[0].ValAddress().String(), Outstanding: sdk.NewDecCoinsFromCoins(sdk.NewInt64Coin("aamp", 99)),
				}))
			},
			wantBroken: true,
		},
		{
			name: "fees still in the fee collector are not the module's",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.app.BankKeeper.SendCoinsFromAccountToModule(f.ctx, f.stranger.Address, authtypes.FeeCollectorName, fees))
			},
			wantBroken: false,
		},
	}
	shared := newFixture(t, threeOfTen()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := shared.branch()
			tc.corrupt(t, f)
			msg, broken := keeper.FeesBackedInvariant(f.k)(f.ctx)
			require.Equal(t, tc.wantBroken, broken, msg)
			require.Contains(t, msg, "fees-backed")
			_, indexBroken := keeper.ConsensusIndexInvariant(f.k)(f.ctx)
			require.False(t, indexBroken)
		})
	}
}

func TestConsensusIndexInvariant(t *testing.T) {
	tests := []struct {
		name       string
		corrupt    func(t *testing.T, f *fixture)
		wantBroken bool
	}{
		{"fresh chain", func(*testing.T, *fixture) {}, false},
		{
			name: "a validator without index entry",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.k.ValidatorsByCons.Remove(f.ctx, f.vals[0].ConsAddress()))
			},
			wantBroken: true,
		},
		{
			name: "an index entry pointing at another operator",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.k.ValidatorsByCons.Set(f.ctx, f.vals[0].ConsAddress(), f.vals[1].ValAddress()))
			},
			wantBroken: true,
		},
		{
			name: "an index entry for no validator",
			corrupt: func(t *testing.T, f *fixture) {
				stray := apptesting.NewValidator("stray", 0)
				require.NoError(t, f.k.ValidatorsByCons.Set(f.ctx, stray.ConsAddress(), stray.ValAddress()))
			},
			wantBroken: true,
		},
		{
			name: "a validator removed with its entry",
			corrupt: func(t *testing.T, f *fixture) {
				require.NoError(t, f.remove(f.ctx, f.admin.Address, f.vals[2]))
			},
			wantBroken: false,
		},
	}
	shared := newFixture(t, threeOfTen()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := shared.branch()
			tc.corrupt(t, f)
			msg, broken := keeper.ConsensusIndexInvariant(f.k)(f.ctx)
			require.Equal(t, tc.wantBroken, broken, msg)
		})
	}
}

package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/header"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/poa/types"
)

func TestGovHooksAdmitOnlyActiveValidators(t *testing.T) {
	vals := append(threeOfTen(), apptesting.NewValidator("d", 10))
	idle := apptesting.NewValidator("idle", 0)
	f := newFixture(t, append(vals, idle)...)
	removed := vals[3]
	require.NoError(t, f.remove(f.ctx, f.admin.Address, removed))
	hooks := f.k.GovHooks()

	actions := map[string]func(sdk.AccAddress) error{
		"submit":  func(addr sdk.AccAddress) error { return hooks.AfterProposalSubmission(f.ctx, 1, addr) },
		"deposit": func(addr sdk.AccAddress) error { return hooks.AfterProposalDeposit(f.ctx, 1, addr) },
		"vote":    func(addr sdk.AccAddress) error { return hooks.AfterProposalVote(f.ctx, 1, addr) },
	}
	refused := map[string]sdk.AccAddress{
		"stranger":             f.stranger.Address,
		"admin (no validator)": f.admin.Address,
		"candidate":            idle.Address,
		"removed validator":    removed.Address,
	}
	for action, do := range actions {
		for who, addr := range refused {
			require.ErrorIsf(t, do(addr), types.ErrNotValidator, "%s may not %s", who, action)
		}
		require.NoErrorf(t, do(vals[0].Address), "an active validator may %s", action)
	}
	require.NoError(t, hooks.AfterProposalFailedMinDeposit(f.ctx, 1))
	require.NoError(t, hooks.AfterProposalVotingPeriodEnded(f.ctx, 1))
	requireInvariants(t, f.ctx, f.k)
}

// Through x/gov's own message server the hooks' registered error reaches
// the caller intact.
func TestGovMessagesRefuseNonValidators(t *testing.T) {
	vals := threeOfTen()
	idle := apptesting.NewValidator("idle", 0)
	f := newFixture(t, append(vals, idle)...)
	now := time.Unix(1_700_000_100, 0).UTC()
	ctx := f.ctx.WithBlockTime(now).WithHeaderInfo(header.Info{Height: 1, Time: now, ChainID: apptesting.ChainID})
	gov := govkeeper.NewMsgServerImpl(f.app.GovKeeper)
	govAddr := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	minDeposit := apptesting.AMP(1000)

	submit := func(proposer sdk.AccAddress) (*govv1.MsgSubmitProposalResponse, error) {
		msg, err := govv1.NewMsgSubmitProposal([]sdk.Msg{&types.MsgUpdateParams{Authority: govAddr, Params: types.NewParams(govAddr)}},
			minDeposit, proposer.String(), "", "hand over", "make governance the admin", false)
		require.NoError(t, err)
		return gov.SubmitProposal(ctx, msg)
	}
	_, err := submit(f.stranger.Address)
	require.ErrorIs(t, err, types.ErrNotValidator)
	_, err = submit(idle.Address)
	require.ErrorIs(t, err, types.ErrNotValidator)

	res, err := submit(vals[0].Address)
	require.NoError(t, err)
	id := res.ProposalId
	proposal, err := f.app.GovKeeper.Proposals.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusVotingPeriod, proposal.Status)

	_, err = gov.Deposit(ctx, govv1.NewMsgDeposit(f.stranger.Address, id, apptesting.AMP(10)))
	require.ErrorIs(t, err, types.ErrNotValidator)
	_, err = gov.Deposit(ctx, govv1.NewMsgDeposit(vals[2].Address, id, apptesting.AMP(10)))
	require.NoError(t, err)
	_, err = gov.Vote(ctx, govv1.NewMsgVote(f.stranger.Address, id, govv1.OptionYes, ""))
	require.ErrorIs(t, err, types.ErrNotValidator)
	_, err = gov.Vote(ctx, govv1.NewMsgVote(idle.Address, id, govv1.OptionYes, ""))
	require.ErrorIs(t, err, types.ErrNotValidator)
	_, err = gov.Vote(ctx, govv1.NewMsgVote(vals[1].Address, id, govv1.OptionYes, ""))
	require.NoError(t, err)
}

func TestTallyByPower(t *testing.T) {
	a, b, c := apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 20), apptesting.NewValidator("c", 30)
	gone := apptesting.NewValidator("gone", 5)
	idle := apptesting.NewValidator("idle", 0)
	f := newFixture(t, a, b, c, gone, idle)
	// gone votes while a validator, then is removed before the tally.
	require.NoError(t, f.remove(f.ctx, f.admin.Address, gone))
	gk := f.app.GovKeeper

	const id, otherID = uint64(1), uint64(2)
	vote := func(proposal uint64, voter sdk.AccAddress, options ...*govv1.WeightedVoteOption) {
		require.NoError(t, gk.Votes.Set(f.ctx, collections.Join(proposal, voter), govv1.Vote{
			ProposalId: proposal, Voter: voter.String(), Options: options,
		}))
	}
	single := func(o govv1.VoteOption) *govv1.WeightedVoteOption {
		return &govv1.WeightedVoteOption{Option: o, Weight: "1.000000000000000000"}
	}
	vote(id, a.Address, single(govv1.OptionYes))
	vote(id, b.Address, single(govv1.OptionNo))
	vote(id, c.Address,
		&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "0.500000000000000000"},
		&govv1.WeightedVoteOption{Option: govv1.OptionAbstain, Weight: "0.500000000000000000"})
	vote(id, idle.Address, single(govv1.OptionNoWithVeto))
	vote(id, f.stranger.Address, single(govv1.OptionNoWithVeto))
	vote(id, gone.Address, single(govv1.OptionNoWithVeto))
	vote(otherID, a.Address, single(govv1.OptionNo))

	proposal := govv1.Proposal{Id: id, Status: govv1.StatusVotingPeriod}
	voted, total, results, err := f.k.TallyFn()(f.ctx, *gk, proposal)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(60), total, "total is the active set's power: the removed and the candidate add nothing")
	require.Equal(t, math.LegacyNewDec(60), voted, "only the three validators' votes count")
	require.Equal(t, math.LegacyNewDec(25), results[govv1.OptionYes])
	require.Equal(t, math.LegacyNewDec(20), results[govv1.OptionNo])
	require.Equal(t, math.LegacyNewDec(15), results[govv1.OptionAbstain])
	require.Equal(t, math.LegacyZeroDec(), results[govv1.OptionNoWithVeto], "non-validators' vetoes are ignored")

	// Every vote on the proposal is gone, counted or not; other proposals keep theirs.
	n := 0
	require.NoError(t, gk.Votes.Walk(f.ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id),
		func(collections.Pair[uint64, sdk.AccAddress], govv1.Vote) (bool, error) { n++; return false, nil }))
	require.Zero(t, n)
	has, err := gk.Votes.Has(f.ctx, collections.Join(otherID, a.Address))
	require.NoError(t, err)
	require.True(t, has)
	requireInvariants(t, f.ctx, f.k)
}

// x/gov's Tally uses the power tally: two validators outvote three by power.
func TestGovTallyPassesByPower(t *testing.T) {
	big := apptesting.NewValidator("big", 50)
	small := []apptesting.Validator{
		apptesting.NewValidator("s1", 10), apptesting.NewValidator("s2", 10), apptesting.NewValidator("s3", 10),
	}
	mid := apptesting.NewValidator("mid", 5)
	f := newFixture(t, append(small, big, mid)...)
	gk := f.app.GovKeeper
	const id = uint64(7)
	yes := []*govv1.WeightedVoteOption{{Option: govv1.OptionYes, Weight: "1.000000000000000000"}}
	no := []*govv1.WeightedVoteOption{{Option: govv1.OptionNo, Weight: "1.000000000000000000"}}
	set := func(voter sdk.AccAddress, options []*govv1.WeightedVoteOption) {
		require.NoError(t, gk.Votes.Set(f.ctx, collections.Join(id, voter), govv1.Vote{ProposalId: id, Voter: voter.String(), Options: options}))
	}
	set(big.Address, yes)
	set(mid.Address, yes)
	for _, s := range small {
		set(s.Address, no)
	}
	passes, burn, tally, err := gk.Tally(f.ctx, govv1.Proposal{Id: id, Status: govv1.StatusVotingPeriod})
	require.NoError(t, err)
	require.True(t, passes, "55 of 85 say yes")
	require.False(t, burn)
	require.Equal(t, "55", tally.YesCount)
	require.Equal(t, "30", tally.NoCount)
}

func TestTallyRejectsMalformedWeight(t *testing.T) {
	f := newFixture(t, threeOfTen()...)
	gk := f.app.GovKeeper
	require.NoError(t, gk.Votes.Set(f.ctx, collections.Join(uint64(1), f.vals[0].Address), govv1.Vote{
		ProposalId: 1, Voter: f.vals[0].Address.String(),
		Options: []*govv1.WeightedVoteOption{{Option: govv1.OptionYes, Weight: "lots"}},
	}))
	_, _, _, err := f.k.TallyFn()(f.ctx, *gk, govv1.Proposal{Id: 1})
	require.ErrorContains(t, err, "lots")
}

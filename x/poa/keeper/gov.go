package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/ampchain/ampchain/x/poa/types"
)

// GovHooks restricts governance to active validators: x/gov aborts the
// submission, deposit or vote when a hook returns an error.
type GovHooks struct {
	k Keeper
}

var _ govtypes.GovHooks = GovHooks{}

// GovHooks returns the hooks to register with x/gov.
func (k Keeper) GovHooks() GovHooks { return GovHooks{k: k} }

func (h GovHooks) requireValidator(ctx context.Context, addr sdk.AccAddress, action string) error {
	active, err := h.k.IsActiveValidatorAccount(ctx, addr)
	if err != nil {
		return err
	}
	if !active {
		return errorsmod.Wrapf(types.ErrNotValidator, "%s may not %s: not an active validator's operator", addr, action)
	}
	return nil
}

func (h GovHooks) AfterProposalSubmission(ctx context.Context, _ uint64, proposer sdk.AccAddress) error {
	return h.requireValidator(ctx, proposer, "submit a proposal")
}

func (h GovHooks) AfterProposalDeposit(ctx context.Context, _ uint64, depositor sdk.AccAddress) error {
	return h.requireValidator(ctx, depositor, "deposit")
}

func (h GovHooks) AfterProposalVote(ctx context.Context, _ uint64, voter sdk.AccAddress) error {
	return h.requireValidator(ctx, voter, "vote")
}

func (GovHooks) AfterProposalFailedMinDeposit(context.Context, uint64) error  { return nil }
func (GovHooks) AfterProposalVotingPeriodEnded(context.Context, uint64) error { return nil }

// TallyFn counts each vote with the voter's validator power at tally time;
// quorum and threshold are measured against the active set's total power.
// Like the default tally it deletes the proposal's votes.
func (k Keeper) TallyFn() govkeeper.CalculateVoteResultsAndVotingPowerFn {
	return func(ctx context.Context, gk govkeeper.Keeper, proposal govv1.Proposal) (math.LegacyDec, math.Int, map[govv1.VoteOption]math.LegacyDec, error) {
		active, err := k.ActiveValidators(ctx)
		if err != nil {
			return math.LegacyDec{}, math.Int{}, nil, err
		}
		powerOf := make(map[string]int64, len(active))
		totalPower := math.ZeroInt()
		for _, v := range active {
			operator, err := v.OperatorBytes()
			if err != nil {
				return math.LegacyDec{}, math.Int{}, nil, err
			}
			powerOf[string(operator)] = v.Power
			totalPower = totalPower.AddRaw(v.Power)
		}

		results := map[govv1.VoteOption]math.LegacyDec{
			govv1.OptionYes:        math.LegacyZeroDec(),
			govv1.OptionAbstain:    math.LegacyZeroDec(),
			govv1.OptionNo:         math.LegacyZeroDec(),
			govv1.OptionNoWithVeto: math.LegacyZeroDec(),
		}
		voted := math.LegacyZeroDec()
		var counted []collections.Pair[uint64, sdk.AccAddress]
		rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](proposal.Id)
		err = gk.Votes.Walk(ctx, rng, func(key collections.Pair[uint64, sdk.AccAddress], vote govv1.Vote) (bool, error) {
			counted = append(counted, key)
			power, ok := powerOf[string(key.K2())]
			if !ok {
				return false, nil
			}
			p := math.LegacyNewDec(power)
			for _, option := range vote.Options {
				weight, err := math.LegacyNewDecFromStr(option.Weight)
				if err != nil {
					return true, fmt.Errorf("vote of %s: weight %q: %w", key.K2(), option.Weight, err)
				}
				results[option.Option] = results[option.Option].Add(p.Mul(weight))
			}
			voted = voted.Add(p)
			return false, nil
		})
		if err != nil {
			return math.LegacyDec{}, math.Int{}, nil, err
		}
		for _, key := range counted {
			if err := gk.Votes.Remove(ctx, key); err != nil {
				return math.LegacyDec{}, math.Int{}, nil, err
			}
		}
		return voted, totalPower, results, nil
	}
}

package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/evidence/exported"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app/apptesting"
	poakeeper "github.com/ampchain/ampchain/x/poa/keeper"
	poatypes "github.com/ampchain/ampchain/x/poa/types"
)

func doubleSign(v apptesting.Validator, height int64, ch *chain, total int64) abci.Misbehavior {
	return abci.Misbehavior{
		Type:             abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator:        abci.Validator{Address: v.ConsAddress(), Power: v.Power},
		Height:           height,
		Time:             ch.time,
		TotalVotingPower: total,
	}
}

func fourOfTen() []apptesting.Validator {
	return []apptesting.Validator{
		apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 10),
		apptesting.NewValidator("c", 10), apptesting.NewValidator("d", 10),
	}
}

func storedEvidence(t *testing.T, ch *chain) int {
	t.Helper()
	n := 0
	require.NoError(t, ch.app.EvidenceKeeper.Evidences.Walk(ch.state(), nil, func([]byte, exported.Evidence) (bool, error) {
		n++
		return false, nil
	}))
	return n
}

func TestDoubleSignRemovesValidator(t *testing.T) {
	vals := fourOfTen()
	b := vals[1]
	ch := newChain(t, apptesting.Options{Validators: vals})
	pa := ch.app
	ch.finalize()

	res := ch.finalize(doubleSign(b, 1, ch, 40))

	removed := typedEvents[*poatypes.EventValidatorRemoved](t, res.Events)
	require.Equal(t, []*poatypes.EventValidatorRemoved{{
		OperatorAddress: b.ValAddress().String(), ConsensusAddress: b.ConsAddress().String(), Reason: poatypes.RemovalReasonDoubleSign,
	}}, removed)
	require.Equal(t, []abci.ValidatorUpdate{{PubKey: cmtKey(t, b), Power: 0}}, res.ValidatorUpdates)

	state := ch.state()
	_, err := pa.PoAKeeper.GetValidator(state, b.ValAddress())
	require.ErrorIs(t, err, poatypes.ErrValidatorNotFound)
	tomb, err := pa.PoAKeeper.Tombstoned.Has(state, b.ConsAddress())
	require.NoError(t, err)
	require.True(t, tomb, "the consensus key is tombstoned")
	has, err := pa.PoAKeeper.LastValidatorSet.Has(state, b.ConsAddress())
	require.NoError(t, err)
	require.False(t, has)
	total, err := pa.PoAKeeper.TotalPower(state)
	require.NoError(t, err)
	require.Equal(t, int64(30), total)
	require.Equal(t, 1, storedEvidence(t, ch))
	// CometBFT keeps b signing for two more heights: its key must still verify.
	pk, err := pa.PoAKeeper.GetPubKeyByConsAddr(state, b.ConsAddress())
	require.NoError(t, err)
	require.Equal(t, cmtKey(t, b), pk)
	requireInvariants(t, state, pa.PoAKeeper)

	// Neither b nor anyone else may bring the key back.
	ctx := ch.blockCtx()
	msgs := poakeeper.NewMsgServerImpl(pa.PoAKeeper)
	for _, operator := range []sdk.AccAddress{b.Address, apptesting.NewAccount("accomplice").Address} {
		msg, err := poatypes.NewMsgCreateValidator(operator, b.ConsKey.PubKey(), "b-again")
		require.NoError(t, err)
		_, err = msgs.CreateValidator(ctx, msg)
		require.ErrorIs(t, err, poatypes.ErrConsensusKeyTombstone)
	}

	// The same evidence again, reported late, changes nothing.
	res = ch.finalize(doubleSign(b, 1, ch, 40))
	require.Empty(t, res.ValidatorUpdates)
	require.Empty(t, typedEvents[*poatypes.EventValidatorRemoved](t, res.Events))
	total, err = pa.PoAKeeper.TotalPower(ch.state())
	require.NoError(t, err)
	require.Equal(t, int64(30), total)
	requireInvariants(t, ch.state(), pa.PoAKeeper)
}

// Evidence is not bound by the admin's 1/3 budget: two of four validators
// double-signing in one block are both removed.
func TestDoubleSignBeyondOneThird(t *testing.T) {
	vals := fourOfTen()
	ch := newChain(t, apptesting.Options{Validators: vals})
	ch.finalize()
	res := ch.finalize(doubleSign(vals[1], 1, ch, 40), doubleSign(vals[2], 1, ch, 40))
	require.ElementsMatch(t, []abci.ValidatorUpdate{
		{PubKey: cmtKey(t, vals[1]), Power: 0}, {PubKey: cmtKey(t, vals[2]), Power: 0},
	}, res.ValidatorUpdates)
	require.Len(t, typedEvents[*poatypes.EventValidatorRemoved](t, res.Events), 2)
	total, err := ch.app.PoAKeeper.TotalPower(ch.state())
	require.NoError(t, err)
	require.Equal(t, int64(20), total)
	requireInvariants(t, ch.state(), ch.app.PoAKeeper)
}

// Evidence against every validator at once leaves the last one standing.
func TestDoubleSignByEveryoneKeepsOne(t *testing.T) {
	vals := fourOfTen()
	ch := newChain(t, apptesting.Options{Validators: vals})
	ch.finalize()
	var evidence []abci.Misbehavior
	for _, v := range vals {
		evidence = append(evidence, doubleSign(v, 1, ch, 40))
	}
	res := ch.finalize(evidence...)
	require.Len(t, res.ValidatorUpdates, 3)
	active, err := ch.app.PoAKeeper.ActiveValidators(ch.state())
	require.NoError(t, err)
	require.Len(t, active, 1)
	requireInvariants(t, ch.state(), ch.app.PoAKeeper)
}

func TestDoubleSignAgainstOnlyValidatorKeepsIt(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	ch := newChain(t, apptesting.Options{Validators: []apptesting.Validator{solo}})
	ch.finalize()
	res := ch.finalize(doubleSign(solo, 1, ch, 10))
	require.Empty(t, res.ValidatorUpdates)
	require.Empty(t, typedEvents[*poatypes.EventValidatorRemoved](t, res.Events))
	v, err := ch.app.PoAKeeper.GetValidator(ch.state(), solo.ValAddress())
	require.NoError(t, err)
	require.Equal(t, int64(10), v.Power)
	require.Equal(t, map[string]int64{solo.ConsAddress().String(): 10}, func() map[string]int64 {
		out := map[string]int64{}
		require.NoError(t, ch.app.PoAKeeper.LastValidatorSet.Walk(ch.state(), nil, func(c sdk.ConsAddress, v poatypes.Validator) (bool, error) {
			out[c.String()] = v.Power
			return false, nil
		}))
		return out
	}())
	requireInvariants(t, ch.state(), ch.app.PoAKeeper)

	// The chain carries on.
	res = ch.finalize()
	require.Empty(t, res.ValidatorUpdates)
}

// A chain whose only validator was reported for double-signing must still
// export a genesis that validates and starts.
//
// Regression test: x/evidence calls Slash (RemoveForDoubleSign keeps the
// last validator) and then Tombstone, which used to tombstone the key
// unconditionally; the validator stayed in the set with a tombstoned key,
// GenesisState.Validate refused the export ("uses a tombstoned consensus
// key") and InitChain from it panicked.
func TestExportAfterDoubleSignByOnlyValidator(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	ch := newChain(t, apptesting.Options{Validators: []apptesting.Validator{solo}})
	ch.finalize()
	ch.finalize(doubleSign(solo, 1, ch, 10))

	exp := exportApp(t, ch.app)
	gs := exportedPoA(t, ch.app, exp)
	require.NoError(t, gs.Validate())
	require.NotPanics(t, func() { initFromExport(t, exp, ch.nextTime()) })
}

// Evidence about an address that is not in the set is ignored.
func TestDoubleSignByStrangerIgnored(t *testing.T) {
	vals := fourOfTen()
	ch := newChain(t, apptesting.Options{Validators: vals})
	ch.finalize()
	ghost := apptesting.NewValidator("ghost", 10)
	res := ch.finalize(doubleSign(ghost, 1, ch, 40))
	require.Empty(t, res.ValidatorUpdates)
	tomb, err := ch.app.PoAKeeper.Tombstoned.Has(ch.state(), ghost.ConsAddress())
	require.NoError(t, err)
	require.False(t, tomb)
	require.Zero(t, storedEvidence(t, ch))
}

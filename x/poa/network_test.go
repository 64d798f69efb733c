package poa_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/testutil/network"
	"github.com/ampchain/ampchain/x/poa/types"
)

// cometPowers is CometBFT's own view of the validator set at the latest
// height, by consensus address.
func cometPowers(t *testing.T, nd *network.Node) map[string]int64 {
	t.Helper()
	res, err := nd.RPC.Validators(context.Background(), nil, nil, nil)
	require.NoError(t, err)
	powers := make(map[string]int64, len(res.Validators))
	for _, v := range res.Validators {
		powers[sdk.ConsAddress(v.Address).String()] = v.VotingPower
	}
	return powers
}

func queryValidator(t *testing.T, nd *network.Node, v apptesting.Validator) (types.Validator, error) {
	t.Helper()
	res, err := types.NewQueryClient(nd.ClientCtx).Validator(context.Background(),
		&types.QueryValidatorRequest{ValidatorAddress: v.ValAddress().String()})
	if err != nil {
		return types.Validator{}, err
	}
	return res.Validator, nil
}

func requireTxError(t *testing.T, res *abci.ExecTxResult, want interface{ ABCICode() uint32 }) {
	t.Helper()
	require.Equalf(t, want.ABCICode(), res.Code, "log: %s", res.Log)
	require.Equal(t, types.ModuleName, res.Codespace)
}

// signedBy reports whether consAddr signed the commit of block height.
func signedBy(t *testing.T, nd *network.Node, height int64, consAddr sdk.ConsAddress) bool {
	t.Helper()
	commit, err := nd.RPC.Commit(context.Background(), &height)
	require.NoError(t, err)
	for _, sig := range commit.Commit.Signatures {
		if sdk.ConsAddress(sig.ValidatorAddress).Equals(consAddr) {
			return true
		}
	}
	return false
}

// TestValidatorSetLifecycle runs four genesis validators and a fifth node
// as real CometBFT nodes and walks the set through activation, refused
// changes, removal and a hand-over of the admin role to governance.
func TestValidatorSetLifecycle(t *testing.T) {
	vals := []apptesting.Validator{
		apptesting.NewValidator("alice", 25),
		apptesting.NewValidator("bob", 10),
		apptesting.NewValidator("carol", 10),
		apptesting.NewValidator("dave", 10),
	}
	erin := apptesting.NewValidator("erin", 0)
	admin := apptesting.NewAccount("admin")
	stranger := apptesting.NewAccount("stranger")
	votingPeriod := 3 * time.Second
	net := network.New(t, network.Config{
		Validators: vals,
		FullNodes:  []apptesting.Validator{erin},
		Genesis: apptesting.Options{
			Accounts: []apptesting.Account{admin, stranger},
			Admin:    admin.Address,
			Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
				var gov govv1.GenesisState
				cdc.MustUnmarshalJSON(genesis[govtypes.ModuleName], &gov)
				gov.Params.VotingPeriod = &votingPeriod
				genesis[govtypes.ModuleName] = cdc.MustMarshalJSON(&gov)
			},
		},
	})
	node := net.Nodes[0]
	require.Len(t, cometPowers(t, node), 4, "the genesis set is the four validators")

	erinPubKey := erin.ConsKey.PubKey()
	createErin, err := types.NewMsgCreateValidator(erin.Address, erinPubKey, "erin")
	require.NoError(t, err)
	res := net.SendTx(erin.Account, createErin)
	require.Zero(t, res.Code, res.Log)
	got, err := queryValidator(t, node, erin)
	require.NoError(t, err)
	require.Zero(t, got.Power, "a new candidate waits with power 0")
	require.NotContains(t, cometPowers(t, node), erin.ConsAddress().String())

	t.Run("a non-admin cannot activate a validator and changes nothing", func(t *testing.T) {
		res := net.SendTx(stranger, &types.MsgSetValidatorPower{
			Authority: stranger.Address.String(), ValidatorAddress: erin.ValAddress().String(), Power: 10,
		})
		requireTxError(t, res, types.ErrUnauthorized)
		got, err := queryValidator(t, node, erin)
		require.NoError(t, err)
		require.Zero(t, got.Power)
		net.WaitForBlocks(2)
		require.NotContains(t, cometPowers(t, node), erin.ConsAddress().String())
	})

	t.Run("more than 1/3 of the power in one block is refused", func(t *testing.T) {
		// 55 total: 19 > 55/3.
		res := net.SendTx(admin, &types.MsgSetValidatorPower{
			Authority: admin.Address.String(), ValidatorAddress: erin.ValAddress().String(), Power: 19,
		})
		requireTxError(t, res, types.ErrPowerChangeTooLarge)
		got, err := queryValidator(t, node, erin)
		require.NoError(t, err)
		require.Zero(t, got.Power)
	})

	t.Run("the admin activates the fifth validator and it signs blocks", func(t *testing.T) {
		res := net.SendTx(admin, &types.MsgSetValidatorPower{
			Authority: admin.Address.String(), ValidatorAddress: erin.ValAddress().String(), Power: 10,
		})
		require.Zero(t, res.Code, res.Log)
		h := net.WaitForBlocks(3)
		powers := cometPowers(t, node)
		require.Len(t, powers, 5)
		require.Equal(t, int64(10), powers[erin.ConsAddress().String()])
		// A commit needs only 2/3 of the power, so erin may miss one; over
		// several blocks an active, running validator signs.
		signed := false
		for i := int64(0); i < 5 && !signed; i++ {
			net.WaitForHeight(h + i + 1)
			signed = signedBy(t, node, h+i, erin.ConsAddress())
		}
		require.True(t, signed, "erin's node signs commits once active")
	})

	t.Run("removing a validator takes it out of CometBFT's set", func(t *testing.T) {
		dave := vals[3]
		res := net.SendTx(admin, &types.MsgRemoveValidator{Authority: admin.Address.String(), ValidatorAddress: dave.ValAddress().String()})
		require.Zero(t, res.Code, res.Log)
		_, err := queryValidator(t, node, dave)
		require.ErrorContains(t, err, "not found")
		net.WaitForBlocks(3)
		powers := cometPowers(t, node)
		require.Len(t, powers, 4)
		require.NotContains(t, powers, dave.ConsAddress().String())
	})

	t.Run("governance is for validators and counts power", func(t *testing.T) {
		govAddr := authtypes.NewModuleAddress(govtypes.ModuleName).String()
		res := net.SendTx(admin, &types.MsgUpdateParams{Authority: admin.Address.String(), Params: types.NewParams(govAddr)})
		require.Zero(t, res.Code, res.Log)

		raise := &types.MsgSetValidatorPower{Authority: govAddr, ValidatorAddress: erin.ValAddress().String(), Power: 12}
		proposal := func(proposer sdk.AccAddress) *govv1.MsgSubmitProposal {
			msg, err := govv1.NewMsgSubmitProposal([]sdk.Msg{raise}, apptesting.AMP(1000), proposer.String(), "", "raise erin", "erin to power 12", false)
			require.NoError(t, err)
			return msg
		}
		res = net.SendTx(stranger, proposal(stranger.Address))
		requireTxError(t, res, types.ErrNotValidator)

		alice, bob, carol := vals[0], vals[1], vals[2]
		res = net.SendTx(alice.Account, proposal(alice.Address))
		require.Zero(t, res.Code, res.Log)
		proposalID := proposalIDFromEvents(t, res)

		res = net.SendTx(stranger, govv1.NewMsgVote(stranger.Address, proposalID, govv1.OptionYes, ""))
		requireTxError(t, res, types.ErrNotValidator)

		// Two validators against one: by head count it would fail, by power
		// (25 against 20) it passes.
		require.Zero(t, net.SendTx(alice.Account, govv1.NewMsgVote(alice.Address, proposalID, govv1.OptionYes, "")).Code)
		require.Zero(t, net.SendTx(bob.Account, govv1.NewMsgVote(bob.Address, proposalID, govv1.OptionNo, "")).Code)
		require.Zero(t, net.SendTx(carol.Account, govv1.NewMsgVote(carol.Address, proposalID, govv1.OptionNo, "")).Code)

		govQuery := govv1.NewQueryClient(node.ClientCtx)
		var status govv1.ProposalStatus
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			p, err := govQuery.Proposal(context.Background(), &govv1.QueryProposalRequest{ProposalId: proposalID})
			require.NoError(t, err)
			status = p.Proposal.Status
			if status != govv1.StatusVotingPeriod {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		require.Equal(t, govv1.StatusPassed, status)
		got, err := queryValidator(t, node, erin)
		require.NoError(t, err)
		require.Equal(t, int64(12), got.Power)
		net.WaitForBlocks(3)
		require.Equal(t, int64(12), cometPowers(t, node)[erin.ConsAddress().String()])
	})
}

// TestLastValidatorStays shows a one-validator network refusing to remove
// its only validator and carrying on.
func TestLastValidatorStays(t *testing.T) {
	solo := apptesting.NewValidator("solo", 10)
	net := network.New(t, network.Config{Validators: []apptesting.Validator{solo}})
	res := net.SendTx(solo.Account, &types.MsgRemoveValidator{Authority: solo.Address.String(), ValidatorAddress: solo.ValAddress().String()})
	requireTxError(t, res, types.ErrLastValidator)
	res = net.SendTx(solo.Account, &types.MsgSetValidatorPower{Authority: solo.Address.String(), ValidatorAddress: solo.ValAddress().String(), Power: 0})
	requireTxError(t, res, types.ErrLastValidator)
	net.WaitForBlocks(2)
	require.Equal(t, int64(10), cometPowers(t, net.Nodes[0])[solo.ConsAddress().String()])
}

func proposalIDFromEvents(t *testing.T, res *abci.ExecTxResult) uint64 {
	t.Helper()
	for _, ev := range res.Events {
		if ev.Type != govtypes.EventTypeSubmitProposal {
			continue
		}
		for _, attr := range ev.Attributes {
			if attr.Key == govtypes.AttributeKeyProposalID {
				id, err := strconv.ParseUint(attr.Value, 10, 64)
				require.NoError(t, err)
				return id
			}
		}
	}
	t.Fatal("no submit_proposal event")
	return 0
}

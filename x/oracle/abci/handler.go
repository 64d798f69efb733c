package abci

import (
	"context"
	"fmt"
	"sync"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/ampchain/ampchain/x/oracle/keeper"
	"github.com/ampchain/ampchain/x/oracle/pricefeed"
	"github.com/ampchain/ampchain/x/oracle/types"
)

// VoteExtensionsEnabled reports whether the block at height carries the
// vote extensions of height-1: they are produced from the consensus params'
// VoteExtensionsEnableHeight on, so blocks after it carry them. This is the
// same rule baseapp.ValidateVoteExtensions applies.
func VoteExtensionsEnabled(cp cmtproto.ConsensusParams, height int64) bool {
	return cp.Abci != nil && cp.Abci.VoteExtensionsEnableHeight > 0 && height > cp.Abci.VoteExtensionsEnableHeight
}

// Handler implements the oracle's ABCI++ handlers.
type Handler struct {
	logger   log.Logger
	keeper   keeper.Keeper
	valStore baseapp.ValidatorStore
	provider pricefeed.Provider // nil: the node reports no prices

	mu        sync.Mutex
	lastError string // last price-source problem logged, to log each change once
}

// NewHandler builds the handlers. valStore resolves a validator's consensus
// key (x/poa's keeper); provider may be nil.
func NewHandler(logger log.Logger, k keeper.Keeper, valStore baseapp.ValidatorStore, provider pricefeed.Provider) *Handler {
	return &Handler{logger: logger.With("module", "x/"+types.ModuleName), keeper: k, valStore: valStore, provider: provider}
}

// sourceProblem logs a price-source problem once until it changes or clears.
func (h *Handler) sourceProblem(problem string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if problem == h.lastError {
		return
	}
	if problem == "" {
		h.logger.Info("oracle price source recovered", "source", h.provider.String())
	} else {
		h.logger.Error("oracle price source failed; this validator reports no prices until it recovers", "source", h.provider.String(), "err", problem)
	}
	h.lastError = problem
}

// ExtendVoteHandler puts the node's prices for the registered pairs in its
// vote extension. Whatever goes wrong (no source, source unreadable or
// garbage, publisher fallback on) gives an empty extension, never an error:
// the node's vote must still go out.
func (h *Handler) ExtendVoteHandler() sdk.ExtendVoteHandler {
	return func(ctx sdk.Context, req *abci.RequestExtendVote) (*abci.ResponseExtendVote, error) {
		empty := &abci.ResponseExtendVote{VoteExtension: []byte{}}
		if h.provider == nil {
			return empty, nil
		}
		params, err := h.keeper.GetParams(ctx)
		if err != nil {
			h.logger.Error("oracle: cannot read params; empty vote extension", "height", req.Height, "err", err)
			return empty, nil
		}
		if params.PublisherFallback {
			return empty, nil
		}
		pairs, err := h.keeper.GetPairs(ctx)
		if err != nil {
			h.logger.Error("oracle: cannot read pairs; empty vote extension", "height", req.Height, "err", err)
			return empty, nil
		}
		if len(pairs) == 0 {
			return empty, nil
		}
		prices, err := h.provider.Prices(context.Background())
		if err != nil {
			h.sourceProblem(err.Error())
			return empty, nil
		}
		h.sourceProblem("")
		selected := make(map[string]math.LegacyDec, len(pairs))
		for name, price := range prices {
			if _, ok := pairs[name]; ok {
				selected[name] = price
			}
		}
		bz, err := types.EncodeVoteExtension(selected)
		if err != nil {
			h.logger.Error("oracle: cannot encode vote extension; empty vote extension", "height", req.Height, "err", err)
			return empty, nil
		}
		return &abci.ResponseExtendVote{VoteExtension: bz}, nil
	}
}

// VerifyVoteExtensionHandler accepts an empty extension and a valid one
// (types.DecodeVoteExtension) and rejects anything else: undecodable, too
// large, unknown or repeated pairs, non-positive or unparsable prices. A
// rejected extension makes CometBFT drop that precommit.
func (h *Handler) VerifyVoteExtensionHandler() sdk.VerifyVoteExtensionHandler {
	return func(ctx sdk.Context, req *abci.RequestVerifyVoteExtension) (*abci.ResponseVerifyVoteExtension, error) {
		if len(req.VoteExtension) == 0 {
			return &abci.ResponseVerifyVoteExtension{Status: abci.ResponseVerifyVoteExtension_ACCEPT}, nil
		}
		pairs, err := h.keeper.GetPairs(ctx)
		if err != nil {
			return nil, err
		}
		if _, err := types.DecodeVoteExtension(req.VoteExtension, pairs); err != nil {
			h.logger.Info("oracle: rejected a vote extension", "height", req.Height,
				"validator", sdk.ConsAddress(req.ValidatorAddress).String(), "err", err)
			return &abci.ResponseVerifyVoteExtension{Status: abci.ResponseVerifyVoteExtension_REJECT}, nil
		}
		return &abci.ResponseVerifyVoteExtension{Status: abci.ResponseVerifyVoteExtension_ACCEPT}, nil
	}
}

// BuildInjectedPrices checks the extended commit's signatures and power and
// computes the block's prices from it: the proposer's payload.
func (h *Handler) BuildInjectedPrices(ctx sdk.Context, commit abci.ExtendedCommitInfo) ([]byte, error) {
	if err := baseapp.ValidateVoteExtensions(ctx, h.valStore, 0, "", commit); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "extended commit: %s", err)
	}
	pairs, err := h.keeper.GetPairs(ctx)
	if err != nil {
		return nil, err
	}
	commitBz, err := commit.Marshal()
	if err != nil {
		return nil, err
	}
	return types.EncodeInjectedPrices(types.InjectedPrices{
		Prices:             Aggregate(pairs, commit.Votes),
		ExtendedCommitInfo: commitBz,
	})
}

// PrepareProposalHandler wraps next (the default handler): once vote
// extensions are on, the block's first entry is the injected prices, and
// next fills the rest of the block within the remaining bytes.
func (h *Handler) PrepareProposalHandler(next sdk.PrepareProposalHandler) sdk.PrepareProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
		inner := *req
		inner.Txs = withoutInjected(req.Txs)
		if !VoteExtensionsEnabled(ctx.ConsensusParams(), req.Height) {
			return next(ctx, &inner)
		}
		payload, err := h.BuildInjectedPrices(ctx, req.LocalLastCommit)
		if err != nil {
			return nil, err
		}
		size := cmttypes.ComputeProtoSizeForTxs([]cmttypes.Tx{payload})
		if size > req.MaxTxBytes {
			return nil, errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "payload of %d bytes exceeds the block's %d", size, req.MaxTxBytes)
		}
		inner.MaxTxBytes = req.MaxTxBytes - size
		resp, err := next(ctx, &inner)
		if err != nil {
			return nil, err
		}
		resp.Txs = append([][]byte{payload}, resp.Txs...)
		return resp, nil
	}
}

// ProcessProposalHandler wraps next (the default handler): once vote
// extensions are on, a block must start with injected prices that every
// validator recomputes from the extended commit they carry; no other entry
// may look like injected prices.
func (h *Handler) ProcessProposalHandler(next sdk.ProcessProposalHandler) sdk.ProcessProposalHandler {
	return func(ctx sdk.Context, req *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
		txs := req.Txs
		if VoteExtensionsEnabled(ctx.ConsensusParams(), req.Height) {
			if len(txs) == 0 || !types.IsInjectedPrices(txs[0]) {
				return nil, errorsmod.Wrap(types.ErrInvalidInjectedPrices, "the block does not start with the injected prices")
			}
			if err := h.VerifyInjectedPrices(ctx, txs[0], req.ProposedLastCommit); err != nil {
				return nil, err
			}
			txs = txs[1:]
		}
		for i, tx := range txs {
			if types.IsInjectedPrices(tx) {
				return nil, errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "injected prices at a wrong position (%d)", i)
			}
		}
		inner := *req
		inner.Txs = txs
		return next(ctx, &inner)
	}
}

// VerifyInjectedPrices checks a proposal's payload: canonical encoding, an
// extended commit that matches the block's last commit vote for vote
// (validator, power and whether the precommit counted) with valid extension
// signatures from at least 2/3 of the power, and exactly the prices
// Aggregate computes from it.
func (h *Handler) VerifyInjectedPrices(ctx sdk.Context, payload []byte, lastCommit abci.CommitInfo) error {
	ip, err := types.DecodeInjectedPrices(payload)
	if err != nil {
		return err
	}
	var commit abci.ExtendedCommitInfo
	if err := commit.Unmarshal(ip.ExtendedCommitInfo); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "extended commit: %s", err)
	}
	if len(commit.Votes) != len(lastCommit.Votes) {
		return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "extended commit has %d votes, the block's last commit %d", len(commit.Votes), len(lastCommit.Votes))
	}
	for i, v := range commit.Votes {
		if v.BlockIdFlag != lastCommit.Votes[i].BlockIdFlag {
			return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "vote %d of %X: flag %s, the block's last commit says %s",
				i, v.Validator.Address, v.BlockIdFlag, lastCommit.Votes[i].BlockIdFlag)
		}
	}
	// ValidateVoteExtensions also checks addresses, powers, order and round
	// against the block's last commit (ctx.CometInfo()).
	if err := baseapp.ValidateVoteExtensions(ctx, h.valStore, 0, "", commit); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "extended commit: %s", err)
	}
	pairs, err := h.keeper.GetPairs(ctx)
	if err != nil {
		return err
	}
	want := Aggregate(pairs, commit.Votes)
	if len(want) != len(ip.Prices) {
		return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "%d prices injected, %d computed from the extended commit", len(ip.Prices), len(want))
	}
	for i := range want {
		if want[i] != ip.Prices[i] {
			return errorsmod.Wrapf(types.ErrInvalidInjectedPrices, "injected %+v, computed %+v", ip.Prices[i], want[i])
		}
	}
	return nil
}

// PreBlocker stores the prices injected in the block being finalized,
// unless the publisher fallback is on. A price that moves more than its
// pair's max_move is refused (EventPriceRefused) and the stored one kept.
// The payload was checked in ProcessProposal by every validator; if it
// still does not decode, the block goes on without it: FinalizeBlock never
// fails because of the oracle's payload.
func (h *Handler) PreBlocker(ctx sdk.Context, req *abci.RequestFinalizeBlock) error {
	if !VoteExtensionsEnabled(ctx.ConsensusParams(), req.Height) || len(req.Txs) == 0 || !types.IsInjectedPrices(req.Txs[0]) {
		return nil
	}
	ip, err := types.DecodeInjectedPrices(req.Txs[0])
	if err != nil {
		h.logger.Error("oracle: undecodable injected prices; no update in this block", "height", req.Height, "err", err)
		return nil
	}
	params, err := h.keeper.GetParams(ctx)
	if err != nil {
		return err
	}
	if params.PublisherFallback {
		return nil
	}
	for _, ap := range ip.Prices {
		pair, err := h.keeper.GetPair(ctx, ap.Pair)
		if err != nil {
			h.logger.Error("oracle: injected price of an unknown pair ignored", "height", req.Height, "pair", ap.Pair, "err", err)
			continue
		}
		price, err := types.ParseCanonicalPrice(ap.Price)
		if err != nil {
			h.logger.Error("oracle: invalid injected price ignored", "height", req.Height, "pair", ap.Pair, "err", err)
			continue
		}
		err = h.keeper.ApplyPrice(ctx, pair, keeper.Update{
			Price:          price,
			Source:         types.PRICE_SOURCE_VOTE_EXTENSIONS,
			ReportingPower: ap.ReportingPower,
			TotalPower:     ap.TotalPower,
		})
		switch {
		case errorsmod.IsOf(err, types.ErrMoveTooLarge):
			h.logger.Info("oracle: agreed price refused", "height", req.Height, "err", err)
		case err != nil:
			return fmt.Errorf("oracle: store price of %s: %w", ap.Pair, err)
		}
	}
	return nil
}

func withoutInjected(txs [][]byte) [][]byte {
	out := make([][]byte, 0, len(txs))
	for _, tx := range txs {
		if !types.IsInjectedPrices(tx) {
			out = append(out, tx)
		}
	}
	return out
}

// TxRunner wraps the block's transaction runner so that the injected prices
// at index 0 are not executed as a transaction: they get a successful result
// saying what they are (they never decode as one: see
// types.InjectedPricesPrefix), and the transactions after them run as
// usual with their real index.
type TxRunner struct {
	inner sdk.TxRunner
}

var _ sdk.TxRunner = TxRunner{}

// NewTxRunner wraps inner.
func NewTxRunner(inner sdk.TxRunner) TxRunner { return TxRunner{inner: inner} }

// InjectedPricesLog is the log of the injected prices' result in a block.
const InjectedPricesLog = "x/oracle: prices injected by the proposer from vote extensions (not a transaction)"

// Run implements sdk.TxRunner.
func (r TxRunner) Run(ctx context.Context, ms storetypes.MultiStore, txs [][]byte, deliverTx sdk.DeliverTxFunc) ([]*abci.ExecTxResult, error) {
	if len(txs) == 0 || !types.IsInjectedPrices(txs[0]) {
		return r.inner.Run(ctx, ms, txs, deliverTx)
	}
	shifted := func(tx []byte, memTx sdk.Tx, ms storetypes.MultiStore, txIndex int, cache map[string]any) *abci.ExecTxResult {
		return deliverTx(tx, memTx, ms, txIndex+1, cache)
	}
	rest, err := r.inner.Run(ctx, ms, txs[1:], shifted)
	if err != nil {
		return nil, err
	}
	return append([]*abci.ExecTxResult{{Log: InjectedPricesLog}}, rest...), nil
}

// Unwrap returns the wrapped runner.
func (r TxRunner) Unwrap() sdk.TxRunner { return r.inner }

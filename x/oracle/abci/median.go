// Package abci is x/oracle's part of the ABCI++ flow: validators report
// prices in vote extensions, the next proposer injects their power-weighted
// medians into its block, every validator re-checks them in
// ProcessProposal, and the pre-blocker stores them.
package abci

import (
	"sort"

	"cosmossdk.io/math"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// PowerPrice is one validator's price and voting power.
type PowerPrice struct {
	Price math.LegacyDec
	Power int64
}

// WeightedMedian returns the lower power-weighted median of the reports:
// the smallest reported price p such that the validators reporting a price
// at most p hold at least half of the reporting power. So at least half of
// the power reported a price <= the median and at least half a price >= it,
// and the median is always a price somebody reported; with equal powers and
// an even count it is the lower of the two middle prices (1.00, 1.10, 1.20,
// 9.99 at equal power -> 1.10). Reports with power <= 0 are ignored; ok is
// false when nothing is left.
func WeightedMedian(reports []PowerPrice) (median math.LegacyDec, ok bool) {
	valid := make([]PowerPrice, 0, len(reports))
	var total int64
	for _, r := range reports {
		if r.Power > 0 && !r.Price.IsNil() {
			valid = append(valid, r)
			total += r.Power
		}
	}
	if total == 0 {
		return math.LegacyDec{}, false
	}
	sort.SliceStable(valid, func(i, j int) bool { return valid[i].Price.LT(valid[j].Price) })
	var cumulative int64
	for _, r := range valid {
		cumulative += r.Power
		// CometBFT caps the total voting power at MaxInt64/8, so 2*cumulative
		// cannot overflow.
		if 2*cumulative >= total {
			return r.Price, true
		}
	}
	return valid[len(valid)-1].Price, true // unreachable: cumulative reaches total
}

// Aggregate computes the agreed prices from the votes of an extended commit:
// for every registered pair, the weighted median of the prices reported by
// the validators whose precommit was counted (BlockIDFlagCommit) and whose
// extension is valid (types.DecodeVoteExtension; an invalid extension counts
// as no report), provided their power is at least the pair's min_power of
// the power of all votes. Pairs are in name order. It is deterministic: the
// proposer and every validator checking the proposal get the same result.
func Aggregate(pairs map[string]types.Pair, votes []abci.ExtendedVoteInfo) []types.AggregatedPrice {
	var total int64
	reports := make(map[string][]PowerPrice, len(pairs))
	for _, v := range votes {
		total += v.Validator.Power
		if v.BlockIdFlag != cmtproto.BlockIDFlagCommit || len(v.VoteExtension) == 0 {
			continue
		}
		prices, err := types.DecodeVoteExtension(v.VoteExtension, pairs)
		if err != nil {
			continue
		}
		for _, p := range prices {
			reports[p.Pair] = append(reports[p.Pair], PowerPrice{Price: p.Price, Power: v.Validator.Power})
		}
	}
	names := make([]string, 0, len(reports))
	for name := range reports {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []types.AggregatedPrice
	for _, name := range names {
		var reporting int64
		for _, r := range reports[name] {
			reporting += r.Power
		}
		if !pairs[name].HasReportingPower(reporting, total) {
			continue
		}
		median, ok := WeightedMedian(reports[name])
		if !ok {
			continue
		}
		out = append(out, types.AggregatedPrice{
			Pair:           name,
			Price:          median.String(),
			ReportingPower: reporting,
			TotalPower:     total,
		})
	}
	return out
}

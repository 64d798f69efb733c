package abci_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	oracleabci "github.com/ampchain/ampchain/x/oracle/abci"
	"github.com/ampchain/ampchain/x/oracle/types"
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func reports(pairs ...any) []oracleabci.PowerPrice {
	var out []oracleabci.PowerPrice
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, oracleabci.PowerPrice{Price: dec(pairs[i].(string)), Power: int64(pairs[i+1].(int))})
	}
	return out
}

func TestWeightedMedian(t *testing.T) {
	cases := []struct {
		name    string
		reports []oracleabci.PowerPrice
		want    string // "" = no median
	}{
		{"nothing", nil, ""},
		{"only zero power", reports("1.0", 0, "2.0", 0), ""},
		{"one report", reports("1.23", 10), "1.23"},
		{"equal powers, odd count", reports("1.20", 10, "1.00", 10, "1.10", 10), "1.10"},
		{"equal powers, even count: the lower middle", reports("1.00", 10, "1.10", 10, "1.20", 10, "9.99", 10), "1.10"},
		{"an outlier far up does not move it", reports("1.00", 10, "1.10", 10, "1.20", 10, "1000000", 10), "1.10"},
		{"an outlier far down does not move it", reports("0.000000000000000001", 10, "1.00", 10, "1.10", 10, "1.20", 10, "1.30", 10), "1.10"},
		{"a heavy validator pulls it", reports("1.00", 10, "1.10", 10, "2.00", 30), "2.00"},
		{"exactly half the power at the low end", reports("1.00", 20, "2.00", 10, "3.00", 10), "1.00"},
		{"just under half at the low end", reports("1.00", 19, "2.00", 11, "3.00", 10), "2.00"},
		{"a majority holder decides", reports("5.00", 51, "1.00", 25, "9.00", 24), "5.00"},
		{"ties at the median", reports("1.10", 10, "1.10", 10, "1.00", 10, "2.00", 10), "1.10"},
		{"all equal", reports("3.14", 7, "3.14", 11, "3.14", 1), "3.14"},
		{"zero-power reports ignored", reports("100", 0, "1.00", 10, "2.00", 10, "3.00", 10), "2.00"},
		{"input order does not matter", reports("9.99", 10, "1.20", 10, "1.00", 10, "1.10", 10), "1.10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := oracleabci.WeightedMedian(tc.reports)
			if tc.want == "" {
				require.False(t, ok)
				return
			}
			require.True(t, ok)
			require.Equal(t, dec(tc.want).String(), got.String())
		})
	}
}

// vote is a counted precommit carrying ext with power.
func vote(addr byte, power int64, ext []byte) abci.ExtendedVoteInfo {
	return abci.ExtendedVoteInfo{
		Validator:     abci.Validator{Address: []byte{addr}, Power: power},
		VoteExtension: ext,
		BlockIdFlag:   cmtproto.BlockIDFlagCommit,
	}
}

func ext(t *testing.T, prices map[string]string) []byte {
	t.Helper()
	m := map[string]math.LegacyDec{}
	for k, v := range prices {
		m[k] = dec(v)
	}
	bz, err := types.EncodeVoteExtension(m)
	require.NoError(t, err)
	return bz
}

func TestAggregate(t *testing.T) {
	pairs := map[string]types.Pair{
		"AMP/USD": types.NewPair("AMP/USD", time.Minute, dec("0.1"), math.LegacyDec{}, ""),
		"BTC/USD": types.NewPair("BTC/USD", time.Minute, dec("0.1"), dec("0.5"), ""),
		"ETH/USD": types.NewPair("ETH/USD", time.Minute, dec("0.1"), math.LegacyOneDec(), ""),
	}
	absent := func(addr byte, power int64) abci.ExtendedVoteInfo {
		return abci.ExtendedVoteInfo{Validator: abci.Validator{Address: []byte{addr}, Power: power}, BlockIdFlag: cmtproto.BlockIDFlagAbsent}
	}
	cases := []struct {
		name  string
		votes []abci.ExtendedVoteInfo
		want  []types.AggregatedPrice
	}{
		{
			name: "four equal validators, one outlier",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.10"})),
				vote(3, 10, ext(t, map[string]string{"AMP/USD": "1.20"})),
				vote(4, 10, ext(t, map[string]string{"AMP/USD": "9.99"})),
			},
			want: []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("1.10").String(), ReportingPower: 40, TotalPower: 40}},
		},
		{
			name: "garbage and empty extensions count as no report",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.05"})),
				vote(3, 10, ext(t, map[string]string{"AMP/USD": "1.20"})),
				vote(4, 10, []byte("garbage")),
				vote(5, 10, nil),
			},
			// 30 of 50 < 2/3: no AMP/USD update.
			want: nil,
		},
		{
			name: "garbage does not move the median",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.05"})),
				vote(3, 10, ext(t, map[string]string{"AMP/USD": "1.20"})),
				vote(4, 10, []byte{0x0a, 0x03, 0x0a, 0x01, 0x00}),
			},
			// 30 of 40 >= 2/3; a garbage report read as 0 would give 1.00.
			want: []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("1.05").String(), ReportingPower: 30, TotalPower: 40}},
		},
		{
			name: "an absent or nil vote's extension is ignored but its power counts in the total",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00", "BTC/USD": "100"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.10", "BTC/USD": "200"})),
				vote(3, 10, ext(t, map[string]string{"AMP/USD": "1.20"})),
				absent(4, 10),
			},
			want: []types.AggregatedPrice{
				{Pair: "AMP/USD", Price: dec("1.10").String(), ReportingPower: 30, TotalPower: 40},
				{Pair: "BTC/USD", Price: dec("100").String(), ReportingPower: 20, TotalPower: 40}, // min_power 0.5
			},
		},
		{
			name: "less than the minimum power: no update",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00", "ETH/USD": "3000"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.10", "ETH/USD": "3001"})),
				vote(3, 11, ext(t, map[string]string{"BTC/USD": "100"})),
			},
			// AMP/USD 20/31 < 2/3; ETH/USD needs everybody; BTC/USD 11/31 < 1/2.
			want: nil,
		},
		{
			name: "weights decide",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 70, ext(t, map[string]string{"AMP/USD": "2.00"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(3, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(4, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
			},
			want: []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("2.00").String(), ReportingPower: 100, TotalPower: 100}},
		},
		{
			name: "exactly two thirds reporting qualifies",
			votes: []abci.ExtendedVoteInfo{
				vote(1, 10, ext(t, map[string]string{"AMP/USD": "1.00"})),
				vote(2, 10, ext(t, map[string]string{"AMP/USD": "3.00"})),
				vote(3, 10, nil),
			},
			want: []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("1.00").String(), ReportingPower: 20, TotalPower: 30}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, oracleabci.Aggregate(pairs, tc.votes))
		})
	}
}

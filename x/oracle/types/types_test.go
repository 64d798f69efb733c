package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	_ "github.com/ampchain/ampchain/app" // amp1… bech32 prefixes
	"github.com/ampchain/ampchain/x/oracle/types"
)

var (
	authority = sdk.AccAddress("authority___________").String()
	publisher = sdk.AccAddress("publisher___________").String()
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func TestValidatePairName(t *testing.T) {
	for _, ok := range []string{"AMP/USD", "BTC/USD", "ETH/USDC", "USDC.E/USD", "A/B", "WBTC-2/EUR_X"} {
		require.NoError(t, types.ValidatePairName(ok), ok)
	}
	for _, bad := range []string{"", "AMP", "amp/usd", "AMP/", "/USD", "AMP/USD/EUR", "AMP USD", " AMP/USD", ".AMP/USD",
		"ABCDEFGHIJKLMNOPQ/USD", "AMP/ABCDEFGHIJKLMNOPQ"} {
		require.ErrorIs(t, types.ValidatePairName(bad), types.ErrInvalidPair, bad)
	}
}

func TestPairValidate(t *testing.T) {
	good := types.NewPair("AMP/USD", time.Minute, dec("0.1"), math.LegacyDec{}, "")
	require.NoError(t, good.Validate())
	require.Equal(t, types.DefaultMinPower, good.MinPower, "a missing min_power is 2/3")
	require.Equal(t, "0.666666666666666666", types.DefaultMinPower.String())

	for name, mutate := range map[string]func(*types.Pair){
		"bad name":          func(p *types.Pair) { p.Name = "AMPUSD" },
		"zero max age":      func(p *types.Pair) { p.MaxAge = 0 },
		"negative max age":  func(p *types.Pair) { p.MaxAge = -time.Second },
		"nil max move":      func(p *types.Pair) { p.MaxMove = math.LegacyDec{} },
		"zero max move":     func(p *types.Pair) { p.MaxMove = math.LegacyZeroDec() },
		"negative max move": func(p *types.Pair) { p.MaxMove = dec("-0.1") },
		"min power above 1": func(p *types.Pair) { p.MinPower = dec("1.01") },
		"negative power":    func(p *types.Pair) { p.MinPower = dec("-0.5") },
		"bad publisher":     func(p *types.Pair) { p.Publisher = "cosmos1xyz" },
	} {
		p := good
		mutate(&p)
		require.ErrorIs(t, p.Validate(), types.ErrInvalidPair, name)
	}
	withPublisher := good
	withPublisher.Publisher = publisher
	withPublisher.MinPower = math.LegacyOneDec()
	require.NoError(t, withPublisher.Validate())
}

func TestExceedsMoveAndReportingPower(t *testing.T) {
	p := types.NewPair("AMP/USD", time.Minute, dec("0.10"), math.LegacyDec{}, "")
	stored := dec("1.00")
	require.False(t, p.ExceedsMove(stored, dec("1.10")), "exactly +10 % is allowed")
	require.False(t, p.ExceedsMove(stored, dec("0.90")), "exactly -10 % is allowed")
	require.True(t, p.ExceedsMove(stored, dec("1.100000000000000001")))
	require.True(t, p.ExceedsMove(stored, dec("0.899999999999999999")))
	require.False(t, p.ExceedsMove(stored, stored))

	require.True(t, p.HasReportingPower(20, 30), "exactly 2/3 qualifies")
	require.True(t, p.HasReportingPower(30, 40))
	require.False(t, p.HasReportingPower(19, 30))
	require.False(t, p.HasReportingPower(20, 40))
	require.False(t, p.HasReportingPower(0, 40))
	require.False(t, p.HasReportingPower(10, 0))

	price := types.Price{UpdatedAt: time.Unix(1000, 0)}
	require.False(t, p.IsStale(price, time.Unix(1060, 0)), "exactly max_age old is still fresh")
	require.True(t, p.IsStale(price, time.Unix(1060, 1)))
}

func TestValidateBasic(t *testing.T) {
	setPair := func(mutate func(*types.MsgSetPair)) *types.MsgSetPair {
		m := &types.MsgSetPair{Authority: authority, Pair: "AMP/USD", MaxAge: time.Minute, MaxMove: dec("0.1"), MinPower: math.LegacyZeroDec()}
		if mutate != nil {
			mutate(m)
		}
		return m
	}
	cases := []struct {
		name string
		msg  sdk.HasValidateBasic
		want error
	}{
		{"set-pair ok, default power", setPair(nil), nil},
		{"set-pair nil min power", setPair(func(m *types.MsgSetPair) { m.MinPower = math.LegacyDec{} }), nil},
		{"set-pair bad authority", setPair(func(m *types.MsgSetPair) { m.Authority = "nope" }), sdkerrors.ErrInvalidAddress},
		{"set-pair bad name", setPair(func(m *types.MsgSetPair) { m.Pair = "amp/usd" }), types.ErrInvalidPair},
		{"set-pair no max age", setPair(func(m *types.MsgSetPair) { m.MaxAge = 0 }), types.ErrInvalidPair},
		{"set-pair no max move", setPair(func(m *types.MsgSetPair) { m.MaxMove = math.LegacyDec{} }), types.ErrInvalidPair},
		{"set-pair power > 1", setPair(func(m *types.MsgSetPair) { m.MinPower = dec("2") }), types.ErrInvalidPair},
		{"set-pair bad publisher", setPair(func(m *types.MsgSetPair) { m.Publisher = "amp1bad" }), types.ErrInvalidPair},

		{"remove-pair ok", &types.MsgRemovePair{Authority: authority, Pair: "AMP/USD"}, nil},
		{"remove-pair bad authority", &types.MsgRemovePair{Authority: "", Pair: "AMP/USD"}, sdkerrors.ErrInvalidAddress},
		{"remove-pair bad name", &types.MsgRemovePair{Authority: authority, Pair: "AMP-USD"}, types.ErrInvalidPair},

		{"set-price ok", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP/USD", Price: dec("0.0123")}, nil},
		{"set-price bad publisher", &types.MsgSetPrice{Publisher: "x", Pair: "AMP/USD", Price: dec("1")}, sdkerrors.ErrInvalidAddress},
		{"set-price bad name", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP", Price: dec("1")}, types.ErrInvalidPair},
		{"set-price zero", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP/USD", Price: math.LegacyZeroDec()}, types.ErrInvalidPrice},
		{"set-price negative", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP/USD", Price: dec("-1")}, types.ErrInvalidPrice},
		{"set-price nil", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP/USD"}, types.ErrInvalidPrice},
		{"set-price huge", &types.MsgSetPrice{Publisher: publisher, Pair: "AMP/USD", Price: types.MaxPrice.Add(math.LegacyOneDec())}, types.ErrInvalidPrice},

		{"update-params ok", &types.MsgUpdateParams{Authority: authority, Params: types.Params{PublisherFallback: true}}, nil},
		{"update-params bad authority", &types.MsgUpdateParams{Authority: "amp1"}, sdkerrors.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.want)
			}
		})
	}
}

func TestDistinctErrorCodes(t *testing.T) {
	errs := []interface{ ABCICode() uint32 }{
		types.ErrUnauthorized, types.ErrInvalidPair, types.ErrPairNotFound, types.ErrInvalidPrice, types.ErrPriceNotFound,
		types.ErrPriceStale, types.ErrNotPublisher, types.ErrFallbackDisabled, types.ErrMoveTooLarge, types.ErrInvalidParams,
		types.ErrInvalidGenesis, types.ErrInvalidVoteExtension, types.ErrInvalidInjectedPrices,
	}
	seen := map[uint32]bool{}
	for _, e := range errs {
		require.False(t, seen[e.ABCICode()], "code %d used twice", e.ABCICode())
		seen[e.ABCICode()] = true
	}
}

func TestVoteExtensionCodec(t *testing.T) {
	pairs := map[string]types.Pair{
		"AMP/USD": types.NewPair("AMP/USD", time.Minute, dec("0.1"), math.LegacyDec{}, ""),
		"BTC/USD": types.NewPair("BTC/USD", time.Minute, dec("0.1"), math.LegacyDec{}, ""),
	}
	bz, err := types.EncodeVoteExtension(map[string]math.LegacyDec{"BTC/USD": dec("97000.5"), "AMP/USD": dec("0.0123")})
	require.NoError(t, err)
	got, err := types.DecodeVoteExtension(bz, pairs)
	require.NoError(t, err)
	require.Equal(t, []types.ReportedPrice{{Pair: "AMP/USD", Price: dec("0.0123")}, {Pair: "BTC/USD", Price: dec("97000.5")}}, got)

	empty, err := types.EncodeVoteExtension(nil)
	require.NoError(t, err)
	require.Empty(t, empty)
	got, err = types.DecodeVoteExtension(empty, pairs)
	require.NoError(t, err)
	require.Empty(t, got)

	encode := func(reports ...types.PriceReport) []byte {
		bz, err := (&types.OracleVoteExtension{Prices: reports}).Marshal()
		require.NoError(t, err)
		return bz
	}
	canonical := dec("1.1").String()
	for name, bad := range map[string][]byte{
		"garbage":           []byte("this is not a protobuf message"),
		"unknown field":     append(encode(types.PriceReport{Pair: "AMP/USD", Price: canonical}), 0x18, 0x01),
		"unknown pair":      encode(types.PriceReport{Pair: "DOGE/USD", Price: canonical}),
		"duplicate pair":    encode(types.PriceReport{Pair: "AMP/USD", Price: canonical}, types.PriceReport{Pair: "AMP/USD", Price: canonical}),
		"unsorted":          encode(types.PriceReport{Pair: "BTC/USD", Price: canonical}, types.PriceReport{Pair: "AMP/USD", Price: canonical}),
		"too many entries":  encode(types.PriceReport{Pair: "AMP/USD", Price: canonical}, types.PriceReport{Pair: "BTC/USD", Price: canonical}, types.PriceReport{Pair: "ETH/USD", Price: canonical}),
		"zero price":        encode(types.PriceReport{Pair: "AMP/USD", Price: math.LegacyZeroDec().String()}),
		"negative price":    encode(types.PriceReport{Pair: "AMP/USD", Price: dec("-1").String()}),
		"unparsable price":  encode(types.PriceReport{Pair: "AMP/USD", Price: "one dollar"}),
		"non-canonical":     encode(types.PriceReport{Pair: "AMP/USD", Price: "1.1"}),
		"empty price":       encode(types.PriceReport{Pair: "AMP/USD", Price: ""}),
		"too long price":    encode(types.PriceReport{Pair: "AMP/USD", Price: "1" + string(make([]byte, 70))}),
		"too large":         make([]byte, types.MaxVoteExtensionBytes+1),
		"price above limit": encode(types.PriceReport{Pair: "AMP/USD", Price: types.MaxPrice.MulInt64(2).String()}),
	} {
		_, err := types.DecodeVoteExtension(bad, pairs)
		require.ErrorIs(t, err, types.ErrInvalidVoteExtension, name)
	}
}

func TestInjectedPricesCodec(t *testing.T) {
	ip := types.InjectedPrices{
		Prices:             []types.AggregatedPrice{{Pair: "AMP/USD", Price: dec("1.1").String(), ReportingPower: 30, TotalPower: 40}},
		ExtendedCommitInfo: []byte{1, 2, 3},
	}
	bz, err := types.EncodeInjectedPrices(ip)
	require.NoError(t, err)
	require.True(t, types.IsInjectedPrices(bz))
	require.Equal(t, byte(0), bz[0], "the payload starts with an invalid protobuf tag, so it never decodes as a transaction")
	got, err := types.DecodeInjectedPrices(bz)
	require.NoError(t, err)
	require.Equal(t, ip, got)

	_, err = types.DecodeInjectedPrices(bz[1:])
	require.ErrorIs(t, err, types.ErrInvalidInjectedPrices)
	_, err = types.DecodeInjectedPrices(append(bz, 0xff))
	require.ErrorIs(t, err, types.ErrInvalidInjectedPrices)
	_, err = types.DecodeInjectedPrices(append(append([]byte{}, bz...), 0x18, 0x01))
	require.ErrorIs(t, err, types.ErrInvalidInjectedPrices, "unknown fields are refused")
	require.False(t, types.IsInjectedPrices([]byte{0x0a, 0x01}))
}

func TestGenesisValidate(t *testing.T) {
	pair := types.NewPair("AMP/USD", time.Minute, dec("0.1"), math.LegacyDec{}, publisher)
	price := types.Price{Pair: "AMP/USD", Price: dec("0.0123"), UpdatedAt: time.Unix(1_700_000_000, 0).UTC(), UpdatedHeight: 7, Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}
	good := types.GenesisState{Params: types.DefaultParams(), Pairs: []types.Pair{pair}, Prices: []types.Price{price}}
	require.NoError(t, good.Validate())
	require.NoError(t, types.DefaultGenesis().Validate())

	noPower := pair
	noPower.MinPower = math.LegacyDec{}
	require.NoError(t, types.GenesisState{Pairs: []types.Pair{noPower}}.Validate(), "a genesis pair may leave min_power to the default")

	for name, gs := range map[string]types.GenesisState{
		"invalid pair":          {Pairs: []types.Pair{{Name: "AMP/USD"}}},
		"duplicate pair":        {Pairs: []types.Pair{pair, pair}},
		"price of unknown pair": {Pairs: []types.Pair{pair}, Prices: []types.Price{{Pair: "BTC/USD", Price: dec("1"), Source: types.PRICE_SOURCE_PUBLISHER}}},
		"duplicate price":       {Pairs: []types.Pair{pair}, Prices: []types.Price{price, price}},
		"zero price":            {Pairs: []types.Pair{pair}, Prices: []types.Price{{Pair: "AMP/USD", Price: math.LegacyZeroDec(), Source: types.PRICE_SOURCE_PUBLISHER}}},
		"negative height":       {Pairs: []types.Pair{pair}, Prices: []types.Price{{Pair: "AMP/USD", Price: dec("1"), UpdatedHeight: -1, Source: types.PRICE_SOURCE_PUBLISHER}}},
		"unspecified source":    {Pairs: []types.Pair{pair}, Prices: []types.Price{{Pair: "AMP/USD", Price: dec("1")}}},
	} {
		require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis, name)
	}
}

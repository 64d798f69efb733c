package keeper_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/server/api"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
	"github.com/ampchain/ampchain/x/oracle/keeper"
	"github.com/ampchain/ampchain/x/oracle/types"
)

var (
	gov       = authtypes.NewModuleAddress(govtypes.ModuleName).String()
	publisher = apptesting.NewAccount("publisher")
	stranger  = apptesting.NewAccount("stranger")
	t0        = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

type fixture struct {
	app *app.App
	ctx sdk.Context
	k   keeper.Keeper
	msg types.MsgServer
	q   types.QueryServer
}

// setup starts an app whose oracle genesis is gs (nil: the default).
func setup(t *testing.T, gs *types.GenesisState) fixture {
	t.Helper()
	a, _ := apptesting.Setup(t, apptesting.Options{
		Validators: []apptesting.Validator{apptesting.NewValidator("v", 10)},
		Accounts:   []apptesting.Account{publisher, stranger},
		Modify: func(cdc codec.JSONCodec, genesis app.GenesisState) {
			if gs != nil {
				genesis[types.ModuleName] = cdc.MustMarshalJSON(gs)
			}
		},
	})
	ctx := a.NewContext(false).WithBlockTime(t0).WithBlockHeight(5)
	return fixture{app: a, ctx: ctx, k: a.OracleKeeper, msg: keeper.NewMsgServerImpl(a.OracleKeeper), q: keeper.NewQueryServerImpl(a.OracleKeeper)}
}

func ampUSD() types.Pair {
	return types.NewPair("AMP/USD", time.Minute, dec("0.10"), math.LegacyDec{}, publisher.Address.String())
}

func fallbackGenesis() *types.GenesisState {
	return &types.GenesisState{Params: types.Params{PublisherFallback: true}, Pairs: []types.Pair{ampUSD()}}
}

func (f fixture) storedPrice(t *testing.T, pair string) (types.Price, bool) {
	t.Helper()
	p, err := f.k.Prices.Get(f.ctx, pair)
	if err != nil {
		return types.Price{}, false
	}
	return p, true
}

func TestSetPairAuthorityOnly(t *testing.T) {
	f := setup(t, nil)
	require.Equal(t, gov, f.k.Authority())
	msg := &types.MsgSetPair{Authority: gov, Pair: "BTC/USD", MaxAge: 30 * time.Second, MaxMove: dec("0.05")}

	_, err := f.msg.SetPair(f.ctx, &types.MsgSetPair{Authority: stranger.Address.String(), Pair: "BTC/USD", MaxAge: time.Minute, MaxMove: dec("0.1")})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.k.GetPair(f.ctx, "BTC/USD")
	require.ErrorIs(t, err, types.ErrPairNotFound, "a refused message changes nothing")

	_, err = f.msg.SetPair(f.ctx, &types.MsgSetPair{Authority: gov, Pair: "BTC/USD", MaxAge: time.Minute})
	require.ErrorIs(t, err, types.ErrInvalidPair)

	_, err = f.msg.SetPair(f.ctx, msg)
	require.NoError(t, err)
	got, err := f.k.GetPair(f.ctx, "BTC/USD")
	require.NoError(t, err)
	require.Equal(t, types.DefaultMinPower, got.MinPower, "min_power defaults to 2/3")
	require.Equal(t, 30*time.Second, got.MaxAge)
	require.Equal(t, dec("0.05"), got.MaxMove)
	requireEvent(t, f.ctx, &types.EventPairSet{}, func(e *types.EventPairSet) bool { return e.Pair == "BTC/USD" && e.Created })

	// update: limits change, a stored price is kept
	require.NoError(t, f.k.ApplyPrice(f.ctx, got, keeper.Update{Price: dec("97000"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}))
	msg.MinPower, msg.Publisher = dec("0.9"), publisher.Address.String()
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	_, err = f.msg.SetPair(f.ctx, msg)
	require.NoError(t, err)
	got, err = f.k.GetPair(f.ctx, "BTC/USD")
	require.NoError(t, err)
	require.Equal(t, dec("0.9"), got.MinPower)
	require.Equal(t, publisher.Address.String(), got.Publisher)
	requireEvent(t, f.ctx, &types.EventPairSet{}, func(e *types.EventPairSet) bool { return e.Pair == "BTC/USD" && !e.Created })
	price, _, err := f.k.GetPrice(f.ctx, "BTC/USD")
	require.NoError(t, err)
	require.Equal(t, dec("97000"), price)
}

func TestRemovePair(t *testing.T) {
	f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD()}})
	require.NoError(t, f.k.ApplyPrice(f.ctx, ampUSD(), keeper.Update{Price: dec("1"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}))

	_, err := f.msg.RemovePair(f.ctx, &types.MsgRemovePair{Authority: stranger.Address.String(), Pair: "AMP/USD"})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msg.RemovePair(f.ctx, &types.MsgRemovePair{Authority: gov, Pair: "BTC/USD"})
	require.ErrorIs(t, err, types.ErrPairNotFound)
	_, ok := f.storedPrice(t, "AMP/USD")
	require.True(t, ok)

	_, err = f.msg.RemovePair(f.ctx, &types.MsgRemovePair{Authority: gov, Pair: "AMP/USD"})
	require.NoError(t, err)
	_, err = f.k.GetPair(f.ctx, "AMP/USD")
	require.ErrorIs(t, err, types.ErrPairNotFound)
	_, ok = f.storedPrice(t, "AMP/USD")
	require.False(t, ok, "the pair's price goes with it")
	requireEvent(t, f.ctx, &types.EventPairRemoved{}, func(e *types.EventPairRemoved) bool { return e.Pair == "AMP/USD" })
}

func TestSetPrice(t *testing.T) {
	t.Run("only while the publisher fallback is on", func(t *testing.T) {
		f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD()}})
		_, err := f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "AMP/USD", Price: dec("1")})
		require.ErrorIs(t, err, types.ErrFallbackDisabled)
		_, ok := f.storedPrice(t, "AMP/USD")
		require.False(t, ok)

		_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: stranger.Address.String(), Params: types.Params{PublisherFallback: true}})
		require.ErrorIs(t, err, types.ErrUnauthorized)
		_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: gov, Params: types.Params{PublisherFallback: true}})
		require.NoError(t, err)
		requireEvent(t, f.ctx, &types.EventParamsUpdated{}, func(e *types.EventParamsUpdated) bool { return e.PublisherFallback })

		_, err = f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "AMP/USD", Price: dec("1")})
		require.NoError(t, err)
		p, ok := f.storedPrice(t, "AMP/USD")
		require.True(t, ok)
		require.Equal(t, types.PRICE_SOURCE_PUBLISHER, p.Source)
	})

	t.Run("only by the pair's publisher", func(t *testing.T) {
		noPublisher := types.NewPair("BTC/USD", time.Minute, dec("0.1"), math.LegacyDec{}, "")
		f := setup(t, &types.GenesisState{Params: types.Params{PublisherFallback: true}, Pairs: []types.Pair{ampUSD(), noPublisher}})
		_, err := f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: stranger.Address.String(), Pair: "AMP/USD", Price: dec("1")})
		require.ErrorIs(t, err, types.ErrNotPublisher)
		_, err = f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "BTC/USD", Price: dec("1")})
		require.ErrorIs(t, err, types.ErrNotPublisher, "a pair without publisher takes no transactions")
		_, err = f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "ETH/USD", Price: dec("1")})
		require.ErrorIs(t, err, types.ErrPairNotFound)
		_, err = f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "AMP/USD", Price: math.LegacyZeroDec()})
		require.ErrorIs(t, err, types.ErrInvalidPrice)
		_, ok := f.storedPrice(t, "AMP/USD")
		require.False(t, ok)
		_, ok = f.storedPrice(t, "BTC/USD")
		require.False(t, ok)
	})

	t.Run("within the move limit", func(t *testing.T) {
		f := setup(t, fallbackGenesis())
		set := func(price string) error {
			_, err := f.msg.SetPrice(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "AMP/USD", Price: dec(price)})
			return err
		}
		require.NoError(t, set("100"), "the first price is not limited")
		f.ctx = f.ctx.WithBlockTime(t0.Add(time.Second)).WithBlockHeight(6)
		require.ErrorIs(t, set("110.01"), types.ErrMoveTooLarge)
		require.ErrorIs(t, set("89.99"), types.ErrMoveTooLarge)
		p, _ := f.storedPrice(t, "AMP/USD")
		require.Equal(t, dec("100"), p.Price, "a refused price changes nothing")
		require.Equal(t, t0, p.UpdatedAt)
		require.Equal(t, int64(5), p.UpdatedHeight)

		require.NoError(t, set("110"))
		p, _ = f.storedPrice(t, "AMP/USD")
		require.Equal(t, types.Price{Pair: "AMP/USD", Price: dec("110"), UpdatedAt: t0.Add(time.Second), UpdatedHeight: 6, Source: types.PRICE_SOURCE_PUBLISHER}, p)
		requireEvent(t, f.ctx, &types.EventPriceUpdated{}, func(e *types.EventPriceUpdated) bool {
			return e.Price == dec("110").String() && e.PreviousPrice == dec("100").String() && e.Source == types.PRICE_SOURCE_PUBLISHER && e.Height == 6
		})
	})
}

func TestApplyPriceRefusesLargeMoves(t *testing.T) {
	f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD()}})
	pair := ampUSD()
	require.NoError(t, f.k.ApplyPrice(f.ctx, pair, keeper.Update{Price: dec("1.00"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS, ReportingPower: 30, TotalPower: 40}))
	requireEvent(t, f.ctx, &types.EventPriceUpdated{}, func(e *types.EventPriceUpdated) bool {
		return e.Pair == "AMP/USD" && e.PreviousPrice == "" && e.ReportingPower == 30 && e.TotalPower == 40
	})
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager()).WithBlockHeight(6)
	err := f.k.ApplyPrice(f.ctx, pair, keeper.Update{Price: dec("1.50"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS})
	require.ErrorIs(t, err, types.ErrMoveTooLarge)
	requireEvent(t, f.ctx, &types.EventPriceRefused{}, func(e *types.EventPriceRefused) bool {
		return e.Price == dec("1.5").String() && e.StoredPrice == dec("1").String() && e.MaxMove == dec("0.1").String() && e.Height == 6
	})
	p, _ := f.storedPrice(t, "AMP/USD")
	require.Equal(t, dec("1.00"), p.Price, "refused, not clamped")
}

func TestGetPrice(t *testing.T) {
	f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD()}})
	_, _, err := f.k.GetPrice(f.ctx, "BTC/USD")
	require.ErrorIs(t, err, types.ErrPairNotFound)
	_, _, err = f.k.GetPrice(f.ctx, "AMP/USD")
	require.ErrorIs(t, err, types.ErrPriceNotFound)

	require.NoError(t, f.k.ApplyPrice(f.ctx, ampUSD(), keeper.Update{Price: dec("0.0123"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}))
	price, at, err := f.k.GetPrice(f.ctx, "AMP/USD")
	require.NoError(t, err)
	require.Equal(t, dec("0.0123"), price)
	require.Equal(t, t0, at)

	price, _, err = f.k.GetPrice(f.ctx.WithBlockTime(t0.Add(time.Minute)), "AMP/USD")
	require.NoError(t, err, "exactly max_age old is still usable")
	require.Equal(t, dec("0.0123"), price)

	price, at, err = f.k.GetPrice(f.ctx.WithBlockTime(t0.Add(time.Minute+time.Nanosecond)), "AMP/USD")
	require.ErrorIs(t, err, types.ErrPriceStale)
	require.True(t, price.IsNil(), "no price comes with an error")
	require.True(t, at.IsZero())
}

func TestQueries(t *testing.T) {
	f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD(), types.NewPair("BTC/USD", time.Hour, dec("0.2"), dec("0.5"), "")}})
	require.NoError(t, f.k.ApplyPrice(f.ctx, ampUSD(), keeper.Update{Price: dec("0.0123"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}))

	res, err := f.q.Price(f.ctx, &types.QueryPriceRequest{Pair: "AMP/USD"})
	require.NoError(t, err)
	require.Equal(t, dec("0.0123"), res.Price.Price)
	require.False(t, res.Stale)
	res, err = f.q.Price(f.ctx.WithBlockTime(t0.Add(2*time.Minute)), &types.QueryPriceRequest{Pair: "AMP/USD"})
	require.NoError(t, err)
	require.True(t, res.Stale, "a stale price is shown, flagged")

	for req, want := range map[string]codes.Code{"BTC/USD": codes.NotFound, "ETH/USD": codes.NotFound, "amp/usd": codes.InvalidArgument, "": codes.InvalidArgument} {
		_, err := f.q.Price(f.ctx, &types.QueryPriceRequest{Pair: req})
		require.Equal(t, want, status.Code(err), "%q: %v", req, err)
	}
	_, err = f.q.Price(f.ctx, nil)
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	prices, err := f.q.Prices(f.ctx, &types.QueryPricesRequest{})
	require.NoError(t, err)
	require.Len(t, prices.Prices, 1)

	pairs, err := f.q.Pairs(f.ctx, &types.QueryPairsRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{"AMP/USD", "BTC/USD"}, []string{pairs.Pairs[0].Name, pairs.Pairs[1].Name})
	pair, err := f.q.Pair(f.ctx, &types.QueryPairRequest{Pair: "BTC/USD"})
	require.NoError(t, err)
	require.Equal(t, dec("0.5"), pair.Pair.MinPower)
	_, err = f.q.Pair(f.ctx, &types.QueryPairRequest{Pair: "ETH/USD"})
	require.Equal(t, codes.NotFound, status.Code(err))

	params, err := f.q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.False(t, params.Params.PublisherFallback)

	// REST: the pair's slash is part of the path.
	mux := api.New(client.Context{}.WithInterfaceRegistry(f.app.InterfaceRegistry()), log.NewNopLogger(), nil).GRPCGatewayRouter
	require.NoError(t, types.RegisterQueryHandlerServer(context.Background(), mux, ctxQueryServer{f.q, f.ctx}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(path string) (int, map[string]any) {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		var out map[string]any
		require.NoError(t, json.Unmarshal(body, &out), string(body))
		return resp.StatusCode, out
	}
	code, body := get("/ampchain/oracle/v1/prices/AMP/USD")
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, "0.012300000000000000", body["price"].(map[string]any)["price"])
	code, body = get("/ampchain/oracle/v1/prices")
	require.Equal(t, http.StatusOK, code, body)
	require.Len(t, body["prices"], 1)
	code, _ = get("/ampchain/oracle/v1/prices/BTC/USD")
	require.Equal(t, http.StatusNotFound, code)
	code, body = get("/ampchain/oracle/v1/pairs/BTC/USD")
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, "BTC/USD", body["pair"].(map[string]any)["name"])
	code, body = get("/ampchain/oracle/v1/pairs")
	require.Equal(t, http.StatusOK, code, body)
	require.Len(t, body["pairs"], 2)
	code, _ = get("/ampchain/oracle/v1/params")
	require.Equal(t, http.StatusOK, code)
}

// ctxQueryServer serves REST requests with the fixture's context.
type ctxQueryServer struct {
	types.QueryServer
	ctx sdk.Context
}

func (s ctxQueryServer) Price(_ context.Context, r *types.QueryPriceRequest) (*types.QueryPriceResponse, error) {
	return s.QueryServer.Price(s.ctx, r)
}

func (s ctxQueryServer) Prices(_ context.Context, r *types.QueryPricesRequest) (*types.QueryPricesResponse, error) {
	return s.QueryServer.Prices(s.ctx, r)
}

func (s ctxQueryServer) Pair(_ context.Context, r *types.QueryPairRequest) (*types.QueryPairResponse, error) {
	return s.QueryServer.Pair(s.ctx, r)
}

func (s ctxQueryServer) Pairs(_ context.Context, r *types.QueryPairsRequest) (*types.QueryPairsResponse, error) {
	return s.QueryServer.Pairs(s.ctx, r)
}

func (s ctxQueryServer) Params(_ context.Context, r *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	return s.QueryServer.Params(s.ctx, r)
}

func TestGenesisRoundTrip(t *testing.T) {
	gs := &types.GenesisState{
		Params: types.Params{PublisherFallback: true},
		Pairs: []types.Pair{
			ampUSD(),
			{Name: "BTC/USD", MaxAge: time.Hour, MaxMove: dec("0.2"), MinPower: math.LegacyDec{}},
		},
		Prices: []types.Price{{Pair: "AMP/USD", Price: dec("0.0123"), UpdatedAt: t0, UpdatedHeight: 3, Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}},
	}
	f := setup(t, gs)
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	want := *gs
	want.Pairs = []types.Pair{ampUSD(), types.NewPair("BTC/USD", time.Hour, dec("0.2"), math.LegacyDec{}, "")}
	require.Equal(t, &want, exported, "the export is the genesis, with the default min_power filled in")

	// and the export loads into a fresh chain unchanged
	g := setup(t, exported)
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	price, _, err := g.k.GetPrice(g.ctx.WithBlockTime(t0.Add(time.Second)), "AMP/USD")
	require.NoError(t, err)
	require.Equal(t, dec("0.0123"), price)

	require.ErrorIs(t, g.k.InitGenesis(g.ctx, types.GenesisState{Pairs: []types.Pair{{Name: "bad"}}}), types.ErrInvalidGenesis)
}

func TestInvariants(t *testing.T) {
	f := setup(t, &types.GenesisState{Pairs: []types.Pair{ampUSD()}})
	require.NoError(t, f.k.ApplyPrice(f.ctx, ampUSD(), keeper.Update{Price: dec("1"), Source: types.PRICE_SOURCE_VOTE_EXTENSIONS}))
	for _, inv := range []sdk.Invariant{keeper.PairsValidInvariant(f.k), keeper.PricesRegisteredInvariant(f.k)} {
		msg, broken := inv(f.ctx)
		require.False(t, broken, msg)
	}
	require.NoError(t, f.k.Prices.Set(f.ctx, "BTC/USD", types.Price{Pair: "BTC/USD", Price: dec("1")}))
	msg, broken := keeper.PricesRegisteredInvariant(f.k)(f.ctx)
	require.True(t, broken)
	require.Contains(t, msg, "unregistered pair \"BTC/USD\"")

	require.NoError(t, f.k.Pairs.Set(f.ctx, "ETH/USD", types.Pair{Name: "ETH/USD"}))
	msg, broken = keeper.PairsValidInvariant(f.k)(f.ctx)
	require.True(t, broken)
	require.Contains(t, msg, "ETH/USD")
}

func TestMessagesThroughTheRouter(t *testing.T) {
	// the module's messages are routed and ValidateBasic runs for them
	f := setup(t, fallbackGenesis())
	handler := f.app.MsgServiceRouter().Handler(&types.MsgSetPrice{})
	require.NotNil(t, handler)
	_, err := handler(f.ctx, &types.MsgSetPrice{Publisher: "bad", Pair: "AMP/USD", Price: dec("1")})
	require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
	res, err := handler(f.ctx, &types.MsgSetPrice{Publisher: publisher.Address.String(), Pair: "AMP/USD", Price: dec("2")})
	require.NoError(t, err)
	require.NotNil(t, res)
	price, _, err := f.k.GetPrice(f.ctx, "AMP/USD")
	require.NoError(t, err)
	require.Equal(t, dec("2"), price)
}

// requireEvent requires a typed event of e's type in ctx that match accepts.
func requireEvent[E any, P interface {
	*E
	protoMessage
}](t *testing.T, ctx sdk.Context, _ P, match func(P) bool) {
	t.Helper()
	for _, ev := range ctx.EventManager().Events() {
		msg, err := sdk.ParseTypedEvent(abciEvent(ev))
		if err != nil {
			continue
		}
		if typed, ok := msg.(P); ok && match(typed) {
			return
		}
	}
	t.Fatalf("no matching %T among %d events", P(nil), len(ctx.EventManager().Events()))
}

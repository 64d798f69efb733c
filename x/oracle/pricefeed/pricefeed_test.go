package pricefeed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/ampchain/ampchain/x/oracle/pricefeed"
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func TestParsePrices(t *testing.T) {
	got, err := pricefeed.ParsePrices([]byte(`{"AMP/USD":"0.0123", "BTC/USD": 97000.5, "ETH/USD":" 3000 "}`))
	require.NoError(t, err)
	require.Equal(t, map[string]math.LegacyDec{"AMP/USD": dec("0.0123"), "BTC/USD": dec("97000.5"), "ETH/USD": dec("3000")}, got)

	got, err = pricefeed.ParsePrices([]byte(`{}`))
	require.NoError(t, err)
	require.Empty(t, got)

	for name, body := range map[string]string{
		"empty":          ``,
		"not json":       `AMP/USD=0.0123`,
		"array":          `[{"AMP/USD":"1"}]`,
		"null":           `null`,
		"truncated":      `{"AMP/USD":"0.01`,
		"trailing":       `{"AMP/USD":"1"} {"x":1}`,
		"zero":           `{"AMP/USD":"0"}`,
		"negative":       `{"AMP/USD":-1}`,
		"exponent":       `{"AMP/USD":1e-3}`,
		"words":          `{"AMP/USD":"one"}`,
		"bool":           `{"AMP/USD":true}`,
		"nested":         `{"AMP/USD":{"price":"1"}}`,
		"one bad of two": `{"AMP/USD":"1","BTC/USD":"x"}`,
	} {
		_, err := pricefeed.ParsePrices([]byte(body))
		require.Error(t, err, name)
	}
}

func TestFileProvider(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prices.json")
	p, err := pricefeed.New(pricefeed.Config{Source: "file://" + path, Timeout: time.Second})
	require.NoError(t, err)
	require.Equal(t, "file://"+path, p.String())

	_, err = p.Prices(context.Background())
	require.ErrorIs(t, err, os.ErrNotExist, "a missing file is an error, not zero prices")

	require.NoError(t, os.WriteFile(path, []byte(`{"AMP/USD":"0.0123"}`), 0o600))
	got, err := p.Prices(context.Background())
	require.NoError(t, err)
	require.Equal(t, dec("0.0123"), got["AMP/USD"])

	require.NoError(t, os.WriteFile(path, []byte(`{"AMP/USD":"0.0125"}`), 0o600))
	got, err = p.Prices(context.Background())
	require.NoError(t, err)
	require.Equal(t, dec("0.0125"), got["AMP/USD"], "the file is read again at every call")

	require.NoError(t, os.WriteFile(path, []byte(`garbage`), 0o600))
	_, err = p.Prices(context.Background())
	require.ErrorContains(t, err, path)

	require.NoError(t, os.WriteFile(path, []byte(`{"AMP/USD":"`+strings.Repeat("1", pricefeed.MaxBodyBytes)+`"}`), 0o600))
	_, err = p.Prices(context.Background())
	require.ErrorContains(t, err, "more than")

	// a bare absolute path is a file source too
	bare, err := pricefeed.New(pricefeed.Config{Source: path, Timeout: time.Second})
	require.NoError(t, err)
	require.Equal(t, "file://"+path, bare.String())
}

func TestHTTPProvider(t *testing.T) {
	body := `{"AMP/USD":"0.0123","BTC/USD":"97000.5"}`
	status := http.StatusOK
	delay := time.Duration(0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "/prices", r.URL.Path)
		time.Sleep(delay)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()

	p, err := pricefeed.New(pricefeed.Config{Source: srv.URL + "/prices", Timeout: 200 * time.Millisecond})
	require.NoError(t, err)
	got, err := p.Prices(context.Background())
	require.NoError(t, err)
	require.Equal(t, map[string]math.LegacyDec{"AMP/USD": dec("0.0123"), "BTC/USD": dec("97000.5")}, got)

	status = http.StatusServiceUnavailable
	_, err = p.Prices(context.Background())
	require.ErrorContains(t, err, "503")

	status, body = http.StatusOK, `<html>`
	_, err = p.Prices(context.Background())
	require.Error(t, err)

	body, delay = `{"AMP/USD":"1"}`, time.Second
	start := time.Now()
	_, err = p.Prices(context.Background())
	require.Error(t, err, "a source slower than the timeout gives no prices")
	require.Less(t, time.Since(start), 900*time.Millisecond, "the call returns at the timeout")
}

type fixedProvider map[string]math.LegacyDec

func (f fixedProvider) Prices(context.Context) (map[string]math.LegacyDec, error) { return f, nil }
func (f fixedProvider) String() string                                            { return "fixed" }

func TestNewAndRegister(t *testing.T) {
	p, err := pricefeed.New(pricefeed.Config{Timeout: time.Second})
	require.NoError(t, err)
	require.Nil(t, p, "no source, no provider")

	for _, bad := range []string{"ftp://host/prices", "file://relative/path", "prices.json", "http:///nohost", "file://host/abs"} {
		_, err := pricefeed.New(pricefeed.Config{Source: bad, Timeout: time.Second})
		require.Error(t, err, bad)
	}
	_, err = pricefeed.New(pricefeed.Config{Source: "/abs/prices.json"})
	require.ErrorContains(t, err, "timeout")

	pricefeed.Register("testfeed", func(u *url.URL, _ pricefeed.Config) (pricefeed.Provider, error) {
		require.Equal(t, "BTC", u.Host)
		return fixedProvider{"BTC/USD": dec("1")}, nil
	})
	require.Panics(t, func() { pricefeed.Register("file", nil) })
	p, err = pricefeed.New(pricefeed.Config{Source: "testfeed://BTC", Timeout: time.Second})
	require.NoError(t, err)
	got, err := p.Prices(context.Background())
	require.NoError(t, err)
	require.Equal(t, dec("1"), got["BTC/USD"])
}

type opts map[string]any

func (o opts) Get(k string) any { return o[k] }

func TestReadConfig(t *testing.T) {
	cfg, err := pricefeed.ReadConfig(opts{})
	require.NoError(t, err)
	require.Equal(t, pricefeed.DefaultConfig(), cfg)

	cfg, err = pricefeed.ReadConfig(opts{"oracle.source": "file:///p.json", "oracle.timeout": "250ms"})
	require.NoError(t, err)
	require.Equal(t, pricefeed.Config{Source: "file:///p.json", Timeout: 250 * time.Millisecond}, cfg)

	_, err = pricefeed.ReadConfig(opts{"oracle.timeout": "soon"})
	require.Error(t, err)
}

type panickingProvider struct{}

func (panickingProvider) Prices(context.Context) (map[string]math.LegacyDec, error) { panic("boom") }
func (panickingProvider) String() string                                            { return "panicking" }

func TestProviderPanicIsAnError(t *testing.T) {
	pricefeed.Register("panicfeed", func(*url.URL, pricefeed.Config) (pricefeed.Provider, error) { return panickingProvider{}, nil })
	p, err := pricefeed.New(pricefeed.Config{Source: "panicfeed://x", Timeout: time.Second})
	require.NoError(t, err)
	_, err = p.Prices(context.Background())
	require.ErrorContains(t, err, "boom")
}

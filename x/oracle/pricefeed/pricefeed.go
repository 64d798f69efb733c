// Package pricefeed is where a validator's node gets the prices it reports
// in its vote extensions. The source is named in the node's app.toml:
//
//	[oracle]
//	source = "file:///home/val/prices.json"   # or "http://127.0.0.1:8080/prices"
//	timeout = "500ms"
//
// Both built-in sources serve a JSON object of pair to price, e.g.
//
//	{"AMP/USD": "0.0123", "BTC/USD": "97000.5"}
//
// (prices as decimal strings or plain JSON numbers, no exponents). Other
// sources, such as exchange feeds, implement Provider and are registered
// for a URL scheme with Register.
package pricefeed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"cosmossdk.io/math"

	"github.com/ampchain/ampchain/x/oracle/types"
)

// MaxBodyBytes bounds what a source may return.
const MaxBodyBytes = 1 << 20

// Provider returns the node's current prices, pair to price. An error means
// the node has no trustworthy prices right now; it then reports none.
type Provider interface {
	Prices(ctx context.Context) (map[string]math.LegacyDec, error)
	// String names the source in logs.
	String() string
}

// Factory builds a Provider for a source URL.
type Factory func(source *url.URL, cfg Config) (Provider, error)

var (
	registryMu sync.RWMutex
	registry   = map[string]Factory{
		"file":  newFileProvider,
		"http":  newHTTPProvider,
		"https": newHTTPProvider,
	}
)

// Register makes sources with the given URL scheme (e.g. "binance") use f.
// It panics when the scheme is taken, as the built-in ones are.
func Register(scheme string, f Factory) {
	registryMu.Lock()
	defer registryMu.Unlock()
	scheme = strings.ToLower(scheme)
	if _, taken := registry[scheme]; taken {
		panic(fmt.Sprintf("pricefeed: scheme %q is already registered", scheme))
	}
	registry[scheme] = f
}

// New builds the provider cfg names; an empty source means no provider
// (nil, nil): the node then reports no prices. Every call of the returned
// provider is bounded by cfg.Timeout.
func New(cfg Config) (Provider, error) {
	source := strings.TrimSpace(cfg.Source)
	if source == "" {
		return nil, nil
	}
	if cfg.Timeout <= 0 {
		return nil, fmt.Errorf("oracle.timeout must be positive, got %s", cfg.Timeout)
	}
	if filepath.IsAbs(source) {
		source = "file://" + source
	}
	u, err := url.Parse(source)
	if err != nil {
		return nil, fmt.Errorf("oracle.source %q: %w", cfg.Source, err)
	}
	registryMu.RLock()
	f, ok := registry[strings.ToLower(u.Scheme)]
	registryMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("oracle.source %q: unknown scheme %q (want file://, http://, https:// or a registered feed)", cfg.Source, u.Scheme)
	}
	p, err := f(u, cfg)
	if err != nil {
		return nil, fmt.Errorf("oracle.source %q: %w", cfg.Source, err)
	}
	return timeoutProvider{Provider: p, timeout: cfg.Timeout}, nil
}

type timeoutProvider struct {
	Provider
	timeout time.Duration
}

func (p timeoutProvider) Prices(ctx context.Context) (map[string]math.LegacyDec, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	type result struct {
		prices map[string]math.LegacyDec
		err    error
	}
	done := make(chan result, 1)
	go func() {
		// A feed must never take the node down: its panic is its error.
		defer func() {
			if r := recover(); r != nil {
				done <- result{nil, fmt.Errorf("%s: panic: %v", p.Provider, r)}
			}
		}()
		prices, err := p.Provider.Prices(ctx)
		done <- result{prices, err}
	}()
	select {
	case r := <-done:
		return r.prices, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: no answer within %s", p.Provider, p.timeout)
	}
}

// ParsePrices decodes a JSON object of pair to price. Every price must be a
// positive decimal (a string such as "0.0123" or a plain JSON number); one
// bad entry makes the whole body invalid, since it shows the feed is broken.
func ParsePrices(body []byte) (map[string]math.LegacyDec, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a JSON object of pair to price: %w", err)
	}
	if raw == nil {
		return nil, errors.New("not a JSON object of pair to price: null")
	}
	if dec.More() {
		return nil, errors.New("trailing data after the JSON object")
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	prices := make(map[string]math.LegacyDec, len(raw))
	for _, name := range names {
		var text string
		v := bytes.TrimSpace(raw[name])
		if len(v) > 0 && v[0] == '"' {
			if err := json.Unmarshal(v, &text); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		} else {
			var n json.Number
			if err := json.Unmarshal(v, &n); err != nil {
				return nil, fmt.Errorf("%s: price must be a decimal string or number, got %s", name, v)
			}
			text = n.String()
		}
		price, err := math.LegacyNewDecFromStr(strings.TrimSpace(text))
		if err != nil {
			return nil, fmt.Errorf("%s: price %q: %w", name, text, err)
		}
		if err := types.ValidatePrice(price); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		prices[name] = price
	}
	return prices, nil
}

// readLimited reads at most MaxBodyBytes from r.
func readLimited(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBodyBytes {
		return nil, fmt.Errorf("more than %d bytes", MaxBodyBytes)
	}
	return body, nil
}

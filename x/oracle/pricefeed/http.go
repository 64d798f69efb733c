package pricefeed

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"cosmossdk.io/math"
)

// HTTPProvider GETs prices from a JSON endpoint at every call, e.g. a price
// service the operator runs beside the node.
type HTTPProvider struct {
	URL    string
	Client *http.Client
}

func newHTTPProvider(u *url.URL, cfg Config) (Provider, error) {
	if u.Host == "" {
		return nil, fmt.Errorf("http URL %q has no host", u)
	}
	return HTTPProvider{URL: u.String(), Client: &http.Client{Timeout: cfg.Timeout}}, nil
}

// Prices implements Provider.
func (p HTTPProvider) Prices(ctx context.Context) (map[string]math.LegacyDec, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	client := p.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", p.URL, resp.Status)
	}
	body, err := readLimited(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	prices, err := ParsePrices(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	return prices, nil
}

func (p HTTPProvider) String() string { return p.URL }

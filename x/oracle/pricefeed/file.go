package pricefeed

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"cosmossdk.io/math"
)

// FileProvider reads prices from a local JSON file at every call, so that an
// operator (or a script that polls exchanges) can rewrite the file at any
// time. Write it atomically (write a temporary file, then rename) so that
// the node never reads half a file; a half-written file is rejected as a
// whole and the node reports no prices for that block.
type FileProvider struct {
	Path string
}

func newFileProvider(u *url.URL, _ Config) (Provider, error) {
	if u.Host != "" && u.Host != "localhost" {
		return nil, fmt.Errorf("file URL must be file:///absolute/path, got host %q", u.Host)
	}
	if !filepath.IsAbs(u.Path) {
		return nil, fmt.Errorf("file path %q is not absolute", u.Path)
	}
	return FileProvider{Path: u.Path}, nil
}

// Prices implements Provider.
func (p FileProvider) Prices(_ context.Context) (map[string]math.LegacyDec, error) {
	f, err := os.Open(p.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := readLimited(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	prices, err := ParsePrices(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	return prices, nil
}

func (p FileProvider) String() string { return "file://" + p.Path }

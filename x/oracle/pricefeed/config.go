package pricefeed

import (
	"fmt"
	"time"

	"github.com/spf13/cast"
)

// Config is the [oracle] section of a node's app.toml.
type Config struct {
	// Source names where the node reads its prices: "file:///abs/path.json",
	// "/abs/path.json", "http(s)://host/path" or a registered feed. Empty: the
	// node reports no prices (its vote extensions are empty).
	Source string `mapstructure:"source"`
	// Timeout bounds one read of the source; the vote waits for it.
	Timeout time.Duration `mapstructure:"timeout"`
}

// DefaultConfig has no source and a 500 ms timeout: a vote extension is
// produced while the node precommits, so a slow source delays its vote.
func DefaultConfig() Config {
	return Config{Timeout: 500 * time.Millisecond}
}

// App option keys of the [oracle] section.
const (
	FlagSource  = "oracle.source"
	FlagTimeout = "oracle.timeout"
)

// AppOptions is how the app reads its configuration (servertypes.AppOptions).
type AppOptions interface {
	Get(string) interface{}
}

// ReadConfig reads the [oracle] section; missing keys take the defaults.
func ReadConfig(opts AppOptions) (Config, error) {
	cfg := DefaultConfig()
	if v := opts.Get(FlagSource); v != nil {
		s, err := cast.ToStringE(v)
		if err != nil {
			return cfg, fmt.Errorf("%s: %w", FlagSource, err)
		}
		cfg.Source = s
	}
	if v := opts.Get(FlagTimeout); v != nil {
		if s, ok := v.(string); !ok || s != "" {
			d, err := cast.ToDurationE(v)
			if err != nil {
				return cfg, fmt.Errorf("%s: %w", FlagTimeout, err)
			}
			cfg.Timeout = d
		}
	}
	return cfg, nil
}

// ConfigTemplate is the [oracle] section of app.toml, rendered from a
// struct with an Oracle field of type Config.
const ConfigTemplate = `
###############################################################################
###                          Oracle (x/oracle)                              ###
###############################################################################

[oracle]

# source is where this validator's node reads the prices it reports in its
# CometBFT vote extensions (only pairs registered on chain are reported):
#   "file:///abs/path/prices.json"    a local JSON file, read at every block
#   "http://127.0.0.1:8080/prices"    a JSON endpoint (http or https)
# Both serve a JSON object of pair to price, e.g.
#   {"AMP/USD": "0.0123", "BTC/USD": "97000.5"}
# Empty: the node reports no prices. Non-validators may leave it empty.
source = "{{ .Oracle.Source }}"

# timeout bounds one read of the source (the node's vote waits for it).
timeout = "{{ .Oracle.Timeout }}"
`

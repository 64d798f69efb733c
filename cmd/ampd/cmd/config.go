package cmd

import (
	"time"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	cmtcfg "github.com/cometbft/cometbft/config"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/x/oracle/pricefeed"
)

// BlockInterval is the pause after a commit before the next height starts.
// A guarantee is final in the block that includes it, so the block interval
// is the merchant's wait at the till: 500 ms keeps a payment under a second
// while leaving a 2-core validator time to verify a full block.
const BlockInterval = 500 * time.Millisecond

// cometConfig is CometBFT's default with the payment-sized block interval.
func cometConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.Consensus.TimeoutCommit = BlockInterval
	return cfg
}

// AppConfig is app.toml: the SDK's sections plus [oracle], where a
// validator names the source of the prices it reports.
type AppConfig struct {
	serverconfig.Config `mapstructure:",squash"`

	Oracle pricefeed.Config `mapstructure:"oracle"`
}

// appConfig is the SDK's default app.toml with fees priced in aamp, the
// REST and gRPC servers on, since wallets and payment processors use them,
// and an [oracle] section without a price source.
func appConfig() (string, any) {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.API.Enable = true
	cfg.GRPC.Enable = true
	return serverconfig.DefaultConfigTemplate + pricefeed.ConfigTemplate, AppConfig{Config: *cfg, Oracle: pricefeed.DefaultConfig()}
}

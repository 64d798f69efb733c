// Command ampbench loads a running AMP sidechain node with pre-signed
// transactions — bank sends, transfers by partition, guarantee opens and
// settlements — and reports committed throughput and broadcast-to-commit
// latency, each row beside bank send.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/bench"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ampbench:", err)
		os.Exit(1)
	}
}

func run() error {
	node := flag.String("node", "tcp://127.0.0.1:26657", "CometBFT RPC of the node to load")
	home := flag.String("home", "./.localnet", "home holding the funding key's keyring")
	from := flag.String("from", "demo", "funded key in the test keyring that pays for setup")
	chainID := flag.String("chain-id", app.DefaultChainID, "chain id")
	accounts := flag.Int("accounts", 50, "load-generating accounts, funded at setup")
	duration := flag.Duration("duration", 30*time.Second, "load per row at --rate")
	rate := flag.Float64("rate", 200, "target broadcasts per second over all connections (0: as fast as the node takes them, with --txs-per-account)")
	perAccount := flag.Int("txs-per-account", 0, "transactions per account per row (default: rate × duration ÷ accounts)")
	conns := flag.Int("connections", 4, "RPC connections broadcasting in parallel")
	rows := flag.String("rows", "bank,amp,open,attest", "rows to run")
	jsonOut := flag.String("json", "", "also write the results as JSON to this file")
	mdOut := flag.String("markdown", "", "also write the results as a Markdown table to this file")
	flag.Parse()

	n := *perAccount
	if n == 0 {
		n = max(1, int(*rate*duration.Seconds())/(*accounts))
	}
	ctx := context.Background()
	chain, funder, err := connect(*node, *home, *from, *chainID)
	if err != nil {
		return err
	}
	accs := make([]*bench.Account, *accounts)
	for i := range accs {
		accs[i] = bench.NewAccount(fmt.Sprint(time.Now().UnixNano()), i)
	}
	oneAMP := math.NewIntWithDecimal(1, app.DenomExponent)
	fmt.Fprintf(os.Stderr, "ampbench: setting up %d accounts on %s\n", len(accs), *node)
	fixture, err := bench.Setup(ctx, chain, funder, accs, oneAMP.MulRaw(100), oneAMP.MulRaw(100_000))
	if err != nil {
		return err
	}
	runner := bench.Runner{Node: *node, Connections: *conns, Rate: *rate, Settle: 30 * time.Second}
	want := map[string]bool{}
	for _, r := range strings.Split(*rows, ",") {
		want[strings.TrimSpace(r)] = true
	}
	var results []bench.Result
	row := func(key, name string, msgs bench.Msgs) error {
		if !want[key] {
			return nil
		}
		load, err := bench.Presign(chain, fixture, name, n, msgs)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "ampbench: %s: %d transactions\n", name, n*len(accs))
		res, err := runner.Run(ctx, load)
		if err != nil {
			return err
		}
		results = append(results, res)
		return nil
	}
	if err := row("bank", bench.RowBank, bench.BankSend(chain)); err != nil {
		return err
	}
	if err := row("amp", bench.RowAmp, bench.TransferByPartition); err != nil {
		return err
	}
	if (want["open"] || want["attest"]) && !fixture.HasPrice {
		return fmt.Errorf("%s", fixture.PriceNote)
	}
	if err := row("open", bench.RowOpen, bench.OpenGuarantee); err != nil {
		return err
	}
	if want["attest"] {
		ids, err := bench.OpenGuaranteeIDs(ctx, chain, fixture, n)
		if err != nil {
			return err
		}
		if err := row("attest", bench.RowAttest, bench.Attest(ids)); err != nil {
			return err
		}
	}
	results = bench.WithRatios(results)
	fmt.Printf("ampbench: %d CPUs, %d accounts, %d connections, target %.0f tx/s, %d tx/account/row\n",
		runtime.NumCPU(), len(accs), *conns, *rate, n)
	if err := bench.WriteTable(os.Stdout, results); err != nil {
		return err
	}
	if *jsonOut != "" {
		bz, err := json.MarshalIndent(results, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*jsonOut, bz, 0o644); err != nil {
			return err
		}
	}
	if *mdOut != "" {
		f, err := os.Create(*mdOut)
		if err != nil {
			return err
		}
		defer f.Close()
		w := bufio.NewWriter(f)
		bench.WriteMarkdown(w, results)
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// connect builds a client for node with the app's codecs and loads the
// funding key from the test keyring.
func connect(node, home, from, chainID string) (bench.Chain, *bench.Account, error) {
	tempHome, err := os.MkdirTemp("", "ampbench")
	if err != nil {
		return bench.Chain{}, nil, err
	}
	defer os.RemoveAll(tempHome)
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(tempHome))
	rpc, err := client.NewClientFromNode(node)
	if err != nil {
		return bench.Chain{}, nil, err
	}
	clientCtx := client.Context{}.
		WithCodec(a.AppCodec()).WithInterfaceRegistry(a.InterfaceRegistry()).WithTxConfig(a.TxConfig()).
		WithLegacyAmino(a.LegacyAmino()).WithAccountRetriever(authtypes.AccountRetriever{}).
		WithChainID(chainID).WithClient(rpc).WithNodeURI(node)
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, a.AppCodec())
	if err != nil {
		return bench.Chain{}, nil, err
	}
	armor, err := kr.ExportPrivKeyArmor(from, "")
	if err != nil {
		return bench.Chain{}, nil, fmt.Errorf("key %q in %s: %w", from, home, err)
	}
	key, _, err := crypto.UnarmorDecryptPrivKey(armor, "")
	if err != nil {
		return bench.Chain{}, nil, err
	}
	funder := &bench.Account{Key: key, Address: sdk.AccAddress(key.PubKey().Address())}
	chain := bench.Chain{
		Ctx:    clientCtx,
		Signer: bench.Signer{TxConfig: a.TxConfig(), ChainID: chainID, GasLimit: 50_000_000, Fees: sdk.NewCoins()},
		Denom:  app.BondDenom,
	}
	return chain, funder, nil
}

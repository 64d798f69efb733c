// Package network runs real CometBFT validators of the AMP sidechain inside
// the test process: each node has its own home, keys, p2p and RPC ports on
// 127.0.0.1, and its own app over an in-memory database; consensus, gossip
// and validator-set changes are CometBFT's own.
package network

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	servercmtlog "github.com/cosmos/cosmos-sdk/server/log"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	"github.com/cometbft/cometbft/rpc/client/local"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/ampchain/ampchain/app"
	"github.com/ampchain/ampchain/app/apptesting"
)

// Config describes a network.
type Config struct {
	// Validators form the genesis set, one node each.
	Validators []apptesting.Validator
	// FullNodes are nodes that start outside the validator set, with a real
	// consensus key that can be activated later.
	FullNodes []apptesting.Validator
	// Genesis shapes the rest of genesis (accounts, admin, params).
	Genesis apptesting.Options
	// BlockInterval is CometBFT's timeout_commit; default 200 ms.
	BlockInterval time.Duration
	// VoteExtensionsEnableHeight, when > 0, turns CometBFT vote extensions
	// on from that height (genesis consensus params).
	VoteExtensionsEnableHeight int64
	// AppOptions, when set, returns extra app options (app.toml keys such as
	// "oracle.source") for node i (validators first, then full nodes).
	AppOptions func(i int) map[string]any
	// WrapABCI, when set, wraps node i's ABCI application before CometBFT
	// gets it, e.g. to make one node misbehave.
	WrapABCI func(i int, app abci.Application) abci.Application
}

// Node is one running ampd node.
type Node struct {
	Key       apptesting.Validator
	Home      string
	App       *app.App
	RPC       *local.Local
	ClientCtx client.Context
	cometNode *node.Node
}

// Network is a running set of nodes sharing one genesis.
type Network struct {
	t     testing.TB
	Nodes []*Node
}

// New starts the network and waits for its first blocks; it is stopped
// when the test ends.
func New(t testing.TB, cfg Config) *Network {
	t.Helper()
	if cfg.BlockInterval == 0 {
		cfg.BlockInterval = 200 * time.Millisecond
	}
	keys := append(append([]apptesting.Validator{}, cfg.Validators...), cfg.FullNodes...)
	opts := cfg.Genesis
	opts.Validators = cfg.Validators
	opts.Accounts = append(append([]apptesting.Account{}, opts.Accounts...), accountsOf(cfg.FullNodes)...)
	genesisApp := apptesting.NewApp(t)
	appState, err := json.MarshalIndent(apptesting.GenesisState(t, genesisApp, opts), "", " ")
	require.NoError(t, err)
	genesis := &genutiltypes.AppGenesis{
		ChainID:       apptesting.ChainID,
		GenesisTime:   time.Now().UTC(),
		InitialHeight: 1,
		AppState:      appState,
		Consensus:     &genutiltypes.ConsensusGenesis{Params: cmttypes.DefaultConsensusParams()},
	}
	genesis.Consensus.Params.ABCI.VoteExtensionsEnableHeight = cfg.VoteExtensionsEnableHeight

	// Not t.TempDir: a stopping node may still flush its address book while
	// the testing package removes the folder, which would fail the test.
	root, err := os.MkdirTemp("", "ampchain-network-")
	require.NoError(t, err)
	net := &Network{t: t}
	configs := make([]*cmtcfg.Config, len(keys))
	peers := make([]string, len(keys))
	nodeKeys := make([]*p2p.NodeKey, len(keys))
	for i, key := range keys {
		home := filepath.Join(root, fmt.Sprintf("node%d", i))
		c := cmtcfg.DefaultConfig()
		c.SetRoot(home)
		cmtcfg.EnsureRoot(home)
		c.Moniker = key.Moniker
		c.Consensus.TimeoutCommit = cfg.BlockInterval
		c.P2P.ListenAddress = "tcp://127.0.0.1:" + freePort(t)
		c.RPC.ListenAddress = "tcp://127.0.0.1:" + freePort(t)
		c.RPC.PprofListenAddress = ""
		c.P2P.AllowDuplicateIP = true
		c.P2P.AddrBookStrict = false
		c.Instrumentation.Prometheus = false
		require.NoError(t, genesis.SaveAs(c.GenesisFile()))
		nodeKey, err := p2p.LoadOrGenNodeKey(c.NodeKeyFile())
		require.NoError(t, err)
		privval.NewFilePV(cmted25519.PrivKey(key.ConsKey.Bytes()), c.PrivValidatorKeyFile(), c.PrivValidatorStateFile()).Save()
		configs[i], nodeKeys[i] = c, nodeKey
		peers[i] = fmt.Sprintf("%s@%s", nodeKey.ID(), strings.TrimPrefix(c.P2P.ListenAddress, "tcp://"))
	}
	for i, key := range keys {
		var others []string
		for j, p := range peers {
			if j != i {
				others = append(others, p)
			}
		}
		configs[i].P2P.PersistentPeers = strings.Join(others, ",")
		n := startNode(t, cfg, i, configs[i], nodeKeys[i], key)
		net.Nodes = append(net.Nodes, n)
	}
	t.Cleanup(func() {
		net.stop()
		for i := 0; i < 10 && os.RemoveAll(root) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	net.WaitForHeight(2)
	return net
}

func accountsOf(vals []apptesting.Validator) []apptesting.Account {
	accs := make([]apptesting.Account, len(vals))
	for i, v := range vals {
		accs[i] = v.Account
	}
	return accs
}

func startNode(t testing.TB, cfg Config, i int, c *cmtcfg.Config, nodeKey *p2p.NodeKey, key apptesting.Validator) *Node {
	t.Helper()
	// NETWORK_LOG=1 shows the nodes' logs when a network test misbehaves.
	logger := log.NewNopLogger()
	if os.Getenv("NETWORK_LOG") != "" {
		logger = log.NewLogger(os.Stderr)
	}
	appOpts := simtestutil.NewAppOptionsWithFlagHome(c.RootDir).(simtestutil.AppOptionsMap)
	if cfg.AppOptions != nil {
		maps.Copy(appOpts, cfg.AppOptions(i))
	}
	a := app.New(logger, dbm.NewMemDB(), true, appOpts, baseapp.SetChainID(apptesting.ChainID))
	var abciApp abci.Application = server.NewCometABCIWrapper(a)
	if cfg.WrapABCI != nil {
		abciApp = cfg.WrapABCI(i, abciApp)
	}
	genesisProvider := func() (*cmttypes.GenesisDoc, error) {
		appGenesis, err := genutiltypes.AppGenesisFromFile(c.GenesisFile())
		if err != nil {
			return nil, err
		}
		return appGenesis.ToGenesisDoc()
	}
	cometNode, err := node.NewNode(c,
		privval.LoadFilePV(c.PrivValidatorKeyFile(), c.PrivValidatorStateFile()),
		nodeKey,
		proxy.NewLocalClientCreator(abciApp),
		genesisProvider,
		cmtcfg.DefaultDBProvider,
		node.DefaultMetricsProvider(c.Instrumentation),
		servercmtlog.CometLoggerWrapper{Logger: logger},
	)
	require.NoError(t, err)
	require.NoError(t, cometNode.Start())
	rpc := local.New(cometNode)
	clientCtx := client.Context{}.
		WithCodec(a.AppCodec()).
		WithInterfaceRegistry(a.InterfaceRegistry()).
		WithTxConfig(a.TxConfig()).
		WithLegacyAmino(a.LegacyAmino()).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithChainID(apptesting.ChainID).
		WithClient(rpc)
	return &Node{Key: key, Home: c.RootDir, App: a, RPC: rpc, ClientCtx: clientCtx, cometNode: cometNode}
}

func (n *Network) stop() {
	for _, node := range n.Nodes {
		if node.cometNode.IsRunning() {
			_ = node.cometNode.Stop()
			node.cometNode.Wait()
		}
		_ = node.App.Close()
	}
}

// LatestHeight is the node's last committed height.
func (nd *Node) LatestHeight(ctx context.Context) (int64, error) {
	status, err := nd.RPC.Status(ctx)
	if err != nil {
		return 0, err
	}
	return status.SyncInfo.LatestBlockHeight, nil
}

// WaitForHeight waits until every node has committed height h.
func (n *Network) WaitForHeight(h int64) {
	n.t.Helper()
	for _, nd := range n.Nodes {
		n.waitFor(fmt.Sprintf("%s to reach height %d", nd.Key.Moniker, h), 30*time.Second, func() bool {
			got, err := nd.LatestHeight(context.Background())
			return err == nil && got >= h
		})
	}
}

// WaitForBlocks waits until every node has committed count more blocks.
func (n *Network) WaitForBlocks(count int64) int64 {
	n.t.Helper()
	h, err := n.Nodes[0].LatestHeight(context.Background())
	require.NoError(n.t, err)
	n.WaitForHeight(h + count)
	return h + count
}

func (n *Network) waitFor(what string, timeout time.Duration, done func() bool) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for !done() {
		if time.Now().After(deadline) {
			n.t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// SendTx signs msgs with signer's key, broadcasts them through node 0 and
// waits for the block that includes them. It fails the test if CheckTx
// refuses the transaction; the execution result is returned as is.
func (n *Network) SendTx(signer apptesting.Account, msgs ...sdk.Msg) *abci.ExecTxResult {
	n.t.Helper()
	ctx := context.Background()
	nd := n.Nodes[0]
	var res *coretypes.ResultBroadcastTx
	// A node may answer the account query from a state a block behind its
	// mempool's; a sequence mismatch is retried with a fresh query.
	for attempt := 0; ; attempt++ {
		accNum, seq, err := nd.ClientCtx.AccountRetriever.GetAccountNumberSequence(nd.ClientCtx, signer.Address)
		require.NoError(n.t, err)
		tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(time.Now().UnixNano())), nd.ClientCtx.TxConfig, msgs,
			sdk.NewCoins(), 2_000_000, apptesting.ChainID, []uint64{accNum}, []uint64{seq}, signer.Key)
		require.NoError(n.t, err)
		txBytes, err := nd.ClientCtx.TxConfig.TxEncoder()(tx)
		require.NoError(n.t, err)
		res, err = nd.RPC.BroadcastTxSync(ctx, txBytes)
		require.NoError(n.t, err)
		if res.Codespace == sdkerrors.RootCodespace && res.Code == sdkerrors.ErrWrongSequence.ABCICode() && attempt < 20 {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		break
	}
	require.Zerof(n.t, res.Code, "CheckTx refused the transaction: %s", res.Log)
	var result *abci.ExecTxResult
	n.waitFor("transaction "+hex.EncodeToString(res.Hash)+" to be committed", 30*time.Second, func() bool {
		committed, err := nd.RPC.Tx(ctx, res.Hash, false)
		if err != nil {
			return false
		}
		result = &committed.TxResult
		return true
	})
	return result
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	require.NoError(t, err)
	return port
}

package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	cmttypes "github.com/cometbft/cometbft/types"
)

// Result is one row of the benchmark table.
type Result struct {
	Name        string        `json:"name"`
	Sent        int           `json:"sent"`
	Committed   int           `json:"committed"`
	Failed      int           `json:"failed"`
	TxPerSecond float64       `json:"committed_tx_per_second"`
	P50         time.Duration `json:"p50_ns"`
	P90         time.Duration `json:"p90_ns"`
	P99         time.Duration `json:"p99_ns"`
	Blocks      int           `json:"blocks"`
	RatioToBank float64       `json:"ratio_to_bank"`
	FirstError  string        `json:"first_error,omitempty"`
}

// Load is a set of pre-signed transactions, one ordered stream per account.
type Load struct {
	Name    string
	Streams [][][]byte
}

// Runner broadcasts loads to a node and times them to commit.
type Runner struct {
	Node        string
	Connections int
	// Rate is the target of broadcasts per second over all connections;
	// zero sends as fast as the node takes them.
	Rate float64
	// Settle is how long to wait for the last transactions to commit.
	Settle time.Duration
}

type sent struct {
	at time.Time
}

// Run broadcasts load and measures it.
func (r Runner) Run(ctx context.Context, load Load) (Result, error) {
	res := Result{Name: load.Name}
	sub, err := rpchttp.New(r.Node, "/websocket")
	if err != nil {
		return res, err
	}
	if err := sub.Start(); err != nil {
		return res, fmt.Errorf("websocket %s: %w", r.Node, err)
	}
	defer func() { _ = sub.Stop() }()
	subCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	blocks, err := sub.Subscribe(subCtx, "ampbench", cmttypes.QueryForEvent(cmttypes.EventNewBlock).String(), 1000)
	if err != nil {
		return res, fmt.Errorf("subscribe to new blocks: %w", err)
	}

	var mu sync.Mutex
	pending := map[string]sent{}
	var latencies []time.Duration
	// ours maps a height to the positions of this run's txs in its block.
	ours := map[int64][]int{}
	var lastCommit time.Time
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range blocks {
			block, ok := ev.Data.(cmttypes.EventDataNewBlock)
			if !ok {
				continue
			}
			now := time.Now()
			mu.Lock()
			for i, tx := range block.Block.Txs {
				hash := txHash(tx)
				if s, ok := pending[hash]; ok {
					latencies = append(latencies, now.Sub(s.at))
					delete(pending, hash)
					ours[block.Block.Height] = append(ours[block.Block.Height], i)
					lastCommit = now
				}
			}
			mu.Unlock()
		}
	}()

	total := 0
	for _, s := range load.Streams {
		total += len(s)
	}
	start := time.Now()
	errs := r.broadcast(ctx, load, start, func(hash string, at time.Time) {
		mu.Lock()
		pending[hash] = sent{at: at}
		mu.Unlock()
	})
	res.Sent = total - len(errs)
	if len(errs) > 0 {
		res.FirstError = errs[0].Error()
	}

	deadline := time.Now().Add(r.Settle)
	for time.Now().Before(deadline) {
		mu.Lock()
		left := len(pending)
		mu.Unlock()
		if left == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	_ = sub.UnsubscribeAll(context.Background(), "ampbench")
	mu.Lock()
	defer mu.Unlock()
	failedInBlock, err := r.countFailures(ctx, ours)
	if err != nil {
		return res, err
	}
	res.Committed = len(latencies) - failedInBlock
	res.Failed = total - res.Committed
	res.Blocks = len(ours)
	if elapsed := lastCommit.Sub(start); elapsed > 0 {
		res.TxPerSecond = float64(res.Committed) / elapsed.Seconds()
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	res.P50, res.P90, res.P99 = percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99)
	return res, nil
}

// broadcast sends each stream in order on one of the connections, pacing
// all of them to the target rate; it returns the CheckTx refusals.
func (r Runner) broadcast(ctx context.Context, load Load, start time.Time, record func(string, time.Time)) []error {
	conns := max(r.Connections, 1)
	clients := make([]*rpchttp.HTTP, conns)
	for i := range clients {
		c, err := rpchttp.New(r.Node, "/websocket")
		if err != nil {
			return []error{err}
		}
		clients[i] = c
	}
	var interval time.Duration
	if r.Rate > 0 {
		interval = time.Duration(float64(time.Second) * float64(conns) / r.Rate)
	}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			next := start
			for i := w; i < len(load.Streams); i += conns {
				for _, tx := range load.Streams[i] {
					if interval > 0 {
						time.Sleep(time.Until(next))
						next = next.Add(interval)
					}
					at := time.Now()
					record(txHash(tx), at)
					res, err := clients[w].BroadcastTxSync(ctx, tx)
					if err == nil && res.Code != 0 {
						err = fmt.Errorf("CheckTx code %d (%s): %s", res.Code, res.Codespace, res.Log)
					}
					if err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				}
			}
		}(w)
	}
	wg.Wait()
	return errs
}

// countFailures reads the committed blocks' results for this run's failed
// executions.
func (r Runner) countFailures(ctx context.Context, ours map[int64][]int) (int, error) {
	c, err := rpchttp.New(r.Node, "/websocket")
	if err != nil {
		return 0, err
	}
	failed := 0
	for h, positions := range ours {
		res, err := c.BlockResults(ctx, &h)
		if err != nil {
			return 0, err
		}
		for _, i := range positions {
			if i < len(res.TxsResults) && res.TxsResults[i].Code != 0 {
				failed++
			}
		}
	}
	return failed, nil
}

func txHash(tx []byte) string {
	sum := sha256.Sum256(tx)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// WithRatios fills each row's throughput ratio to the bank-send row.
func WithRatios(rows []Result) []Result {
	var bank float64
	for _, r := range rows {
		if r.Name == RowBank {
			bank = r.TxPerSecond
		}
	}
	for i := range rows {
		if bank > 0 {
			rows[i].RatioToBank = rows[i].TxPerSecond / bank
		}
	}
	return rows
}

// Row names, in the order they run.
const (
	RowBank   = "bank send"
	RowAmp    = "amp transfer-by-partition"
	RowOpen   = "collateral open-guarantee"
	RowAttest = "collateral attest-settlement"
)

// WriteTable prints rows as an aligned table.
func WriteTable(w io.Writer, rows []Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "row\tsent\tcommitted\tfailed\ttx/s\tp50\tp90\tp99\tblocks\tvs bank")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%s\t%s\t%s\t%d\t%.2f\n",
			r.Name, r.Sent, r.Committed, r.Failed, r.TxPerSecond, ms(r.P50), ms(r.P90), ms(r.P99), r.Blocks, r.RatioToBank)
	}
	return tw.Flush()
}

// WriteMarkdown prints rows as a Markdown table.
func WriteMarkdown(w io.Writer, rows []Result) {
	fmt.Fprintln(w, "| row | sent | committed | failed | committed tx/s | p50 | p90 | p99 | blocks | vs bank send |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %.1f | %s | %s | %s | %d | %.2f |\n",
			r.Name, r.Sent, r.Committed, r.Failed, r.TxPerSecond, ms(r.P50), ms(r.P90), ms(r.P99), r.Blocks, r.RatioToBank)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// Package e2e holds end-to-end tests that build ampd and run the localnet
// scripts (scripts/localnet.sh, scripts/localnet-4.sh) as real processes on
// 127.0.0.1, using temporary homes and free non-default ports.
//
// The tests are behind the `e2e` build tag; run them from the repo root with
//
//	go test -tags e2e -count=1 -timeout 20m ./tests/e2e/...
package e2e

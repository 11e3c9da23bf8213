package synth

import (
	"os"
	"testing"
)

// BenchEnv names the environment variable that points the benchmarks of
// every package at a site already written, for example the national one:
//
//	go run ./generator/internal/synth/cmd/synth -o /tmp/site
//	LOA_BENCH_SITE=/tmp/site go test -run '^$' -bench . -cpuprofile cpu.prof ./generator/load
const BenchEnv = "LOA_BENCH_SITE"

// BenchSite returns the folder of the site a benchmark works on: the one
// BenchEnv names, or else the Small site written into a temporary folder
// of tb (removed when tb ends).
func BenchSite(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv(BenchEnv); dir != "" {
		return dir
	}
	dir := tb.TempDir()
	if err := Write(dir, Small()); err != nil {
		tb.Fatal(err)
	}
	return dir
}

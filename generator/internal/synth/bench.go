package synth

import (
	"os"
	"syscall"
	"testing"
	"time"
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

// ReportCPU reports, as "cpu-ms/op", the processor time the process spent
// (user and system, all threads, the garbage collector included) from the
// call until the returned function is called, per iteration of b:
//
//	defer synth.ReportCPU(b)()
//	for b.Loop() { ... }
//
// On a shared machine wall time says more about the neighbours than about
// the code; processor time much less so.
func ReportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package build_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// The benchmarks below time the whole pipeline on a synthetic site: the
// small one of synth (1,000 units), written once per test binary, or the
// site in the folder LOA_BENCH_SITE (for example the national one that
// `go run ./generator/internal/synth/cmd/synth -o DIR` writes), so that
// `go test -bench . -cpuprofile` profiles the size that matters:
//
//	LOA_BENCH_SITE=/tmp/site go test -run '^$' -bench Site -benchtime 1x \
//	    -cpuprofile cpu.prof ./generator/build

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func benchSite(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("LOA_BENCH_SITE"); dir != "" {
		return dir
	}
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "loa-bench-site-")
		if benchErr == nil {
			benchErr = synth.Write(benchDir, synth.Small())
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

// BenchmarkModel times load and campaign together.
func BenchmarkModel(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		var diags diag.List
		build.Model(build.Options{Site: dir}, &diags)
		if diags.HasErrors() {
			b.Fatal(diags.Errors())
		}
	}
}

// BenchmarkCheck times everything a build does but writing.
func BenchmarkCheck(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		var diags diag.List
		if err := build.Check(build.Options{Site: dir}, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

// BenchmarkSite times a whole build into a fresh output folder, with the
// cache folder the first iteration fills.
func BenchmarkSite(b *testing.B) {
	dir := benchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		var diags diag.List
		if _, err := build.Site(build.Options{Site: dir, Out: out}, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

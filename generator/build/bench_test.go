package build_test

import (
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/render"
	"github.com/loa-vn/loa/generator/theme"
)

// The benchmarks below time the whole pipeline on a synthetic site: the
// small one of synth (1,000 units), or the site in the folder
// LOA_BENCH_SITE (see synth.BenchSite), so that `go test -bench -cpuprofile`
// profiles the size that matters:
//
//	LOA_BENCH_SITE=/tmp/site go test -run '^$' -bench Site -benchtime 1x \
//	    -cpuprofile cpu.prof ./generator/build

// BenchmarkModel times load and campaign together.
func BenchmarkModel(b *testing.B) {
	dir := synth.BenchSite(b)
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
	dir := synth.BenchSite(b)
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
	dir := synth.BenchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		var diags diag.List
		if _, err := build.Site(build.Options{Site: dir, Out: out}, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

// BenchmarkSiteCold times a build that uses no cache: every QR code drawn.
func BenchmarkSiteCold(b *testing.B) {
	dir := synth.BenchSite(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		var diags diag.List
		if _, err := build.Site(build.Options{Site: dir, Out: out, NoCache: true}, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

// BenchmarkPrepare times what serve does on a save: read the sources
// again through its caches (here nothing changed) and prepare the render,
// whose pages are then made when they are asked for.
func BenchmarkPrepare(b *testing.B) {
	opts := build.Options{Site: synth.BenchSite(b), Sources: load.NewCache(), Markdown: render.NewDocs(), Model: campaign.NewCache(), Themes: theme.NewCache()}
	defer synth.ReportCPU(b)()
	for b.Loop() {
		var diags diag.List
		if _, _, err := build.Prepare(opts, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

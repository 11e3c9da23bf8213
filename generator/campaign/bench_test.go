package campaign

import (
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// BenchmarkNew builds the model of the synthetic site (synth.BenchSite:
// the small one, or LOA_BENCH_SITE) from what load read.
func BenchmarkNew(b *testing.B) {
	var diags diag.List
	s := load.Read(synth.BenchSite(b), &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	for b.Loop() {
		var diags diag.List
		New(s, Options{}, &diags)
	}
}

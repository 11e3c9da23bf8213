package load

import (
	"os"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// BenchmarkRead reads the synthetic site (synth.BenchSite: the small one,
// or LOA_BENCH_SITE).
func BenchmarkRead(b *testing.B) {
	dir := synth.BenchSite(b)
	for b.Loop() {
		var diags diag.List
		if Read(dir, &diags); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// BenchmarkReport compares the two ways of reading a report of the
// synthetic site: the fast path and BurntSushi/toml with positions.
func BenchmarkReport(b *testing.B) {
	dir := synth.BenchSite(b)
	var diags diag.List
	s := Read(dir, &diags)
	if len(s.Reports) == 0 {
		b.Skip("no report")
	}
	rel := s.Reports[len(s.Reports)-1].File
	r := &reader{root: dir, diags: &diags}
	raw, err := os.ReadFile(r.abs(rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			if _, ok := fastReport(&source{rel: rel, diags: &diags}, reportDay, raw); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("toml", func(b *testing.B) {
		for b.Loop() {
			f := &source{rel: rel, diags: &diags}
			m, _ := decodeTOML(f, raw)
			readReport(f, reportDay, m)
		}
	})
}

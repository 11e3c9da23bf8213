package load

import (
	"os"
	"strings"
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

// BenchmarkDeepTOML reads TOML nested far deeper than MaxNesting, which is
// refused: the time and memory it takes do not grow with the depth.
func BenchmarkDeepTOML(b *testing.B) {
	for _, c := range []struct {
		name string
		text string
	}{
		{"arrays-1M", deepArray(1000000)},
		{"inline-20k", deepInline(20000)},
		{"dotted-40k", strings.Repeat("a.", 40000) + "a = 1\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.text)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				var diags diag.List
				f := &source{rel: "content/reports/2024-01-05.toml", diags: &diags}
				if _, ok := decodeTOML(f, src); ok {
					b.Fatal("read without error")
				}
			}
		})
	}
}

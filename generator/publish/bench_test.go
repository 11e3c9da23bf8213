package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWrite writes a home page and 2,000 unit folders of a page, a poster and two
// images into a staging folder and swaps it in; "relink" writes them over
// the previous output with its manifest, so that all are linked.
func BenchmarkWrite(b *testing.B) {
	page := make([]byte, 20000)
	for i := range page {
		page[i] = byte('a' + i%26)
	}
	write := func(b *testing.B, out string, prev *Manifest) *Manifest {
		s, err := Begin(out)
		if err != nil {
			b.Fatal(err)
		}
		s.Record(prev)
		if err := s.Put("index.html", page[:3000]); err != nil {
			b.Fatal(err)
		}
		for i := range 2000 {
			dir := fmt.Sprintf("don-vi/don-vi-%d/", i)
			for _, f := range []struct {
				name string
				n    int
			}{{"index.html", 20000}, {"in/index.html", 4000}, {"qr.png", 1300}, {"qr.svg", 5000}} {
				if err := s.Put(dir+f.name, page[:f.n]); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
		return s.Manifest()
	}
	b.Run("fresh", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			write(b, out, nil)
		}
	})
	b.Run("link", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		m := write(b, out, nil)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			os.RemoveAll(sparePath(out))
			b.StartTimer()
			m = write(b, out, m)
		}
	})
	b.Run("spare", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		m := write(b, out, nil)
		m = write(b, out, m)
		for b.Loop() {
			m = write(b, out, m)
		}
	})
}

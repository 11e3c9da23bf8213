package build_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// TestOutputIgnoresScheduling builds a synthetic site with one processor
// and with four, and checks that every file comes out byte for byte the
// same: pages, list items rendered by whichever page asks first, QR codes
// and open data are jobs of a pool whose order varies with the processors.
func TestOutputIgnoresScheduling(t *testing.T) {
	site := t.TempDir()
	cfg := synth.Config{Units: 300, Groups: 7, Directives: 30, Reports: 12, Words: 120, Seed: 11}
	if err := synth.Write(site, cfg); err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var trees []map[string][]byte
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		out := filepath.Join(t.TempDir(), "public")
		var diags diag.List
		if _, err := build.Site(build.Options{Site: site, Out: out, NoCache: true}, &diags); err != nil {
			t.Fatal(err, diags.Errors())
		}
		trees = append(trees, sitetest.Files(t, out))
	}
	one, four := trees[0], trees[1]
	if len(one) != len(four) || len(one) < 4*cfg.Units {
		t.Fatalf("%d files with one processor, %d with four (at least %d expected)", len(one), len(four), 4*cfg.Units)
	}
	for p, data := range one {
		if !bytes.Equal(data, four[p]) {
			t.Errorf("%s differs between one processor and four", p)
		}
	}
}

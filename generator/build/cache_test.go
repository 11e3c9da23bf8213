package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// tinySynth is a synthetic site small enough for a unit test.
var tinySynth = synth.Config{Units: 30, Groups: 3, Directives: 6, Reports: 4, Words: 120, Seed: synth.DefaultSeed}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

// TestCache checks where the cache lives, that --no-cache and check leave
// it alone, and that the output is the same bytes whether it is empty,
// full, damaged or not used.
func TestCache(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Site: site, Out: filepath.Join(t.TempDir(), "public")}
	cacheDir := filepath.Join(site, ".loa-cache")
	if got := opts.CacheDir(); got != cacheDir {
		t.Errorf("CacheDir() = %s, want %s", got, cacheDir)
	}
	run := func(what string, opts build.Options) map[string][]byte {
		t.Helper()
		var diags diag.List
		if _, err := build.Site(opts, &diags); err != nil {
			t.Fatalf("%s: %v %v", what, err, diags.Errors())
		}
		return readTree(t, opts.Out)
	}
	entries := func() int {
		es, _ := os.ReadDir(filepath.Join(cacheDir, "qr"))
		return len(es)
	}

	var diags diag.List
	if err := build.Check(build.Options{Site: site}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	noCache := opts
	noCache.NoCache = true
	want := run("--no-cache", noCache)
	if _, err := os.Stat(cacheDir); !os.IsNotExist(err) {
		t.Fatalf("check or --no-cache made the cache folder (%v)", err)
	}

	sameTree(t, "cold build", run("cold build", opts), want)
	codes := tinySynth.Units + 1 // and the account's
	if n := entries(); n != codes {
		t.Errorf("%d cache entries, want %d", n, codes)
	}
	sameTree(t, "warm build", run("warm build", opts), want)

	// Damage every entry: the build draws the codes again, the same.
	es, _ := os.ReadDir(filepath.Join(cacheDir, "qr"))
	for i, e := range es {
		p := filepath.Join(cacheDir, "qr", e.Name())
		b, _ := os.ReadFile(p)
		switch i % 3 {
		case 0:
			b = b[:len(b)/2]
		case 1:
			b[len(b)/2] ^= 0x40
		case 2:
			b = nil
		}
		os.WriteFile(p, b, 0o644)
	}
	sameTree(t, "build over a damaged cache", run("damaged cache", opts), want)
	sameTree(t, "build after the repair", run("repaired cache", opts), want)
	if n := entries(); n != codes {
		t.Errorf("%d cache entries after the repair, want %d", n, codes)
	}
}

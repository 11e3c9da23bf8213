package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// tinySynth is a synthetic site small enough for a unit test.
var tinySynth = synth.Config{Units: 30, Groups: 3, Directives: 6, Reports: 4, Words: 120, Seed: synth.DefaultSeed}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte { return sitetest.Files(t, dir) }

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

// TestCache checks that nothing is kept in the site's .loa-cache/ (issue
// 11, item 6: others may write it), that the manifest of the output is
// kept beside it, that --no-cache and check keep none, and that the
// output is the same bytes whether the manifest is missing, whole,
// damaged or not used.
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
	manifest := filepath.Join(filepath.Dir(opts.Out), ".public.loa-manifest")
	run := func(what string, opts build.Options) map[string][]byte {
		t.Helper()
		var diags diag.List
		if _, err := build.Site(opts, &diags); err != nil {
			t.Fatalf("%s: %v %v", what, err, diags.Errors())
		}
		return readTree(t, opts.Out)
	}

	var diags diag.List
	if err := build.Check(build.Options{Site: site}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	noCache := opts
	noCache.NoCache = true
	want := run("--no-cache", noCache)
	if _, err := os.Stat(manifest); !os.IsNotExist(err) {
		t.Fatalf("--no-cache kept a manifest (%v)", err)
	}

	sameTree(t, "first build", run("first build", opts), want)
	if _, err := os.Stat(manifest); err != nil {
		t.Errorf("the build kept no manifest beside the output: %v", err)
	}
	other := opts
	other.Out = filepath.Join(t.TempDir(), "other")
	sameTree(t, "build into another folder", run("another folder", other), want)
	if _, err := os.Stat(cacheDir); !os.IsNotExist(err) {
		t.Fatalf("a build wrote the cache folder (%v)", err)
	}

	// Damage the manifest: the build finds nothing and writes the same.
	for i := 0; i < 3; i++ {
		b, err := os.ReadFile(manifest)
		if err != nil {
			t.Fatal(err)
		}
		switch i {
		case 0:
			b = b[:len(b)/2]
		case 1:
			b[len(b)/2] ^= 0x40
		case 2:
			b = nil
		}
		os.WriteFile(manifest, b, 0o644)
		sameTree(t, "build over a damaged manifest", run("damaged manifest", opts), want)
	}
	sameTree(t, "build after the repair", run("repaired manifest", opts), want)
	// --no-cache leaves no manifest of another output.
	run("--no-cache", noCache)
	if _, err := os.Stat(manifest); !os.IsNotExist(err) {
		t.Errorf("after --no-cache, a manifest is left beside the output (%v)", err)
	}
}

// TestRebuildLinks checks that a rebuild links the files that come out
// the same and writes the others, the output being the bytes a build
// without cache writes.
func TestRebuildLinks(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build1 := func(noCache bool) build.Stats {
		t.Helper()
		var diags diag.List
		stats, err := build.Site(build.Options{Site: site, Out: out, NoCache: noCache}, &diags)
		if err != nil {
			t.Fatal(err, diags.Errors())
		}
		return stats
	}
	first := build1(false)
	if first.Linked != 0 {
		t.Errorf("first build linked %d files", first.Linked)
	}
	// A comment in a report changes no page: every file is kept, the
	// open data too (its key is the figures of the campaign).
	reports, _ := filepath.Glob(filepath.Join(site, "content/reports/*.toml"))
	last := reports[len(reports)-1]
	b, _ := os.ReadFile(last)
	os.WriteFile(last, append(b, "# một ghi chú\n"...), 0o644)
	second := build1(false)
	if second.UpToDate || second.Linked != second.Files {
		t.Errorf("rebuild linked %d of %d files (up to date: %v), want all", second.Linked, second.Files, second.UpToDate)
	}

	// A report changes: the pages that show it are written again.
	os.WriteFile(last, bytes.Replace(b, []byte("followers = "), []byte("followers = 1"), 1), 0o644)
	third := build1(false)
	if third.Linked == 0 || third.Linked >= second.Linked {
		t.Errorf("after an edit, linked %d files (before: %d)", third.Linked, second.Linked)
	}
	got := readTree(t, out)
	build1(true)
	sameTree(t, "rebuild with links", got, readTree(t, out))
}

// TestUpToDate checks that a build with nothing changed leaves the output
// as it is, says so and prints the same warnings, and that any change to
// the sources, the options or the output itself means a build.
func TestUpToDate(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	// A unit that no report lists: a warning.
	units := filepath.Join(site, "content/units/tinh-01.toml")
	b, _ := os.ReadFile(units)
	os.WriteFile(units, append(b, "\n[[unit]]\nid = \"moi-them\"\nname = \"UBND xã Mới\"\n"...), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	run := func(opts build.Options) (build.Stats, []string) {
		t.Helper()
		opts.Site, opts.Out = site, out
		var diags diag.List
		stats, err := build.Site(opts, &diags)
		if err != nil {
			t.Fatal(err, diags.Errors())
		}
		var warns []string
		for _, d := range diags.All() {
			warns = append(warns, d.String())
		}
		return stats, warns
	}
	first, warns := run(build.Options{})
	if first.UpToDate || len(warns) != 1 {
		t.Fatalf("first build: up to date %v, warnings %v", first.UpToDate, warns)
	}
	want := readTree(t, out)

	again, warns2 := run(build.Options{})
	if !again.UpToDate || again.Files != first.Files || again.Bytes != first.Bytes || fmt.Sprint(warns2) != fmt.Sprint(warns) {
		t.Errorf("second build: %+v, warnings %v", again, warns2)
	}
	sameTree(t, "up to date", readTree(t, out), want)

	// Leftovers of a killed build are removed all the same.
	stale := filepath.Join(filepath.Dir(out), ".public.loa-staging-123")
	os.MkdirAll(stale, 0o755)
	if s, _ := run(build.Options{}); !s.UpToDate {
		t.Error("not up to date")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the killed build's staging folder is left")
	}

	for name, change := range map[string]func() (undo func()){
		"a file of the output changed": func() func() {
			p := filepath.Join(out, "index.html")
			os.WriteFile(p, []byte("sửa tay"), 0o644)
			return func() {}
		},
		// In place, same size, the modification time set back (touch -d):
		// the change time tells (issue 11, item 16).
		"a file of the output edited in place, its mtime set back": func() func() {
			p := filepath.Join(out, "robots.txt")
			fi, _ := os.Stat(p)
			f, _ := os.OpenFile(p, os.O_WRONLY, 0)
			f.WriteAt([]byte("X"), 0)
			f.Close()
			os.Chtimes(p, fi.ModTime(), fi.ModTime())
			return func() {}
		},
		"a file of the output removed": func() func() {
			os.Remove(filepath.Join(out, "robots.txt"))
			return func() {}
		},
		"a source changed": func() func() {
			os.WriteFile(units, append(b, "\n"...), 0o644)
			return func() {
				os.WriteFile(units, append(b, "\n[[unit]]\nid = \"moi-them\"\nname = \"UBND xã Mới\"\n"...), 0o644)
			}
		},
		"a source added": func() func() {
			p := filepath.Join(site, "content/ghi-chu.txt")
			os.WriteFile(p, []byte("x"), 0o644)
			return func() { os.Remove(p) }
		},
	} {
		undo := change()
		if s, _ := run(build.Options{}); s.UpToDate {
			t.Errorf("%s: up to date", name)
		}
		undo()
		run(build.Options{})
		sameTree(t, name+", and undone", readTree(t, out), want)
	}
	// A file no Loa build wrote (a CNAME) is not Loa's to check: a build
	// would carry it over as it is, so the output is still up to date, and
	// the file is still there.
	cname := filepath.Join(out, "CNAME")
	os.WriteFile(cname, []byte("zalo.example.vn\n"), 0o644)
	if s, _ := run(build.Options{}); !s.UpToDate {
		t.Error("a file added by hand: not up to date")
	}
	if s, _ := run(build.Options{NoCache: true}); s.UpToDate || fmt.Sprint(s.Kept) != "[CNAME]" {
		t.Errorf("a build kept %v, want [CNAME]", s.Kept)
	}
	if b, err := os.ReadFile(cname); err != nil || string(b) != "zalo.example.vn\n" {
		t.Errorf("CNAME after a build: %q, %v", b, err)
	}
	os.Remove(cname)

	for name, opts := range map[string]build.Options{
		"--no-cache": {NoCache: true}, "--drafts": {Drafts: true}, "--base-url": {BaseURL: "https://khac.example.vn/"},
	} {
		if s, _ := run(opts); s.UpToDate {
			t.Errorf("%s: up to date", name)
		}
		run(build.Options{})
	}
	if s, _ := run(build.Options{}); !s.UpToDate {
		t.Error("not up to date at the end")
	}
	sameTree(t, "at the end", readTree(t, out), want)
}

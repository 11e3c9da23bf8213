package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// TestRebuildIsAColdBuild checks, edit after edit, that a rebuild into
// the same folder (which updates the spare, the output before last, in
// place) gives byte for byte the tree that a cold build of the same
// sources (--no-cache, a new folder) gives: one count of the latest
// report, one directive's body, a new directive, a directive removed, and
// the spare deleted by hand.
func TestRebuildIsAColdBuild(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	n := 0
	check := func(what string) {
		t.Helper()
		var diags diag.List
		if _, err := build.Site(build.Options{Site: site, Out: out}, &diags); err != nil {
			t.Fatal(what, err, diags.Errors())
		}
		n++
		cold := filepath.Join(t.TempDir(), "cold")
		if _, err := build.Site(build.Options{Site: site, Out: cold, NoCache: true}, &diags); err != nil {
			t.Fatal(what, err, diags.Errors())
		}
		sameTree(t, what, readTree(t, out), readTree(t, cold))
	}
	edit := func(rel string, f func([]byte) []byte) {
		t.Helper()
		p := filepath.Join(site, rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		nb := f(b)
		if bytes.Equal(nb, b) {
			t.Fatalf("the edit of %s changed nothing", rel)
		}
		if err := os.WriteFile(p, nb, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check("first build")
	reports, _ := filepath.Glob(filepath.Join(site, "content/reports/*.toml"))
	last, _ := filepath.Rel(site, reports[len(reports)-1])
	edit(last, func(b []byte) []byte { return append(b, "# một ghi chú\n"...) })
	check("second build, no page changed")
	if _, err := os.Stat(filepath.Join(root, ".public.loa-spare")); err != nil {
		t.Fatalf("no spare after two builds: %v", err)
	}
	count := regexp.MustCompile(`(?m)^([a-z0-9-]+ = )([0-9]+)$`)
	for i := range 3 { // each edit updates the other tree
		edit(last, func(b []byte) []byte {
			m := count.FindSubmatchIndex(b)
			return append(append(append([]byte{}, b[:m[4]]...), []byte("7"+string(rune('0'+i)))...), b[m[4]:]...)
		})
		check("one count changed in the latest report")
	}

	dirs, _ := filepath.Glob(filepath.Join(site, "content/directives/*.md"))
	first, _ := filepath.Rel(site, dirs[0])
	edit(first, func(b []byte) []byte { return append(b, "\nMột câu thêm vào cuối văn bản.\n"...) })
	check("one directive body changed")

	b, _ := os.ReadFile(dirs[0])
	b = regexp.MustCompile(`(?m)^number = ".*"$`).ReplaceAll(b, []byte(`number = "999/TEST-VP"`))
	os.WriteFile(filepath.Join(site, "content/directives/moi-999.md"), b, 0o644)
	check("a new directive")

	// Its pages are gone from the rebuild too.
	os.Remove(filepath.Join(site, "content/directives/moi-999.md"))
	check("a directive removed")

	os.RemoveAll(filepath.Join(root, ".public.loa-spare"))
	edit(last, func(b []byte) []byte { return append(b, "# một ghi chú nữa\n"...) })
	check("the spare deleted")
	edit(last, func(b []byte) []byte { return append(b, "# ghi chú cuối\n"...) })
	check("the spare back")
}

package load

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

func diagStrings(l *diag.List) []string {
	var out []string
	for _, d := range l.All() {
		out = append(out, d.String())
	}
	return out
}

// readLikeRead reads dir through c, and fails the test unless that gives
// what Read gives, problems included.
func readLikeRead(t *testing.T, what, dir string, c *Cache) *Site {
	t.Helper()
	var want, got diag.List
	w := Read(dir, &want)
	g := ReadCached(dir, &got, c)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: the cached read differs from Read", what)
	}
	if fmt.Sprint(diagStrings(&got)) != fmt.Sprint(diagStrings(&want)) {
		t.Errorf("%s: problems\n%v\nwant\n%v", what, diagStrings(&got), diagStrings(&want))
	}
	return g
}

// TestReadCached checks that reading through a cache gives what Read gives,
// problems included, whatever changed in between, and that only the files
// that changed are read again.
func TestReadCached(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Config{Units: 20, Groups: 2, Directives: 4, Reports: 3, Words: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	// A report with an error and a directive with a warning-free bad name.
	os.WriteFile(filepath.Join(dir, "content/reports/2024-02-30.toml"), []byte("followers = -1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/directives/Sai Ten.md"), []byte("+++\nkind = \"Công văn\"\n+++\n"), 0o644)

	cache := NewCache()
	same := func(what string) *Site {
		t.Helper()
		return readLikeRead(t, what, dir, cache)
	}
	first := same("first read")
	if len(cache.files) == 0 {
		t.Fatal("nothing cached")
	}
	second := same("second read")
	// Unchanged files are the very values of the first read.
	if second.Reports[0] != first.Reports[0] || second.Directives[0] != first.Directives[0] || second.Groups[0] != first.Groups[0] {
		t.Error("unchanged files were read again")
	}

	time.Sleep(5 * time.Millisecond) // a new modification time, surely
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/2024-*.toml"))
	b, _ := os.ReadFile(reports[0])
	os.WriteFile(reports[0], append(b, "# sửa\n"...), 0o644)
	third := same("after an edit")
	if third.Reports[0] == second.Reports[0] || third.Reports[1] != second.Reports[1] {
		t.Error("the edited report was not read again, or another was")
	}

	os.Remove(reports[1])
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Khác\"\n"), 0o644)
	same("after a removal and a new site.toml")
	if _, ok := cache.files["content/reports/"+filepath.Base(reports[1])]; ok {
		t.Error("the removed report is still cached")
	}
}

// TestReadCachedReportsReusedIDs checks that an id used twice is reported
// on every read through the cache while it is there, and not after.
func TestReadCachedReportsReusedIDs(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Config{Units: 20, Groups: 2, Directives: 1, Reports: 1, Words: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	units, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	good, err := os.ReadFile(units[1])
	if err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	reused := func() int {
		var diags diag.List
		ReadCached(dir, &diags, cache)
		n := 0
		for _, d := range diagStrings(&diags) {
			if strings.Contains(d, "is already used") {
				n++
			}
		}
		return n
	}
	if n := reused(); n != 0 {
		t.Fatalf("%d ids reused in the synthetic site", n)
	}
	g := ReadCached(dir, &diag.List{}, cache).Groups[0]
	twice := fmt.Sprintf("%s\n[[unit]]\nid = %q\nname = \"Trùng\"\n", good, g.Units[0].ID)
	if err := os.WriteFile(units[1], []byte(twice), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if n := reused(); n != 1 {
			t.Errorf("read %d: %d ids reused, want 1", i+1, n)
		}
	}
	if err := os.WriteFile(units[1], good, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := reused(); n != 0 {
		t.Errorf("fixed: %d ids reused", n)
	}
}

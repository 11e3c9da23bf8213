package load

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
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
		var want, got diag.List
		w := Read(dir, &want)
		g := ReadCached(dir, &got, cache)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: the cached read differs from Read", what)
		}
		if fmt.Sprint(diagStrings(&got)) != fmt.Sprint(diagStrings(&want)) {
			t.Errorf("%s: problems\n%v\nwant\n%v", what, diagStrings(&got), diagStrings(&want))
		}
		return g
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

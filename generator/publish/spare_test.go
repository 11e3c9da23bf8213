package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree lists the files under dir, by slash path, with their bytes;
// symlinks as "-> target".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			got[filepath.ToSlash(rel)] = "-> " + target
			return nil
		}
		b, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	var bad []string
	for n, w := range want {
		if got[n] != w {
			bad = append(bad, n+": got "+strings.TrimSpace(got[n])+", want "+w)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			bad = append(bad, n+": not written by the build")
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("%s:\n%s", what, strings.Join(bad, "\n"))
	}
}

// TestSpareIsNotTrusted checks that the spare a rebuild updates in place
// (the output before last) gives exactly the files of the build whatever
// was done to it: a folder replaced by a symlink that leads out, a file
// with other bytes of the same size, a file made writable by all, a file
// in place of a folder, a file the build does not write. Nothing is
// written through the symlink.
func TestSpareIsNotTrusted(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	victim := filepath.Join(root, "victim")
	os.MkdirAll(victim, 0o755)
	os.WriteFile(filepath.Join(victim, "index.html"), []byte("not Loa's"), 0o644)
	files := map[string]string{"index.html": "home", "a/index.html": "page a", "b/index.html": "page b", "c/index.html": "page c", "d/e/index.html": "page e"}
	want := map[string]string{"du-lieu/big.csv": "a,b\r\n"}
	for n, b := range files {
		want[n] = b
	}
	m, _ := build(t, out, nil, files, true)
	m, _ = build(t, out, m, files, true)
	spare := sparePath(out)
	sameFiles(t, "the spare", tree(t, spare), want)

	os.RemoveAll(filepath.Join(spare, "a"))
	if err := os.Symlink(victim, filepath.Join(spare, "a")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(spare, "b/index.html"), []byte("PAGE B"), 0o644)
	os.Chmod(filepath.Join(spare, "c/index.html"), 0o666)
	os.RemoveAll(filepath.Join(spare, "d"))
	os.WriteFile(filepath.Join(spare, "d"), []byte("a file"), 0o644)
	os.WriteFile(filepath.Join(spare, "stale.html"), []byte("stale"), 0o644)

	// Killed (here: aborted) while the spare is updated: the output is
	// as it was.
	before := tree(t, out)
	build(t, out, m, map[string]string{"index.html": "other", "a/index.html": "other"}, false)
	sameFiles(t, "the output after an aborted build", tree(t, out), before)
	if got := tree(t, victim); got["index.html"] != "not Loa's" || len(got) != 1 {
		t.Fatalf("written through the spare's symlink: %v", got)
	}

	_, kept := build(t, out, m, files, true)
	sameFiles(t, "the output", tree(t, out), want)
	if kept != 0 {
		t.Errorf("kept %d files of the spare, want none (the aborted build wrote index.html)", kept)
	}
	if fi, err := os.Stat(filepath.Join(out, "c/index.html")); err != nil || fi.Mode().Perm() != fileMode {
		t.Errorf("c/index.html: %v, mode %v", err, fi.Mode())
	}
	if got := tree(t, victim); got["index.html"] != "not Loa's" || len(got) != 1 {
		t.Fatalf("written through the spare's symlink: %v", got)
	}
	if fi, err := os.Lstat(out); err != nil || !fi.IsDir() {
		t.Fatalf("the output is not a plain folder: %v", err)
	}
}

// TestSpareCarriesForeignFiles checks that files no Loa build wrote stay
// in the output, and once only, build after build with a spare.
func TestSpareCarriesForeignFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "home"}
	m, _ := build(t, out, nil, files, true)
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.vn"), 0o644)
	want := map[string]string{"index.html": "home", "CNAME": "example.vn", "du-lieu/big.csv": "a,b\r\n"}
	for i := 0; i < 4; i++ {
		m, _ = build(t, out, m, files, true)
		sameFiles(t, "the output", tree(t, out), want)
	}
}

package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
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
	// A folder of the user's, with a file and an empty folder in it, and
	// an empty folder at the top: found while the spare is pruned.
	os.MkdirAll(filepath.Join(out, "rieng", "trong"), 0o755)
	os.WriteFile(filepath.Join(out, "rieng", "ghi-chu.txt"), []byte("của người dùng"), 0o644)
	os.Mkdir(filepath.Join(out, "trong"), 0o755)
	want := map[string]string{"index.html": "home", "CNAME": "example.vn", "du-lieu/big.csv": "a,b\r\n", "rieng/ghi-chu.txt": "của người dùng"}
	for i := 0; i < 4; i++ {
		m, _ = build(t, out, m, files, true)
		sameFiles(t, "the output", tree(t, out), want)
		for _, dir := range []string{"trong", "rieng/trong"} {
			if fi, err := os.Stat(filepath.Join(out, dir)); err != nil || !fi.IsDir() {
				t.Errorf("build %d: the empty folder %s of the user's is gone (%v)", i+1, dir, err)
			}
		}
	}
}

// TestSpareWrittenOverOnlyWhenAlone checks that a file of the spare that
// no other name shares is written over (its inode stays: no file freed
// and made again), whether put or streamed, and cut to what was written;
// and that one another name shares (a link made by hand) is never written
// through.
func TestSpareWrittenOverOnlyWhenAlone(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	spare := sparePath(out)
	// A file written over keeps its inode, and its folder its times (a
	// file removed and made again may get the same inode number back).
	stamp := func(p string) [2]int64 {
		t.Helper()
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		dir, err := os.Lstat(filepath.Dir(p))
		if err != nil {
			t.Fatal(err)
		}
		return [2]int64{int64(fi.Sys().(*syscall.Stat_t).Ino), dir.ModTime().UnixNano()}
	}
	run := func(prev *Manifest, a, b, csv string) *Manifest {
		t.Helper()
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		s.Record(prev)
		// c is written over by one shorter on the third build.
		c := "c: " + strings.Repeat(b, 3)
		for name, body := range map[string]string{"index.html": "home", "a/index.html": a, "b/index.html": b, "c/index.html": c} {
			if err := s.Put(name, []byte(body)); err != nil {
				t.Fatal(err)
			}
		}
		w, err := s.Create("du-lieu/big.csv")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(csv))
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		return s.Manifest()
	}
	m := run(nil, "a 1", "b 1", "date,count\n2024-01-01,1\n2024-01-08,2\n")
	m = run(m, "a 2", "b 2", "date,count\n2024-01-01,1\n2024-01-08,3\n")
	// The spare is the first output: each of its files alone now.
	a, csv := stamp(filepath.Join(spare, "a/index.html")), stamp(filepath.Join(spare, "du-lieu/big.csv"))
	byHand := filepath.Join(root, "b-by-hand.html")
	if err := os.Link(filepath.Join(spare, "b/index.html"), byHand); err != nil {
		t.Fatal(err)
	}
	c, home := stamp(filepath.Join(spare, "c/index.html")), stamp(filepath.Join(spare, "index.html"))
	run(m, "a 3, longer than before", "b", "date,count\n")
	sameFiles(t, "the output", tree(t, out), map[string]string{
		"index.html": "home", "a/index.html": "a 3, longer than before", "b/index.html": "b", "c/index.html": "c: bbb",
		"du-lieu/big.csv": "date,count\n",
	})
	if stamp(filepath.Join(out, "c/index.html")) != c {
		t.Error("c/index.html, alone in the spare, was made afresh rather than written over")
	}
	if stamp(filepath.Join(out, "index.html"))[0] != home[0] {
		t.Error("index.html, the same in the spare, was made afresh")
	}
	if stamp(filepath.Join(out, "a/index.html")) != a {
		t.Error("a/index.html, alone in the spare, was made afresh rather than written over")
	}
	if stamp(filepath.Join(out, "du-lieu/big.csv")) != csv {
		t.Error("du-lieu/big.csv, alone in the spare, was made afresh rather than written over")
	}
	if b, _ := os.ReadFile(byHand); string(b) != "b 1" {
		t.Errorf("written through a link into the spare: %q", b)
	}
}

package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// build writes files into out through a recording Staging and returns
// the manifest and how many files it linked.
func build(t *testing.T, out string, prev *Manifest, files map[string]string, commit bool) (*Manifest, int64) {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	s.Record(prev)
	for name, body := range files {
		if err := s.Put(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	w, err := s.Create("du-lieu/big.csv")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("a,b\r\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !commit {
		s.Abort()
		return nil, s.Linked()
	}
	if s.Manifest() != nil {
		t.Fatal("a manifest before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(s.Manifest().Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return m, s.Linked()
}

func TestRecordLinksTheSameFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	v1 := map[string]string{"index.html": "home", "a/index.html": "a1", "b/index.html": "b", "c/index.html": "c", "d/index.html": "d"}
	m1, linked := build(t, out, nil, v1, true)
	if linked != 0 || len(m1.Files) != len(v1)+1 {
		t.Fatalf("first build: %d linked, %d recorded", linked, len(m1.Files))
	}
	inoB := inode(t, filepath.Join(out, "b/index.html"))

	// By hand, between two builds: c changes with the same size, d is
	// replaced by another file with the same bytes.
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(filepath.Join(out, "c/index.html"), []byte("C"), 0o644)
	os.Remove(filepath.Join(out, "d/index.html"))
	os.WriteFile(filepath.Join(out, "d/index.html"), []byte("d"), 0o644)

	v2 := map[string]string{"index.html": "home", "a/index.html": "a2", "b/index.html": "b", "c/index.html": "c", "d/index.html": "d", "e/index.html": "new"}
	// A build that fails leaves the output as it was, links or not.
	if _, linked := build(t, out, m1, v2, false); linked != 2 {
		t.Errorf("aborted build linked %d files, want 2 (index, b)", linked)
	}
	for name, want := range map[string]string{"a/index.html": "a1", "b/index.html": "b", "c/index.html": "C", "index.html": "home"} {
		if got := read(t, filepath.Join(out, name)); got != want {
			t.Errorf("after an aborted build, %s = %q, want %q", name, got, want)
		}
	}

	m2, linked := build(t, out, m1, v2, true)
	if linked != 2 {
		t.Errorf("linked %d files, want 2 (index and b; a changed, c and d were touched, e is new)", linked)
	}
	for name, want := range v2 {
		if got := read(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if inode(t, filepath.Join(out, "b/index.html")) != inoB {
		t.Error("b was written again, not linked")
	}
	b1, b2 := m1.Files["b/index.html"], m2.Files["b/index.html"]
	if len(m2.Files) != len(v2)+1 || b2.Sum != b1.Sum || b2.Ino != b1.Ino || b2.Mtime != b1.Mtime {
		t.Errorf("second manifest: %d files", len(m2.Files))
	}
	// The third build updates the spare, the first output as edited by
	// hand, in place: it keeps index, b and d (its bytes, read back, are
	// the ones given) and writes a, c, e and the stream.
	m3, linked := build(t, out, m2, v2, true)
	if linked != 3 {
		t.Errorf("third build kept %d files, want 3", linked)
	}
	// The fourth keeps everything but the stream.
	if _, linked := build(t, out, m3, v2, true); linked != int64(len(v2)) {
		t.Errorf("fourth build kept %d files, want %d", linked, len(v2))
	}
	for name, want := range v2 {
		if got := read(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := ReadManifest([]byte("garbage")); err == nil {
		t.Error("ReadManifest accepted garbage")
	}
}

// A file of the output edited in place by hand, same size, its
// modification time set back (touch -d, cp -p, rsync -t), is not linked
// into the next output: its bytes are read back first (issue 11, item
// 16). Before, size, mtime and inode alone let the edit through.
func TestRecordReadsBackBeforeLinking(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "home", "a/index.html": "page a"}
	m, _ := build(t, out, nil, files, true)
	p := filepath.Join(out, "a/index.html")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("PAGE"), 0) // in place: same inode, same size
	f.Close()
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.Stat(p); !now.ModTime().Equal(fi.ModTime()) || now.Size() != fi.Size() || inode(t, p) != m.Files["a/index.html"].Ino {
		t.Fatal("the edit did not keep size, mtime and inode")
	}
	if _, linked := build(t, out, m, files, true); linked != 1 {
		t.Errorf("linked %d files, want 1 (the home page only)", linked)
	}
	if got := read(t, p); got != "page a" {
		t.Errorf("a/index.html = %q, want the build's %q", got, "page a")
	}
}

// TestManifestBesideTheOutput checks that Commit keeps the manifest, and
// the caller's note, beside the output, where PreviousManifest finds them;
// that a build without Record leaves none (never one that describes
// another output); and that a damaged file is no manifest.
func TestManifestBesideTheOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	s.Record(nil)
	s.Put("index.html", []byte("trang chủ"))
	s.Note([]byte("ghi chú"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	m := PreviousManifest(out)
	if m == nil {
		t.Fatal("no manifest beside the output")
	}
	rec, ok := m.Files["index.html"]
	fi, err := os.Lstat(filepath.Join(out, "index.html"))
	if err != nil || !ok || !rec.Matches(fi) || string(m.Note) != "ghi chú" || len(m.Files) != 1 {
		t.Errorf("manifest beside the output: %+v (%v)", m, err)
	}

	p := filepath.Join(filepath.Dir(out), ".public.loa-manifest")
	b, _ := os.ReadFile(p)
	for i, bad := range [][]byte{b[:len(b)-1], append([]byte("x"), b[1:]...), nil} {
		os.WriteFile(p, bad, 0o644)
		if PreviousManifest(out) != nil {
			t.Errorf("damaged manifest %d read as whole", i)
		}
	}
	os.WriteFile(p, b, 0o644)

	s, err = Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	s.Put("index.html", []byte("trang chủ mới"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(p); !os.IsNotExist(err) {
		t.Errorf("a build without Record left the previous output's manifest (%v)", err)
	}
}

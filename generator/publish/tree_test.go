package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// ageRecords moves the listing time of the tree records beside out (the
// output's and the spare's) an hour ahead, as if the folders they list had
// been left alone for that long: every folder whose times are still those
// recorded is then taken from the record, not read.
func ageRecords(t *testing.T, out string) {
	t.Helper()
	for _, p := range []string{treePath(out), treePath(sparePath(out))} {
		rec := readTree(p)
		if rec == nil {
			t.Fatalf("no tree record at %s", p)
		}
		rec.At += int64(time.Hour)
		if err := writeTree(p, rec); err != nil {
			t.Fatal(err)
		}
	}
}

func names(l *listing, rel string) []string {
	var n []string
	if d := l.dir(rel); d != nil {
		for _, e := range d.Entries {
			n = append(n, e.Name)
		}
	}
	return n
}

// TestTreeRecordTrust checks when a listing takes a folder's entries from
// a record: only when the folder's inode and times are those recorded and
// its last change was well before the listing that recorded it.
func TestTreeRecordTrust(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a/x.html"), []byte("x"), 0o644)
	rec, err := listTree(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(rec, "a"); !slices.Equal(got, []string{"x.html"}) {
		t.Fatalf("listing of a: %v", got)
	}
	// A record that lies: a name the folder does not hold.
	rec.Dirs["a"].Entries = append(rec.Dirs["a"].Entries, entry{"ghost.html", 0})

	got, _ := listTree(dir, rec)
	if slices.Contains(names(got, "a"), "ghost.html") {
		t.Error("a folder changed within the margin of its listing was taken from the record")
	}
	rec.At += int64(time.Hour)
	got, _ = listTree(dir, rec)
	if !slices.Contains(names(got, "a"), "ghost.html") {
		t.Fatal("an old record of a folder left as it was is not used (the test proves nothing)")
	}
	// The folder changes: its times change, and the record no longer holds.
	os.WriteFile(filepath.Join(dir, "a/new.html"), []byte("new"), 0o644)
	got, _ = listTree(dir, rec)
	if n := names(got, "a"); slices.Contains(n, "ghost.html") || !slices.Contains(n, "new.html") {
		t.Errorf("after a file was added to a: %v", n)
	}
	// Written and read back, a record is the same; cut short, it is none.
	p := filepath.Join(t.TempDir(), "rec")
	if err := writeTree(p, rec); err != nil {
		t.Fatal(err)
	}
	back := readTree(p)
	if back == nil || back.At != rec.At || !slices.Equal(names(back, "a"), names(rec, "a")) || back.Dirs["a"].Stamp != rec.Dirs["a"].Stamp {
		t.Fatalf("read back: %+v", back)
	}
	b, _ := os.ReadFile(p)
	for _, cut := range []int{0, 5, len(b) / 2, len(b) - 1} {
		if _, err := parseTree(b[:cut]); err == nil {
			t.Errorf("a record cut at %d of %d bytes was read", cut, len(b))
		}
	}
}

// TestOldRecordsMissNoChange checks builds that take folders from records
// (made old, so that every folder left as it was is trusted): a file no
// Loa build wrote, put in a folder of the output, is carried over, build
// after build; a file put into the spare is not published; a record that
// lies about folders whose times are not its own changes nothing.
func TestOldRecordsMissNoChange(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "c/index.html": "c"}
	m, _ := build(t, out, nil, files, true)
	m, _ = build(t, out, m, files, true)
	m, _ = build(t, out, m, files, true)
	ageRecords(t, out)
	os.WriteFile(filepath.Join(out, "a/b/mine.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(sparePath(out), "c/stale.html"), []byte("stale"), 0o644)
	want := map[string]string{"du-lieu/big.csv": "a,b\r\n", "a/b/mine.txt": "mine"}
	for n, b := range files {
		want[n] = b
	}
	for i := 0; i < 3; i++ {
		m, _ = build(t, out, m, files, true)
		sameFiles(t, "the output", tree(t, out), want)
		ageRecords(t, out)
	}
	// A record of another folder (a forged one, or one left by a build
	// killed between two records): its times are not those of the folders.
	rec := readTree(treePath(out))
	rec.Dirs["a/b"].Entries = nil
	rec.Dirs["a/b"].Stamp.Ino++
	writeTree(treePath(sparePath(out)), rec)
	os.WriteFile(treePath(out), []byte("loa-tree 1 at 0\ndir \".\" 1 2 3\n"), 0o644) // cut short
	for i := 0; i < 2; i++ {
		m, _ = build(t, out, m, files, true)
		sameFiles(t, "the output", tree(t, out), want)
	}
}

// TestTreeRecordNames: a record gives back every name as it was listed,
// the plain names written without escapes and the others quoted, whatever
// bytes they hold.
func TestTreeRecordNames(t *testing.T) {
	odd := []string{"index.html", "a b", `say "hi"`, `back\slash`, "Đồng Hòa", "tab\there", "nl\nx", "\x7f", "bad\xffutf8", "~!@#$%^&*()"}
	for _, n := range odd {
		if got, want := string(appendQuote(nil, n)), strconv.Quote(n); got != want {
			t.Errorf("appendQuote(%q) = %s, want %s", n, got, want)
		}
	}
	dir := t.TempDir()
	for _, n := range odd {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := listTree(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "rec")
	if err := writeTree(file, l); err != nil {
		t.Fatal(err)
	}
	back := readTree(file)
	if back == nil {
		t.Fatal("the record written cannot be read")
	}
	got, want := names(back, "."), names(l, ".")
	if !slices.Equal(got, want) || len(got) != len(odd) {
		t.Errorf("names read back %q, listed %q", got, want)
	}
}

package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// writeNew writes what os.WriteFile writes: the bytes, over a longer file
// cut to them, with os.WriteFile's mode; its stat is the file's.
func TestWriteNewIsWriteFile(t *testing.T) {
	dir := t.TempDir()
	got, want := filepath.Join(dir, "got"), filepath.Join(dir, "want")
	long := make([]byte, 100_000)
	for i := range long {
		long[i] = byte(i)
	}
	for _, p := range []string{got, want} {
		if err := os.WriteFile(p, long, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	data := []byte("<p>Bản ngắn hơn</p>\n")
	var st syscall.Stat_t
	if err := writeNew(got, data, &st); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(want, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(got)
	if err != nil || string(b) != string(data) {
		t.Fatalf("file holds %q (%v), want %q", b, err, data)
	}
	gi, _ := os.Lstat(got)
	wi, _ := os.Lstat(want)
	if gi.Mode() != wi.Mode() {
		t.Errorf("mode %v, os.WriteFile gives %v", gi.Mode(), wi.Mode())
	}
	rec := stampStat(&st)
	if !rec.Matches(gi) {
		t.Errorf("the stat given, %+v, is not the file's", rec)
	}
	fresh := filepath.Join(dir, "fresh")
	if err := writeNew(fresh, data, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(fresh); string(b) != string(data) {
		t.Errorf("a new file holds %q", b)
	}
	if fi, _ := os.Lstat(fresh); fi.Mode() != fileMode {
		t.Errorf("a new file's mode is %v, want %v", fi.Mode(), fileMode)
	}
	if err := writeNew(filepath.Join(dir, "no", "such"), data, nil); !os.IsNotExist(err) {
		t.Errorf("into a missing folder: %v, want not-exist", err)
	}
}

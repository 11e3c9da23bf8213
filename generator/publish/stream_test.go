package publish

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestCreate checks that a file written as a stream lands where Put would
// put it, is counted once closed, and that Create refuses what Put
// refuses.
func TestCreate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	s.Put("index.html", []byte("home"))
	w, err := s.Create("du-lieu/tien-do.csv")
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("2024-01-01,bac-son,phuong,41\r\n", 20000) // beyond the buffer
	for i := 0; i < len(big); i += 1000 {
		io.WriteString(w, big[i:min(i+1000, len(big))])
	}
	if s.Files() != 1 {
		t.Errorf("%d files counted before Close, want 1", s.Files())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Files() != 2 || s.Bytes() != int64(4+len(big)) {
		t.Errorf("counted %d files, %d bytes", s.Files(), s.Bytes())
	}
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x"} {
		if _, err := s.Create(bad); err == nil {
			t.Errorf("Create(%q) accepted", bad)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "du-lieu", "tien-do.csv")); got != big {
		t.Errorf("streamed file: %d bytes, want %d", len(got), len(big))
	}
}

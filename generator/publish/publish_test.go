package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesWholeOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for i, files := range []map[string]string{
		{"index.html": "v1", "don-vi/cu/index.html": "old unit"},
		{"index.html": "v2", "don-vi/moi/index.html": "new unit"},
	} {
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for name, body := range files {
			if err := s.Put(name, []byte(body)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(out, "index.html")); got != files["index.html"] {
			t.Fatalf("build %d: index %q", i, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "don-vi/cu/index.html")); !os.IsNotExist(err) {
		t.Fatal("a file whose source is gone must be gone from the output")
	}
	// Beside the output: the list of its files and the previous output,
	// kept as the spare that the next build updates (spare.go).
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 3 || entries[0].Name() != ".public.loa-files" || entries[1].Name() != ".public.loa-spare" {
		t.Fatalf("staging left behind: %v", entries)
	}
}

func TestAbortLeavesOutputAsItWas(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s, _ := Begin(out)
	s.Put("index.html", []byte("good"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s, _ = Begin(out)
	s.Put("index.html", []byte("half"))
	s.Abort()
	if read(t, filepath.Join(out, "index.html")) != "good" {
		t.Fatal("abort changed the output")
	}
}

func TestPutNeverLeavesTheOutput(t *testing.T) {
	root := t.TempDir()
	s, err := Begin(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, bad := range []string{"../x", "a/../../x", "/etc/passwd", "", ".", "a\\..\\..\\x"} {
		if err := s.Put(bad, []byte("x")); err == nil {
			t.Errorf("Put(%q) was accepted", bad)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "x")); !os.IsNotExist(err) {
		t.Fatal("a file was written outside the output")
	}
	if err := s.Put("a/./b/../c.txt", []byte("ok")); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("precious"), 0o644)
	if _, err := Begin(dir); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("Begin on a foreign folder: %v", err)
	}
}

func TestStaleStagingRemoved(t *testing.T) {
	root := t.TempDir()
	stale := filepath.Join(root, ".public"+stagingMark+"123")
	os.MkdirAll(stale, 0o755)
	s, err := Begin(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatal("staging of a killed build left behind")
	}
}

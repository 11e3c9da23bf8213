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

// A build that writes new names lists them beside the list until its swap:
// a build killed after the swap, before the list is written anew, leaves
// them claimed, so the next build drops them rather than keep them as
// files no Loa build wrote.
func TestAddedNamesClaimedUntilTheListIsWritten(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build := func(files ...string) *Staging {
		t.Helper()
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := s.Put(f, []byte(f)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(ownedPath(out) + addedSuffix); !os.IsNotExist(err) {
			t.Fatalf("the addition to the list is left after the build: %v", err)
		}
		return s
	}
	build("index.html", "a.txt")
	first := read(t, ownedPath(out))
	build("index.html", "a.txt", "b.txt")
	if !strings.Contains(read(t, ownedPath(out)), `"b.txt"`) {
		t.Fatal("the list does not name the new file")
	}
	// As a build killed right after its swap leaves them.
	if err := os.WriteFile(ownedPath(out), []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := addOwned(out, map[string]string{"index.html": KindFile, "a.txt": KindFile},
		map[string]string{"index.html": KindFile, "a.txt": KindFile, "b.txt": KindFile}); err != nil {
		t.Fatal(err)
	}
	owned, ok := readOwned(out)
	if _, has := owned["b.txt"]; !ok || !has || len(owned) != 3 {
		t.Fatalf("list with its addition: %v %v", owned, ok)
	}
	s := build("index.html")
	if kept := s.Kept(); len(kept) != 0 {
		t.Fatalf("kept as no Loa build's: %v", kept)
	}
	if _, err := os.Lstat(filepath.Join(out, "b.txt")); !os.IsNotExist(err) {
		t.Fatal("b.txt, which a Loa build wrote, is still in the output")
	}

	// An addition that cannot be read makes the list unreadable: every
	// file is then carried over, none lost.
	os.WriteFile(ownedPath(out)+addedSuffix, []byte("not quoted\n"), 0o644)
	if _, ok := readOwned(out); ok {
		t.Fatal("a damaged addition was read")
	}
}
